import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { BIGINT_COLUMN } from '@app/core';
import { PLATFORMS, sqlValues } from '../vocabulary.js';
import { CreatorProfileEntity } from './creator-profile.entity.js';

/** One of a creator's accounts on a platform, with the audience figures brands decide by. */
@Entity('social_accounts')
// A handle is unique per platform whatever its case, and searchable by prefix on any platform:
// functional indexes, written in the migrations.
@Index('uq_social_accounts_platform_handle', { synchronize: false })
@Index('ix_social_accounts_creator', ['creatorId', 'id'])
@Index('ix_social_accounts_platform_followers', ['platform', 'followers'])
@Index('ix_social_accounts_audience_countries', { synchronize: false })
@Index('ix_social_accounts_handle_prefix', { synchronize: false })
@Check('chk_social_accounts_platform', `"platform" IN (${sqlValues(PLATFORMS)})`)
@Check('chk_social_accounts_counts', `"followers" >= 0 AND "avg_likes" >= 0 AND "avg_comments" >= 0 AND ("avg_views" IS NULL OR "avg_views" >= 0)`)
@Check('chk_social_accounts_rate', `("rate_per_post_minor" IS NULL) = ("rate_currency" IS NULL) AND ("rate_per_post_minor" IS NULL OR "rate_per_post_minor" >= 0)`)
export class SocialAccountEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  creatorId!: string;

  @ManyToOne(() => CreatorProfileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'creator_id' })
  creator?: Relation<CreatorProfileEntity>;

  @Column('text')
  platform!: string;

  /** As the creator writes it, without a leading @. */
  @Column('text')
  handle!: string;

  @Column('integer')
  followers!: number;

  /** Averages over recent posts. */
  @Column('integer')
  avgLikes!: number;

  @Column('integer')
  avgComments!: number;

  @Column('integer', { nullable: true })
  avgViews!: number | null;

  /** (avgLikes + avgComments) / followers, derived on every write and stored for querying. */
  @Column('double precision')
  engagementRate!: number;

  /** Share of the audience per country, in percent: `{ "US": 41.5, "GB": 12 }`, summing to at most 100. */
  @Column('jsonb', { default: () => "'{}'" })
  audienceCountries!: Record<string, number>;

  /** The keys of `audienceCountries`, indexed for "audience in country X" searches. */
  @Column('text', { array: true, default: () => "'{}'" })
  audienceCountryCodes!: string[];

  @Column('bigint', { nullable: true, transformer: BIGINT_COLUMN })
  ratePerPostMinor!: bigint | null;

  @Column('char', { length: 3, nullable: true })
  rateCurrency!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

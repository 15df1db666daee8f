import { CampaignEntity, EnrollmentEntity } from '@app/campaigns';
import { CreatorProfileEntity } from '@app/creators';
import { OrganizationEntity } from '@app/identity';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation, UpdateDateColumn } from 'typeorm';

/**
 * A creator's tracked link in a campaign: `/r/<slug>` (or `/r/<alias>`) redirects to
 * `destinationUrl` with a click id. Links are never deleted; they are disabled.
 */
@Entity('referral_links')
@Index('uq_referral_links_slug', ['slug'], { unique: true })
// Aliases are unique whatever their case, and no alias may equal a slug in any case:
// functional indexes, written in the migration.
@Index('uq_referral_links_alias', { synchronize: false })
@Index('ix_referral_links_slug_lower', { synchronize: false })
@Index('ix_referral_links_enrollment', ['enrollmentId', 'id'])
@Index('ix_referral_links_campaign', ['campaignId', 'id'])
@Index('ix_referral_links_creator', ['creatorId', 'id'])
@Index('ix_referral_links_organization', ['organizationId', 'id'])
@Check('chk_referral_links_status', `"status" IN ('ACTIVE', 'DISABLED')`)
export class ReferralLinkEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** The campaign's organization, copied here so every tenant query is one index lookup. */
  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<OrganizationEntity>;

  @Column('uuid')
  campaignId!: string;

  @ManyToOne(() => CampaignEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: Relation<CampaignEntity>;

  @Column('uuid')
  enrollmentId!: string;

  @ManyToOne(() => EnrollmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrollment_id' })
  enrollment?: Relation<EnrollmentEntity>;

  @Column('uuid')
  creatorId!: string;

  @ManyToOne(() => CreatorProfileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'creator_id' })
  creator?: Relation<CreatorProfileEntity>;

  /** Random base62, case-sensitive. */
  @Column('text')
  slug!: string;

  /** A vanity name as the creator typed it; unique whatever its case. */
  @Column('text', { nullable: true })
  alias!: string | null;

  /** The full destination with UTM parameters, checked against the brand's verified domains when claimed. */
  @Column('text')
  destinationUrl!: string;

  /** The deep link the creator asked for; null means the campaign's landing URL. */
  @Column('text', { nullable: true })
  destinationPath!: string | null;

  @Column('text')
  status!: string;

  @Column('uuid')
  createdByUserId!: string;

  @Column('timestamptz', { nullable: true })
  disabledAt!: Date | null;

  @Column('uuid', { nullable: true })
  disabledByUserId!: string | null;

  @Column('text', { nullable: true })
  disabledReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

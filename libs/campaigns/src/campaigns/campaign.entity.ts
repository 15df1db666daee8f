import { BIGINT_COLUMN } from '@app/core';
import { OrganizationEntity } from '@app/identity';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation, UpdateDateColumn } from 'typeorm';

/** A brand's campaign. Commission terms are versioned separately ({@link CampaignTermsEntity}). */
@Entity('campaigns')
@Index('ix_campaigns_organization', ['organizationId', 'id'])
@Index('ix_campaigns_status', ['status', 'visibility', 'id'])
@Check('chk_campaigns_status', `"status" IN ('DRAFT', 'ACTIVE', 'PAUSED', 'ENDED')`)
@Check('chk_campaigns_visibility', `"visibility" IN ('OPEN', 'INVITE_ONLY')`)
@Check('chk_campaigns_follower_band', `"min_followers" >= 0 AND "max_followers" >= "min_followers"`)
@Check('chk_campaigns_engagement', `"min_engagement_rate" >= 0 AND "min_engagement_rate" <= 1`)
@Check('chk_campaigns_dates', `"ends_at" IS NULL OR "starts_at" IS NULL OR "ends_at" > "starts_at"`)
@Check('chk_campaigns_budget', `"budget_minor" IS NULL OR "budget_minor" >= 0`)
@Index('uq_campaigns_organization_slug', ['organizationId', 'slug'], { unique: true })
@Check('chk_campaigns_max_links', `"max_links_per_creator" BETWEEN 1 AND 50`)
@Check(
  'chk_campaigns_discount',
  `("discount_type" IS NULL AND "discount_percent_bps" IS NULL AND "discount_amount_minor" IS NULL)
    OR ("discount_type" = 'PERCENTAGE' AND "discount_percent_bps" BETWEEN 1 AND 10000 AND "discount_amount_minor" IS NULL)
    OR ("discount_type" = 'FIXED_AMOUNT' AND "discount_amount_minor" > 0 AND "discount_percent_bps" IS NULL)`,
)
export class CampaignEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<OrganizationEntity>;

  @Column('text')
  status!: string;

  @Column('text')
  title!: string;

  /** URL-safe name, unique within the organization; tracked links carry it as `utm_campaign`. Fixed once published. */
  @Column('text')
  slug!: string;

  @Column('text', { default: '' })
  brief!: string;

  @Column('text', { nullable: true })
  landingUrl!: string | null;

  /** Where a disabled or ended link sends shoppers (without attribution); null answers 410 Gone. */
  @Column('text', { nullable: true })
  fallbackUrl!: string | null;

  /** Active referral links a creator may hold in this campaign. */
  @Column('integer', { default: 5 })
  maxLinksPerCreator!: number;

  /** The discount creators' codes carry: PERCENTAGE or FIXED_AMOUNT; null when the campaign offers none. */
  @Column('text', { nullable: true })
  discountType!: string | null;

  @Column('integer', { nullable: true })
  discountPercentBps!: number | null;

  /** In the campaign currency. */
  @Column('bigint', { nullable: true, transformer: BIGINT_COLUMN })
  discountAmountMinor!: bigint | null;

  @Column('text', { array: true, default: () => "'{}'" })
  niches!: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  platforms!: string[];

  /** ISO 3166-1 alpha-2 codes of the audience the brand wants to reach; empty means anywhere. */
  @Column('text', { array: true, default: () => "'{}'" })
  targetCountries!: string[];

  @Column('integer', { default: 10_000 })
  minFollowers!: number;

  @Column('integer', { default: 100_000 })
  maxFollowers!: number;

  /** A fraction: 0.03 is 3%. */
  @Column('double precision', { default: 0 })
  minEngagementRate!: number;

  @Column('timestamptz', { nullable: true })
  startsAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  endsAt!: Date | null;

  @Column('bigint', { nullable: true, transformer: BIGINT_COLUMN })
  budgetMinor!: bigint | null;

  /** ISO 4217; the currency of the budget and of flat commission amounts. */
  @Column('char', { length: 3 })
  currency!: string;

  @Column('text', { default: 'OPEN' })
  visibility!: string;

  @Column('boolean', { default: false })
  autoApprove!: boolean;

  /** Per-campaign matching weights by factor; null means the defaults. */
  @Column('jsonb', { nullable: true })
  matchWeights!: Record<string, number> | null;

  @Column('uuid')
  createdByUserId!: string;

  @Column('timestamptz', { nullable: true })
  publishedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  endedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

import { BIGINT_COLUMN } from '@app/core';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { CampaignEntity } from './campaign.entity.js';
import { AttributionRule, type StoredOverride, type StoredTier } from './commission-structure.js';

/**
 * One version of a campaign's commercial terms. Version 1 is edited in place while the
 * campaign is a draft; after publishing, every change is a new version effective from its
 * `effectiveFrom`, and a sale uses the version in effect when it was made.
 */
@Entity('campaign_terms')
@Index('uq_campaign_terms_version', ['campaignId', 'version'], { unique: true })
@Index('ix_campaign_terms_effective', ['campaignId', 'effectiveFrom'])
@Check('chk_campaign_terms_rate', `"commission_rate_bps" IS NULL OR ("commission_rate_bps" > 0 AND "commission_rate_bps" <= 10000)`)
@Check('chk_campaign_terms_flat', `"flat_amount_minor" IS NULL OR "flat_amount_minor" > 0`)
@Check('chk_campaign_terms_cap', `"cap_per_order_minor" IS NULL OR "cap_per_order_minor" > 0`)
@Check('chk_campaign_terms_days', `"attribution_window_days" BETWEEN 1 AND 365 AND "hold_days" BETWEEN 0 AND 365`)
@Check('chk_campaign_terms_platform_fee', `"platform_fee_bps" BETWEEN 0 AND 10000`)
export class CampaignTermsEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  campaignId!: string;

  @ManyToOne(() => CampaignEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: Relation<CampaignEntity>;

  @Column('integer')
  version!: number;

  /** Commission as basis points of the net sale: 1,500 is 15%. */
  @Column('integer', { nullable: true })
  commissionRateBps!: number | null;

  /** Flat commission per attributed order, in the campaign currency. */
  @Column('bigint', { nullable: true, transformer: BIGINT_COLUMN })
  flatAmountMinor!: bigint | null;

  /** Commission tiers by the creator's attributed net revenue in the calendar month, ascending. */
  @Column('jsonb', { default: () => "'[]'" })
  tiers!: StoredTier[];

  /** Per-SKU or per-product rates or flat amounts that replace the base rate for those lines. */
  @Column('jsonb', { default: () => "'[]'" })
  overrides!: StoredOverride[];

  /** Upper bound of one order's commission, in the campaign currency. */
  @Column('bigint', { nullable: true, transformer: BIGINT_COLUMN })
  capPerOrderMinor!: bigint | null;

  @Column('text', { default: AttributionRule.CODE_WINS })
  attributionRule!: AttributionRule;

  @Column('integer', { default: 30 })
  attributionWindowDays!: number;

  /** Days a commission waits (the return window) before it can become eligible. */
  @Column('integer', { default: 30 })
  holdDays!: number;

  /** Whether a compliant sponsorship disclosure must exist before commissions are approved. */
  @Column('boolean', { default: true })
  disclosureRequired!: boolean;

  /** The platform's fee, charged to the brand on top of each approved commission, in basis points of it: 1,000 is 10%. */
  @Column('integer', { default: 0 })
  platformFeeBps!: number;

  @Column('timestamptz')
  effectiveFrom!: Date;

  @Column('uuid')
  createdByUserId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

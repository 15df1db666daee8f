import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * What one enrollment sold on one day of its organization's time zone, in one currency,
 * through one source (a link, a code, or neither: a returning customer or a manual
 * assignment), with the commissions those orders earned by status. Recomputed from
 * `orders` and `commissions` whenever either changes for that day.
 */
@Entity('analytics_sale_days')
@Index('ix_analytics_sale_days_organization', ['organizationId', 'day'])
@Index('ix_analytics_sale_days_campaign', ['campaignId', 'day'])
@Index('ix_analytics_sale_days_creator', ['creatorId', 'day'])
@Index('ix_analytics_sale_days_link', ['linkId', 'day'])
@Index('ix_analytics_sale_days_code', ['codeId', 'day'])
export class SaleDayEntity {
  @PrimaryColumn('uuid')
  enrollmentId!: string;

  @PrimaryColumn('date')
  day!: string;

  @PrimaryColumn('char', { length: 3 })
  currency!: string;

  /** `link:<id>`, `code:<id>` or `other`. */
  @PrimaryColumn('text')
  sourceKey!: string;

  @Column('uuid')
  organizationId!: string;

  @Column('uuid')
  campaignId!: string;

  @Column('uuid')
  creatorId!: string;

  @Column('uuid', { nullable: true })
  linkId!: string | null;

  @Column('uuid', { nullable: true })
  codeId!: string | null;

  @Column('integer')
  orders!: number;

  /** Merchandise sold, net of discounts, before refunds (shipping and tax excluded). */
  @Column('bigint')
  grossMinor!: string;

  /** Gross less refunds and cancellations. */
  @Column('bigint')
  netMinor!: string;

  /** Orders refunded in part or whole, or cancelled. */
  @Column('integer')
  refundedOrders!: number;

  @Column('bigint')
  refundedMinor!: string;

  /** Commissions not decided yet (PENDING, ELIGIBLE, ON_HOLD, awaiting a second review). */
  @Column('bigint')
  commissionPendingMinor!: string;

  /** Approved, or in a payout being sent. */
  @Column('bigint')
  commissionApprovedMinor!: string;

  @Column('bigint')
  commissionPaidMinor!: string;

  /** The platform's fees on those commissions (the campaign's platformFeeBps, half-even). */
  @Column('bigint')
  feeMinor!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  refreshedAt!: Date;
}

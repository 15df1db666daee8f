import { Column, UpdateDateColumn } from 'typeorm';

/** The click counters of a day, as the link-level and campaign-level click rollups hold them. */
export abstract class ClickCounterColumns {
  /** Clicks by people. */
  @Column('integer')
  clicks!: number;

  /** Each visitor's first click on the link within an hour. */
  @Column('integer')
  uniqueClicks!: number;

  @Column('integer')
  botClicks!: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  refreshedAt!: Date;
}

/** The sale and commission counters of a day in one currency, as the enrollment-level and campaign-level sale rollups hold them. */
export abstract class SaleCounterColumns {
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

import { BIGINT_COLUMN } from '@app/core';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { CommissionKind, CommissionStatus, HoldReason } from './commission-status.js';

/**
 * What a creator earns from one order (`SALE`), or a correction after it was paid
 * (`CLAWBACK`, negative; `TOP_UP`, positive), in the order currency. The amount moves only
 * through `commission_adjustments`; the status only through the transition table.
 */
@Entity('commissions')
@Index('uq_commissions_order_sale', ['orderId'], { unique: true, where: `"kind" = 'SALE'` })
@Index('ix_commissions_organization', ['organizationId', 'createdAt', 'id'])
@Index('ix_commissions_creator', ['creatorId', 'createdAt', 'id'])
@Index('ix_commissions_campaign', ['campaignId', 'status'])
@Index('ix_commissions_order', ['orderId', 'createdAt'])
@Index('ix_commissions_pending_hold', ['eligibleAt'], { where: `"status" = 'PENDING'` })
@Index('ix_commissions_ordered_at', ['orderedAt'])
@Index('ix_commissions_review_queue', ['id'], { where: `"status" IN ('ELIGIBLE', 'APPROVAL_PENDING_SECOND_REVIEW')` })
@Check('chk_commissions_status', `"status" IN ('PENDING', 'ELIGIBLE', 'ON_HOLD', 'APPROVAL_PENDING_SECOND_REVIEW', 'APPROVED', 'IN_PAYOUT', 'REJECTED', 'PAID', 'REVERSED')`)
@Check('chk_commissions_second_review', `"status" <> 'APPROVAL_PENDING_SECOND_REVIEW' OR "first_approved_by_user_id" IS NOT NULL`)
@Check('chk_commissions_kind', `"kind" IN ('SALE', 'CLAWBACK', 'TOP_UP')`)
@Check('chk_commissions_sign', `("kind" = 'CLAWBACK' AND "amount_minor" <= 0) OR ("kind" <> 'CLAWBACK' AND "amount_minor" >= 0)`)
export class CommissionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @Column('uuid')
  campaignId!: string;

  @Column('uuid')
  enrollmentId!: string;

  @Column('uuid')
  creatorId!: string;

  @Column('uuid')
  orderId!: string;

  @Column('text')
  kind!: CommissionKind;

  /** The paid commission a clawback or top-up corrects. */
  @Column('uuid', { nullable: true })
  correctsCommissionId!: string | null;

  /** The campaign terms version it was computed under. */
  @Column('uuid')
  termsId!: string;

  @Column('char', { length: 3 })
  currency!: string;

  @Column('bigint', { transformer: BIGINT_COLUMN })
  amountMinor!: bigint;

  /** The amount the terms gave for the order as it stands, before refunds. */
  @Column('bigint', { transformer: BIGINT_COLUMN })
  quotedAmountMinor!: bigint;

  /** The order's net when quoted: refunds lower the amount in proportion to it. */
  @Column('bigint', { transformer: BIGINT_COLUMN })
  basisNetMinor!: bigint;

  /** The creator's attributed net in the month before this order (what tiers are judged by). */
  @Column('bigint', { transformer: BIGINT_COLUMN, default: 0 })
  tierBasisMinor!: bigint;

  @Column('text')
  status!: CommissionStatus;

  @Column('text', { array: true, default: () => "'{}'" })
  holdReasons!: HoldReason[];

  @Column('timestamptz')
  orderedAt!: Date;

  /** When the hold (return) window ends. */
  @Column('timestamptz')
  eligibleAt!: Date;

  /** Human lines explaining the amount ("15% of 84.00 net"). */
  @Column('text', { array: true, default: () => "'{}'" })
  explanation!: string[];

  /** Who approved it first when it needed a second reviewer, and when (the latest such approval). */
  @Column('uuid', { nullable: true })
  firstApprovedByUserId!: string | null;

  @Column('timestamptz', { nullable: true })
  firstApprovedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  approvedAt!: Date | null;

  /** Null when the platform approved it (a clawback is owed back at once). */
  @Column('uuid', { nullable: true })
  approvedByUserId!: string | null;

  @Column('timestamptz', { nullable: true })
  rejectedAt!: Date | null;

  @Column('uuid', { nullable: true })
  rejectedByUserId!: string | null;

  /** Finance's words on the latest review decision: the approval note or the reason for rejecting. */
  @Column('text', { nullable: true })
  reviewNote!: string | null;

  @Column('timestamptz', { nullable: true })
  paidAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  reversedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

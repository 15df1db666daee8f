import { CreatorProfileEntity } from '@app/creators';
import { BIGINT_COLUMN } from '@app/core';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { PayoutRunEntity } from './payout-run.entity.js';
import { PayoutStatus } from './payout-status.js';

/**
 * What one creator is paid in one run: their approved commissions less open clawbacks,
 * sent as one Stripe transfer whose idempotency key is this id.
 */
@Entity('payouts')
@Index('uq_payouts_run_creator', ['runId', 'creatorId'], { unique: true })
@Index('ix_payouts_creator', ['creatorId', 'createdAt', 'id'])
@Index('ix_payouts_pending', ['runId'], { where: `"status" = 'PENDING'` })
@Index('uq_payouts_transfer', ['stripeTransferId'], { unique: true, where: '"stripe_transfer_id" IS NOT NULL' })
@Check('chk_payouts_status', `"status" IN ('PENDING', 'SENT', 'FAILED')`)
@Check('chk_payouts_amounts', `"amount_minor" > 0 AND "gross_minor" >= "amount_minor" AND "clawback_minor" = "gross_minor" - "amount_minor"`)
export class PayoutEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  runId!: string;

  @ManyToOne(() => PayoutRunEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'run_id' })
  run?: Relation<PayoutRunEntity>;

  @Column('uuid')
  creatorId!: string;

  @ManyToOne(() => CreatorProfileEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'creator_id' })
  creator?: Relation<CreatorProfileEntity>;

  /** The connected account the transfer goes to, as it was when the run was made. */
  @Column('text')
  stripeAccountId!: string;

  @Column('char', { length: 3 })
  currency!: string;

  /** What is transferred: gross less clawbacks. */
  @Column('bigint', { transformer: BIGINT_COLUMN })
  amountMinor!: bigint;

  /** The approved commissions it pays. */
  @Column('bigint', { transformer: BIGINT_COLUMN })
  grossMinor!: bigint;

  /** The clawbacks it settles. */
  @Column('bigint', { transformer: BIGINT_COLUMN })
  clawbackMinor!: bigint;

  @Column('text')
  status!: PayoutStatus;

  /** Transfer attempts started. */
  @Column('integer', { default: 0 })
  attempts!: number;

  /**
   * An attempt started and its outcome was never recorded (a timeout, a crash): the transfer
   * may exist, so the next attempt looks it up before sending anything.
   */
  @Column('boolean', { default: false })
  outcomeUnknown!: boolean;

  @Column('timestamptz', { nullable: true })
  lastAttemptAt!: Date | null;

  @Column('text', { nullable: true })
  lastError!: string | null;

  @Column('text', { nullable: true })
  stripeTransferId!: string | null;

  @Column('text', { nullable: true })
  failureCode!: string | null;

  @Column('text', { nullable: true })
  failureMessage!: string | null;

  @Column('timestamptz', { nullable: true })
  sentAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  failedAt!: Date | null;

  /** What Stripe reversed of the transfer afterwards. */
  @Column('bigint', { transformer: BIGINT_COLUMN, default: 0 })
  reversedMinor!: bigint;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

import { CommissionEntity } from '@app/commissions';
import { BIGINT_COLUMN } from '@app/core';
import { PayoutEntity } from './payout.entity.js';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';

/**
 * A commission a payout pays (or a clawback it settles). While the payout is live the
 * commission can be in no other: the partial unique index is the last guard against paying
 * it twice. A failed payout releases its items.
 */
@Entity('payout_items')
@Index('uq_payout_items_live_commission', ['commissionId'], { unique: true, where: '"released_at" IS NULL' })
@Index('ix_payout_items_organization', ['organizationId'])
export class PayoutItemEntity {
  @PrimaryColumn('uuid')
  payoutId!: string;

  @ManyToOne(() => PayoutEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'payout_id' })
  payout?: Relation<PayoutEntity>;

  @PrimaryColumn('uuid')
  commissionId!: string;

  @ManyToOne(() => CommissionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commission_id' })
  commission?: Relation<CommissionEntity>;

  @Column('uuid')
  organizationId!: string;

  /** The commission's amount (negative for a clawback). */
  @Column('bigint', { transformer: BIGINT_COLUMN })
  amountMinor!: bigint;

  /** The platform fee the brand was charged on it. */
  @Column('bigint', { transformer: BIGINT_COLUMN })
  feeMinor!: bigint;

  @Column('timestamptz', { nullable: true })
  releasedAt!: Date | null;
}

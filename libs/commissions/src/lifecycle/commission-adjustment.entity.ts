import { BIGINT_COLUMN } from '@app/core';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { CommissionEntity } from './commission.entity.js';

export enum CommissionAdjustmentKind {
  CREATED = 'CREATED',
  ORDER_UPDATED = 'ORDER_UPDATED',
  REFUND = 'REFUND',
  CANCELLED = 'CANCELLED',
}

/**
 * Every change of a commission's amount, with the order change that caused it: the amount
 * is always the sum of these, and "when and why" for every cent is a read of this table.
 */
@Entity('commission_adjustments')
@Index('uq_commission_adjustments_source', ['commissionId', 'orderAdjustmentId'], { unique: true })
@Check('chk_commission_adjustments_kind', `"kind" IN ('CREATED', 'ORDER_UPDATED', 'REFUND', 'CANCELLED')`)
export class CommissionAdjustmentEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  commissionId!: string;

  @ManyToOne(() => CommissionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commission_id' })
  commission?: Relation<CommissionEntity>;

  @Column('uuid')
  orderAdjustmentId!: string;

  @Column('text')
  kind!: CommissionAdjustmentKind;

  @Column('bigint', { transformer: BIGINT_COLUMN })
  deltaMinor!: bigint;

  @Column('bigint', { transformer: BIGINT_COLUMN })
  amountAfterMinor!: bigint;

  @Column('text')
  reason!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

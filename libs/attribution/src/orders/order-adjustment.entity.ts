import { BIGINT_COLUMN } from '@app/core';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { OrderEntity } from './order.entity.js';

export enum OrderAdjustmentKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  REFUNDED = 'REFUNDED',
  CANCELLED = 'CANCELLED',
}

/**
 * One change to an order, never rewritten: the order's history is the sum of these.
 * `sourceKey` names what caused it (`created`, `update:<event id>`, `refund:<refund id>`,
 * `cancelled`), unique per order, so the same refund or event applies once.
 */
@Entity('order_adjustments')
@Index('uq_order_adjustments_source', ['orderId', 'sourceKey'], { unique: true })
@Check('chk_order_adjustments_kind', `"kind" IN ('CREATED', 'UPDATED', 'REFUNDED', 'CANCELLED')`)
export class OrderAdjustmentEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  orderId!: string;

  @ManyToOne(() => OrderEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'order_id' })
  order?: Relation<OrderEntity>;

  @Column('text')
  kind!: OrderAdjustmentKind;

  @Column('text')
  sourceKey!: string;

  /** The inbox event that caused it, when one did. */
  @Column('uuid', { nullable: true })
  eventId!: string | null;

  @Column('bigint', { transformer: BIGINT_COLUMN })
  subtotalDeltaMinor!: bigint;

  @Column('bigint', { transformer: BIGINT_COLUMN })
  discountDeltaMinor!: bigint;

  @Column('bigint', { transformer: BIGINT_COLUMN })
  shippingDeltaMinor!: bigint;

  @Column('bigint', { transformer: BIGINT_COLUMN })
  taxDeltaMinor!: bigint;

  @Column('bigint', { transformer: BIGINT_COLUMN })
  totalDeltaMinor!: bigint;

  @Column('bigint', { transformer: BIGINT_COLUMN })
  refundedNetDeltaMinor!: bigint;

  @Column('timestamptz')
  effectiveAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

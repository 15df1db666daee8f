import { BIGINT_COLUMN } from '@app/core';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { MerchantIntegrationEntity } from '../integrations/merchant-integration.entity.js';

export enum OrderStatus {
  OPEN = 'OPEN',
  /** Every unit of net merchandise value was refunded. */
  REFUNDED = 'REFUNDED',
  CANCELLED = 'CANCELLED',
}

/** A line as stored (jsonb): money as strings of minor units. */
export interface StoredOrderLine {
  sku: string | null;
  productId: string | null;
  quantity: number;
  unitPriceMinor: string;
  discountMinor: string;
}

/**
 * A merchant's order as it stands now. Its amounts change only through `order_adjustments`
 * (created, updated, refunded, cancelled), which keep every earlier state. Customer
 * identifiers are kept only as keyed hashes. The winner of its attribution is copied here
 * so creators' and campaigns' order lists are one index scan.
 */
@Entity('orders')
@Index('uq_orders_external', ['integrationId', 'externalId'], { unique: true })
@Index('ix_orders_organization', ['organizationId', 'orderedAt', 'id'])
@Index('ix_orders_creator', ['creatorId', 'orderedAt', 'id'])
@Index('ix_orders_campaign', ['campaignId', 'orderedAt', 'id'])
@Index('ix_orders_customer_email', ['organizationId', 'customerEmailHash', 'orderedAt'])
@Index('ix_orders_customer_id', ['organizationId', 'customerIdHash', 'orderedAt'])
@Check('chk_orders_status', `"status" IN ('OPEN', 'REFUNDED', 'CANCELLED')`)
@Check('chk_orders_amounts', `"subtotal_minor" >= 0 AND "discount_minor" >= 0 AND "shipping_minor" >= 0 AND "tax_minor" >= 0 AND "refunded_net_minor" >= 0`)
export class OrderEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @Column('uuid')
  integrationId!: string;

  @ManyToOne(() => MerchantIntegrationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'integration_id' })
  integration?: Relation<MerchantIntegrationEntity>;

  @Column('text')
  externalId!: string;

  @Column('text', { default: OrderStatus.OPEN })
  status!: OrderStatus;

  @Column('timestamptz')
  orderedAt!: Date;

  @Column('char', { length: 3 })
  currency!: string;

  @Column('bigint', { transformer: BIGINT_COLUMN })
  subtotalMinor!: bigint;

  @Column('bigint', { transformer: BIGINT_COLUMN })
  discountMinor!: bigint;

  @Column('bigint', { transformer: BIGINT_COLUMN })
  shippingMinor!: bigint;

  @Column('bigint', { transformer: BIGINT_COLUMN })
  taxMinor!: bigint;

  @Column('bigint', { transformer: BIGINT_COLUMN })
  totalMinor!: bigint;

  /** Net merchandise value refunded so far (never above subtotal − discount). */
  @Column('bigint', { transformer: BIGINT_COLUMN, default: 0 })
  refundedNetMinor!: bigint;

  @Column('text', { array: true, default: () => "'{}'" })
  discountCodes!: string[];

  /** The click id the shop passed on: a claim until attribution checks it. */
  @Column('uuid', { nullable: true })
  clickId!: string | null;

  @Column('text', { nullable: true })
  landingUrl!: string | null;

  @Column('text', { nullable: true })
  customerEmailHash!: string | null;

  @Column('text', { nullable: true })
  customerIdHash!: string | null;

  @Column('jsonb', { default: () => "'[]'" })
  lineItems!: StoredOrderLine[];

  /** The sender's last-modified time of the snapshot applied last. */
  @Column('timestamptz', { nullable: true })
  sourceUpdatedAt!: Date | null;

  @Column('uuid', { nullable: true })
  campaignId!: string | null;

  @Column('uuid', { nullable: true })
  enrollmentId!: string | null;

  @Column('uuid', { nullable: true })
  creatorId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** Subtotal less discounts: what commissions are a share of (tax and shipping never are). */
export function orderNetMinor(order: Pick<OrderEntity, 'subtotalMinor' | 'discountMinor'>): bigint {
  const net = order.subtotalMinor - order.discountMinor;
  return net > 0n ? net : 0n;
}

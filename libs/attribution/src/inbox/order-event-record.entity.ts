import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { MerchantIntegrationEntity } from '../integrations/merchant-integration.entity.js';

export enum OrderEventSource {
  GENERIC = 'GENERIC',
  SHOPIFY = 'SHOPIFY',
  API = 'API',
}

export enum OrderEventStatus {
  /** Stored; the worker has not applied it yet. */
  RECEIVED = 'RECEIVED',
  APPLIED = 'APPLIED',
  /** A refund whose order has not arrived: applied when it does. */
  WAITING_FOR_ORDER = 'WAITING_FOR_ORDER',
  /** Read and deliberately not applied (an update older than what is stored, a change to a cancelled order); `outcome` says why. */
  SKIPPED = 'SKIPPED',
  /** Could not be applied (a payload the worker cannot read); `outcome` says why. */
  FAILED = 'FAILED',
}

/**
 * The inbox: every order event exactly as it arrived, stored once per sender event id
 * (the unique index is the final guard against double effects), then applied by the worker.
 */
@Entity('order_events')
@Index('uq_order_events_external', ['integrationId', 'externalEventId'], { unique: true })
@Index('ix_order_events_order', ['integrationId', 'orderExternalId', 'receivedAt'])
@Index('ix_order_events_pending', ['receivedAt'], { where: `"status" = 'RECEIVED'` })
@Index('ix_order_events_unsealed', ['receivedAt'], { where: `NOT "identifiers_sealed"` })
@Check('chk_order_events_status', `"status" IN ('RECEIVED', 'APPLIED', 'WAITING_FOR_ORDER', 'SKIPPED', 'FAILED')`)
@Check('chk_order_events_source', `"source" IN ('GENERIC', 'SHOPIFY', 'API')`)
export class OrderEventRecordEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  integrationId!: string;

  @ManyToOne(() => MerchantIntegrationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'integration_id' })
  integration?: Relation<MerchantIntegrationEntity>;

  @Column('uuid')
  organizationId!: string;

  @Column('text')
  source!: OrderEventSource;

  @Column('text')
  externalEventId!: string;

  /** The sender's event type or topic, as sent (`order.created`, `orders/create`). */
  @Column('text')
  topic!: string;

  @Column('text')
  orderExternalId!: string;

  /**
   * The body as received (what the signature covered), except that the customer's email and
   * shop customer id are replaced by their keyed hashes and the shopper's other details are
   * removed before it is stored (see sealCustomerIdentifiers).
   */
  @Column('text')
  rawBody!: string;

  /** False only for bodies stored before sealing on arrival; the inbox sweeper seals them. */
  @Column('boolean', { default: true })
  identifiersSealed!: boolean;

  @Column('text', { default: OrderEventStatus.RECEIVED })
  status!: OrderEventStatus;

  @Column('text', { nullable: true })
  outcome!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt!: Date;

  @Column('timestamptz', { nullable: true })
  processedAt!: Date | null;
}

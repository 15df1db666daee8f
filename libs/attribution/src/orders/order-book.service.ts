import { type AppConfig, InjectConfig, newId } from '@app/core';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrderEventRecordEntity } from '../inbox/order-event-record.entity.js';
import { CustomerKeys } from './customer-keys.js';
import { OrderAdjustmentEntity, OrderAdjustmentKind } from './order-adjustment.entity.js';
import { type OrderEvent, OrderEventType, type OrderSnapshot } from './order-event.js';
import { OrderEntity, orderNetMinor, OrderStatus, type StoredOrderLine } from './order.entity.js';

export type OrderBookOutcome =
  | { kind: 'APPLIED'; order: OrderEntity; created: boolean; adjustments: OrderAdjustmentEntity[] }
  | { kind: 'WAITING_FOR_ORDER' }
  | { kind: 'SKIPPED'; order: OrderEntity; why: string };

type Amounts = Pick<OrderEntity, 'subtotalMinor' | 'discountMinor' | 'shippingMinor' | 'taxMinor' | 'totalMinor'>;

function amountsOf(snapshot: OrderSnapshot): Amounts {
  return {
    subtotalMinor: snapshot.subtotalMinor,
    discountMinor: snapshot.discountMinor,
    shippingMinor: snapshot.shippingMinor,
    taxMinor: snapshot.taxMinor,
    totalMinor: snapshot.totalMinor,
  };
}

function linesOf(snapshot: OrderSnapshot): StoredOrderLine[] {
  return snapshot.lineItems.map((line) => ({
    sku: line.sku,
    productId: line.productId,
    quantity: line.quantity,
    unitPriceMinor: line.unitPriceMinor.toString(),
    discountMinor: line.discountMinor.toString(),
  }));
}

const ZERO_DELTAS = { subtotalDeltaMinor: 0n, discountDeltaMinor: 0n, shippingDeltaMinor: 0n, taxDeltaMinor: 0n, totalDeltaMinor: 0n, refundedNetDeltaMinor: 0n };

/**
 * The orders as merchants report them. Each event becomes zero or more adjustments (never
 * an overwrite of history), under a per-order advisory lock so two events of one order
 * never interleave. Events may come in any order and any number of times: a refund before
 * its order waits, an older snapshot never replaces a newer one, a refund or cancellation
 * applies once.
 */
@Injectable()
export class OrderBookService {
  readonly customers: CustomerKeys;

  constructor(@InjectConfig() config: AppConfig) {
    this.customers = new CustomerKeys(config.ipHashSalt);
  }

  async apply(manager: EntityManager, record: OrderEventRecordEntity, event: OrderEvent): Promise<OrderBookOutcome> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`order:${record.integrationId}:${event.orderExternalId}`]);
    const order = await manager.findOne(OrderEntity, { where: { integrationId: record.integrationId, externalId: event.orderExternalId } });
    if (!order) {
      // A refund names an order we have not seen: it waits, and is applied when the order arrives.
      if (event.type === OrderEventType.OrderRefunded || !event.order) return { kind: 'WAITING_FOR_ORDER' };
      return this.create(manager, record, event, event.order);
    }
    switch (event.type) {
      case OrderEventType.OrderCreated:
        return { kind: 'SKIPPED', order, why: 'the order is already recorded' };
      case OrderEventType.OrderUpdated:
        return this.update(manager, record, order, event.order);
      case OrderEventType.OrderCancelled:
        return this.cancel(manager, record, order);
      case OrderEventType.OrderRefunded:
        return this.refund(manager, record, order, event);
    }
  }

  private async create(manager: EntityManager, record: OrderEventRecordEntity, event: OrderEvent, snapshot: OrderSnapshot): Promise<OrderBookOutcome> {
    const order = manager.create(OrderEntity, {
      id: newId(),
      organizationId: record.organizationId,
      integrationId: record.integrationId,
      externalId: snapshot.externalId,
      status: OrderStatus.OPEN,
      orderedAt: snapshot.orderedAt,
      currency: snapshot.currency,
      ...amountsOf(snapshot),
      refundedNetMinor: 0n,
      discountCodes: snapshot.discountCodes,
      clickId: snapshot.clickId,
      landingUrl: snapshot.landingUrl,
      customerEmailHash: this.customers.email(snapshot.customer.email),
      customerIdHash: this.customers.customerId(record.organizationId, snapshot.customer.externalId),
      lineItems: linesOf(snapshot),
      sourceUpdatedAt: snapshot.updatedAt,
      campaignId: null,
      enrollmentId: null,
      creatorId: null,
    });
    await manager.insert(OrderEntity, order);
    const created = await this.adjust(manager, order, record, OrderAdjustmentKind.CREATED, 'created', {
      ...ZERO_DELTAS,
      subtotalDeltaMinor: order.subtotalMinor,
      discountDeltaMinor: order.discountMinor,
      shippingDeltaMinor: order.shippingMinor,
      taxDeltaMinor: order.taxMinor,
      totalDeltaMinor: order.totalMinor,
    });
    const adjustments = [created];
    // The first word about an order can be its cancellation: record it, then cancel it.
    if (event.type === OrderEventType.OrderCancelled) {
      const cancelled = await this.cancel(manager, record, order);
      if (cancelled.kind === 'APPLIED') adjustments.push(...cancelled.adjustments);
    }
    return { kind: 'APPLIED', order, created: true, adjustments };
  }

  private async update(manager: EntityManager, record: OrderEventRecordEntity, order: OrderEntity, snapshot: OrderSnapshot | null): Promise<OrderBookOutcome> {
    if (!snapshot) return { kind: 'SKIPPED', order, why: 'the update carries no order' };
    if (order.status === OrderStatus.CANCELLED) return { kind: 'SKIPPED', order, why: 'the order is cancelled' };
    if (snapshot.updatedAt && order.sourceUpdatedAt && snapshot.updatedAt <= order.sourceUpdatedAt) {
      return { kind: 'SKIPPED', order, why: `the update (${snapshot.updatedAt.toISOString()}) is not newer than what is stored (${order.sourceUpdatedAt.toISOString()})` };
    }
    if (snapshot.currency !== order.currency) return { kind: 'SKIPPED', order, why: `the update is in ${snapshot.currency}, the order in ${order.currency}` };
    const next = amountsOf(snapshot);
    const deltas = {
      ...ZERO_DELTAS,
      subtotalDeltaMinor: next.subtotalMinor - order.subtotalMinor,
      discountDeltaMinor: next.discountMinor - order.discountMinor,
      shippingDeltaMinor: next.shippingMinor - order.shippingMinor,
      taxDeltaMinor: next.taxMinor - order.taxMinor,
      totalDeltaMinor: next.totalMinor - order.totalMinor,
    };
    Object.assign(order, next, { lineItems: linesOf(snapshot), sourceUpdatedAt: snapshot.updatedAt ?? order.sourceUpdatedAt });
    // Refunds never exceed what the order is now worth.
    const net = orderNetMinor(order);
    if (order.refundedNetMinor > net) deltas.refundedNetDeltaMinor = net - order.refundedNetMinor;
    order.refundedNetMinor += deltas.refundedNetDeltaMinor;
    order.status = net > 0n && order.refundedNetMinor >= net ? OrderStatus.REFUNDED : OrderStatus.OPEN;
    await manager.update(OrderEntity, { id: order.id }, { ...next, lineItems: order.lineItems, sourceUpdatedAt: order.sourceUpdatedAt, refundedNetMinor: order.refundedNetMinor, status: order.status });
    const changed = Object.values(deltas).some((delta) => delta !== 0n);
    if (!changed) return { kind: 'APPLIED', order, created: false, adjustments: [] };
    return { kind: 'APPLIED', order, created: false, adjustments: [await this.adjust(manager, order, record, OrderAdjustmentKind.UPDATED, `update:${record.externalEventId}`, deltas)] };
  }

  private async cancel(manager: EntityManager, record: OrderEventRecordEntity, order: OrderEntity): Promise<OrderBookOutcome> {
    if (order.status === OrderStatus.CANCELLED) return { kind: 'SKIPPED', order, why: 'the order is already cancelled' };
    order.status = OrderStatus.CANCELLED;
    await manager.update(OrderEntity, { id: order.id }, { status: OrderStatus.CANCELLED });
    return { kind: 'APPLIED', order, created: false, adjustments: [await this.adjust(manager, order, record, OrderAdjustmentKind.CANCELLED, 'cancelled', ZERO_DELTAS)] };
  }

  private async refund(manager: EntityManager, record: OrderEventRecordEntity, order: OrderEntity, event: OrderEvent): Promise<OrderBookOutcome> {
    const refund = event.refund;
    if (!refund) return { kind: 'SKIPPED', order, why: 'the refund event carries no refund' };
    const sourceKey = `refund:${refund.externalId}`;
    const seen = await manager.existsBy(OrderAdjustmentEntity, { orderId: order.id, sourceKey });
    if (seen) return { kind: 'SKIPPED', order, why: `refund ${refund.externalId} is already applied` };
    const remaining = orderNetMinor(order) - order.refundedNetMinor;
    const wanted = refund.netAmountMinor > 0n ? refund.netAmountMinor : 0n;
    const delta = wanted < remaining ? wanted : remaining > 0n ? remaining : 0n;
    order.refundedNetMinor += delta;
    if (order.status === OrderStatus.OPEN && orderNetMinor(order) > 0n && order.refundedNetMinor >= orderNetMinor(order)) order.status = OrderStatus.REFUNDED;
    await manager.update(OrderEntity, { id: order.id }, { refundedNetMinor: order.refundedNetMinor, status: order.status });
    const adjustment = await this.adjust(manager, order, record, OrderAdjustmentKind.REFUNDED, sourceKey, { ...ZERO_DELTAS, refundedNetDeltaMinor: delta }, refund.refundedAt);
    return { kind: 'APPLIED', order, created: false, adjustments: [adjustment] };
  }

  private async adjust(
    manager: EntityManager,
    order: OrderEntity,
    record: OrderEventRecordEntity,
    kind: OrderAdjustmentKind,
    sourceKey: string,
    deltas: typeof ZERO_DELTAS,
    effectiveAt: Date | null = null,
  ): Promise<OrderAdjustmentEntity> {
    const adjustment = manager.create(OrderAdjustmentEntity, {
      id: newId(),
      orderId: order.id,
      kind,
      sourceKey,
      eventId: record.id,
      ...deltas,
      effectiveAt: effectiveAt ?? new Date(),
    });
    await manager.insert(OrderAdjustmentEntity, adjustment);
    return adjustment;
  }
}

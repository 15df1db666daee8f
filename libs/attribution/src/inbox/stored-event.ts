import type { OrderEvent } from '../orders/order-event.js';
import { parseGenericOrderEvent } from '../webhooks/generic-order-payload.js';
import { parseShopifyOrderEvent } from '../webhooks/shopify-order-payload.js';
import { type OrderEventRecordEntity, OrderEventSource } from './order-event-record.entity.js';

/**
 * Reads a stored inbox event again, as the worker does: the raw body is the record, the
 * parsed form is never stored. A Shopify refund states no currency of its own, so its
 * amounts are read in the order's, once the order is known.
 */
export function readStoredEvent(record: Pick<OrderEventRecordEntity, 'source' | 'topic' | 'externalEventId' | 'rawBody'>, orderCurrency?: string): OrderEvent {
  const body = JSON.parse(record.rawBody) as unknown;
  if (record.source === OrderEventSource.SHOPIFY) return parseShopifyOrderEvent(record.topic, record.externalEventId, body, orderCurrency);
  return parseGenericOrderEvent(body);
}

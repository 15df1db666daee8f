import {
  type OrderEvent,
  OrderEventType,
  type OrderLineItem,
  OrderPayloadError,
  type OrderSnapshot,
  type RefundLine,
  type RefundSnapshot,
} from '../orders/order-event.js';
import {
  cidFromUrl,
  firstClickId,
  isObject,
  type JsonObject,
  MAX_DISCOUNT_CODES,
  MAX_EMAIL_LENGTH,
  MAX_LINE_ITEMS,
  MAX_URL_LENGTH,
  missing,
  readArray,
  readCurrency,
  readDate,
  readId,
  readMoney,
  readObject,
  readQuantity,
  readText,
  requireCurrency,
  requireDate,
  requireId,
  requireMoney,
  requireObject,
} from './payload-fields.js';

const ORDER_TOPICS: Readonly<Record<string, OrderEventType>> = {
  'orders/create': OrderEventType.OrderCreated,
  'orders/updated': OrderEventType.OrderUpdated,
  'orders/cancelled': OrderEventType.OrderCancelled,
};
const REFUND_TOPIC = 'refunds/create';
// Note attributes are cart attributes a theme or app sets; only a few are ever meaningful.
const MAX_NOTE_ATTRIBUTES = 250;

/** The topics this platform reads; a shop subscribed to others gets them acknowledged and dropped. */
export const SHOPIFY_TOPICS: readonly string[] = [...Object.keys(ORDER_TOPICS), REFUND_TOPIC];

/**
 * Reads a Shopify order or refund webhook (REST Admin API JSON) into an order event. `topic`
 * and `webhookId` are the `X-Shopify-Topic` and `X-Shopify-Webhook-Id` headers; the webhook id
 * is the event id, the same on every retry of one delivery.
 *
 * Amounts are taken as the order was placed, not Shopify's `current_*` values: those already
 * net out refunds, which reach us as their own `refunds/create` events and would otherwise be
 * subtracted twice. So `subtotalMinor` is `total_line_items_price` (before discounts),
 * `discountMinor` the discounts on merchandise (`total_line_items_price - subtotal_price`:
 * a free-shipping code lowers shipping, not what a creator sold; else `total_discounts`),
 * `shippingMinor` `total_shipping_price_set` (before shipping discounts, as Shopify gives it),
 * and line discounts are the line's `discount_allocations` (the online store leaves
 * `total_discount` at 0 and puts codes there). Shopify sends a cancellation as
 * `orders/updated` too, so one with `cancelled_at` set reads as ORDER_CANCELLED.
 *
 * A refund payload has no currency of its own: pass the stored order's as `orderCurrency`;
 * without it the refund's shop-money currency is used, and failing that its transactions'.
 */
export function parseShopifyOrderEvent(topic: string | undefined, webhookId: string | undefined, body: unknown, orderCurrency?: string): OrderEvent {
  const topicName = topic?.trim() ?? '';
  if (topicName !== REFUND_TOPIC && ORDER_TOPICS[topicName] === undefined) {
    throw new OrderPayloadError('X-Shopify-Topic', `X-Shopify-Topic must be one of ${[...Object.keys(ORDER_TOPICS), REFUND_TOPIC].join(', ')} (got "${topicName.slice(0, 50)}")`);
  }
  const eventId = requireId(webhookId, 'X-Shopify-Webhook-Id');
  if (!isObject(body)) throw new OrderPayloadError('$', 'the payload must be a JSON object');
  if (topicName === REFUND_TOPIC) return readRefundEvent(eventId, body, orderCurrency);

  const order = readOrder(body);
  const cancelled = readDate(body.cancelled_at, 'cancelled_at') !== null;
  const type = topicName === 'orders/updated' && cancelled ? OrderEventType.OrderCancelled : ORDER_TOPICS[topicName]!;
  return { eventId, type, orderExternalId: order.externalId, order, refund: null };
}

function readOrder(order: JsonObject): OrderSnapshot {
  const currency = requireCurrency(order.currency, 'currency');
  const money = (field: string) => readMoney(order[field], currency, field);
  const lineItems = readArray(order.line_items, 'line_items', MAX_LINE_ITEMS).map((line, index) => readLineItem(line, currency, `line_items[${index}]`));

  const lineItemsPrice = money('total_line_items_price');
  const subtotalAfterDiscounts = money('subtotal_price');
  const discountMinor =
    lineItemsPrice !== null && subtotalAfterDiscounts !== null && lineItemsPrice >= subtotalAfterDiscounts
      ? lineItemsPrice - subtotalAfterDiscounts
      : (money('total_discounts') ?? money('current_total_discounts') ?? sum(lineItems.map((line) => line.discountMinor)));
  const afterDiscounts = subtotalAfterDiscounts ?? money('current_subtotal_price');
  const subtotalMinor =
    lineItemsPrice ?? (afterDiscounts !== null ? afterDiscounts + discountMinor : sum(lineItems.map((line) => line.unitPriceMinor * BigInt(line.quantity))));

  const shippingSet = readObject(order.total_shipping_price_set, 'total_shipping_price_set');
  const shippingMoney = readObject(shippingSet?.shop_money, 'total_shipping_price_set.shop_money');
  const landingUrl = lenientText(order.landing_site, MAX_URL_LENGTH);
  const customer = readObject(order.customer, 'customer');

  return {
    externalId: requireId(order.id, 'id'),
    orderedAt: requireDate(order.created_at, 'created_at'),
    currency,
    subtotalMinor,
    discountMinor,
    shippingMinor: readMoney(shippingMoney?.amount, currency, 'total_shipping_price_set.shop_money.amount') ?? 0n,
    taxMinor: money('total_tax') ?? money('current_total_tax') ?? 0n,
    totalMinor: money('total_price') ?? money('current_total_price') ?? missing('total_price'),
    discountCodes: readDiscountCodes(order.discount_codes),
    clickId: firstClickId([noteAttribute(order.note_attributes, 'cid'), cidFromUrl(landingUrl)]),
    landingUrl,
    customer: {
      externalId: readId(customer?.id, 'customer.id'),
      email:
        readText(customer?.email, 'customer.email', MAX_EMAIL_LENGTH) ??
        readText(order.email, 'email', MAX_EMAIL_LENGTH) ??
        readText(order.contact_email, 'contact_email', MAX_EMAIL_LENGTH),
    },
    lineItems,
    updatedAt: readDate(order.updated_at, 'updated_at'),
  };
}

function readLineItem(value: unknown, currency: string, path: string): OrderLineItem {
  const line = requireObject(value, path);
  const allocations = readArray(line.discount_allocations, `${path}.discount_allocations`, MAX_LINE_ITEMS).map((allocation, index) => {
    const field = `${path}.discount_allocations[${index}]`;
    return requireMoney(requireObject(allocation, field).amount, currency, `${field}.amount`);
  });
  return {
    sku: readText(line.sku, `${path}.sku`),
    productId: readId(line.product_id, `${path}.product_id`),
    quantity: readQuantity(line.quantity, `${path}.quantity`),
    unitPriceMinor: requireMoney(line.price, currency, `${path}.price`),
    discountMinor: allocations.length > 0 ? sum(allocations) : (readMoney(line.total_discount, currency, `${path}.total_discount`) ?? 0n),
  };
}

function readDiscountCodes(value: unknown): string[] {
  return readArray(value, 'discount_codes', MAX_DISCOUNT_CODES)
    .map((entry, index) => readText(isObject(entry) ? entry.code : entry, `discount_codes[${index}].code`))
    .filter((code): code is string => code !== null);
}

/**
 * The value of the first note attribute called `name`. Attributes are set by themes and apps,
 * so a malformed one is skipped, never a reason to refuse the order.
 */
function noteAttribute(value: unknown, name: string): string | null {
  if (!Array.isArray(value)) return null;
  for (const attribute of value.slice(0, MAX_NOTE_ATTRIBUTES)) {
    if (!isObject(attribute) || typeof attribute.name !== 'string' || attribute.name.trim().toLowerCase() !== name) continue;
    const text = lenientText(attribute.value, MAX_URL_LENGTH);
    if (text !== null) return text;
  }
  return null;
}

/**
 * Text the shopper's browser controls (the landing page): kept when it is sane, else dropped.
 * Refusing the order over it would lose the sale after Shopify's retries run out.
 */
function lenientText(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text.length > 0 && text.length <= max ? text : null;
}

function readRefundEvent(eventId: string, refund: JsonObject, orderCurrency: string | undefined): OrderEvent {
  const given = orderCurrency === undefined ? null : requireCurrency(orderCurrency, 'orderCurrency');
  const rawLines = readArray(refund.refund_line_items, 'refund_line_items', MAX_LINE_ITEMS).map((line, index) => requireObject(line, `refund_line_items[${index}]`));
  const currency = refundCurrency(given, rawLines, refund.transactions);
  const lineItems = rawLines.map((line, index) => readRefundLine(line, currency, `refund_line_items[${index}]`));

  const snapshot: RefundSnapshot = {
    externalId: requireId(refund.id, 'id'),
    netAmountMinor: lineItems.length > 0 ? sum(lineItems.map((line) => line.amountMinor)) : refundedByTransactions(refund.transactions, currency),
    lineItems,
    refundedAt: readDate(refund.created_at, 'created_at') ?? readDate(refund.processed_at, 'processed_at'),
  };
  return { eventId, type: OrderEventType.OrderRefunded, orderExternalId: requireId(refund.order_id, 'order_id'), order: null, refund: snapshot };
}

function readRefundLine(line: JsonObject, currency: string, path: string): RefundLine {
  const item = readObject(line.line_item, `${path}.line_item`);
  const exact = shopMoney(line.subtotal_set, `${path}.subtotal_set`);
  return {
    sku: readText(item?.sku, `${path}.line_item.sku`),
    productId: readId(item?.product_id, `${path}.line_item.product_id`),
    quantity: readQuantity(line.quantity, `${path}.quantity`),
    // `subtotal` is a JSON number; the `_set` twin carries the same amount as exact text.
    amountMinor:
      readMoney(exact?.amount, currency, `${path}.subtotal_set.shop_money.amount`) ?? requireMoney(line.subtotal, currency, `${path}.subtotal`),
  };
}

function refundCurrency(given: string | null, lines: readonly JsonObject[], transactions: unknown): string {
  for (const [index, line] of lines.entries()) {
    const field = `refund_line_items[${index}].subtotal_set.shop_money.currency_code`;
    const own = readCurrency(shopMoney(line.subtotal_set, `refund_line_items[${index}].subtotal_set`)?.currency_code, field);
    if (own === null) continue;
    if (given !== null && own !== given) throw new OrderPayloadError(field, `${field} (${own}) must be the order's currency (${given})`);
    return own;
  }
  if (given !== null) return given;
  for (const { transaction, field } of refundTransactions(transactions)) {
    const own = readCurrency(transaction.currency, `${field}.currency`);
    if (own !== null) return own;
  }
  throw new OrderPayloadError('transactions[0].currency', "the refund names no currency; pass the order's currency");
}

/** Σ successful refund transactions: what went back to the shopper, when no lines say what for. */
function refundedByTransactions(transactions: unknown, currency: string): bigint {
  let total = 0n;
  for (const { transaction, field } of refundTransactions(transactions)) {
    const own = readCurrency(transaction.currency, `${field}.currency`);
    if (own !== null && own !== currency) throw new OrderPayloadError(`${field}.currency`, `${field}.currency (${own}) must be the order's currency (${currency})`);
    total += requireMoney(transaction.amount, currency, `${field}.amount`);
  }
  return total;
}

function refundTransactions(value: unknown): { transaction: JsonObject; field: string }[] {
  return readArray(value, 'transactions', MAX_LINE_ITEMS)
    .map((entry, index) => ({ transaction: requireObject(entry, `transactions[${index}]`), field: `transactions[${index}]` }))
    .filter(({ transaction }) => transaction.kind === 'refund' && (transaction.status === undefined || transaction.status === null || transaction.status === 'success'));
}

function shopMoney(value: unknown, field: string): JsonObject | null {
  return readObject(readObject(value, field)?.shop_money, `${field}.shop_money`);
}

function sum(amounts: readonly bigint[]): bigint {
  return amounts.reduce((total, amount) => total + amount, 0n);
}

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
  isAbsent,
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

const EVENT_TYPES: Readonly<Record<string, OrderEventType>> = {
  'order.created': OrderEventType.OrderCreated,
  'order.updated': OrderEventType.OrderUpdated,
  'order.refunded': OrderEventType.OrderRefunded,
  'order.cancelled': OrderEventType.OrderCancelled,
};

/**
 * Reads the body of a generic order webhook: our own documented format, money as decimal
 * strings in major units of `order.currency`.
 *
 * - `order.created`, `order.updated` and `order.cancelled` carry the full order.
 * - `order.refunded` carries `refund` and names its order by `order.id`; it may also send the
 *   full order, which is then read as strictly as on the other types. Refund amounts are in
 *   `refund.currency`, else `order.currency`, one of which is required.
 *
 * `subtotal` and `total` (and each line's `price`) are required; the other amounts default to
 * 0. The click id is a claim: the first UUID among `clickId` and the `cid` of `landingUrl`,
 * else null.
 */
export function parseGenericOrderEvent(body: unknown): OrderEvent {
  if (!isObject(body)) throw new OrderPayloadError('$', 'the payload must be a JSON object');
  const eventId = requireId(body.id, 'id');
  const type = readEventType(body.type);
  const order = requireObject(body.order, 'order');
  const orderExternalId = requireId(order.id, 'order.id');

  if (type !== OrderEventType.OrderRefunded) {
    return { eventId, type, orderExternalId, order: readOrder(order, orderExternalId), refund: null };
  }
  const refund = requireObject(body.refund, 'refund');
  return {
    eventId,
    type,
    orderExternalId,
    order: carriesSnapshot(order) ? readOrder(order, orderExternalId) : null,
    refund: readRefund(refund, refundCurrency(order, refund)),
  };
}

/** The generic `type` an event is sent as (`order.created`): what the inbox keeps as its topic. */
export function genericEventTypeName(type: OrderEventType): string {
  return Object.keys(EVENT_TYPES).find((name) => EVENT_TYPES[name] === type)!;
}

function readEventType(value: unknown): OrderEventType {
  const text = readText(value, 'type') ?? missing('type');
  const type = EVENT_TYPES[text];
  if (type === undefined) throw new OrderPayloadError('type', `type must be one of ${Object.keys(EVENT_TYPES).join(', ')} (got "${text.slice(0, 50)}")`);
  return type;
}

// A refund's order that says more than which order (and in which currency) is a snapshot.
function carriesSnapshot(order: JsonObject): boolean {
  return Object.entries(order).some(([key, value]) => key !== 'id' && key !== 'currency' && !isAbsent(value));
}

function readOrder(order: JsonObject, externalId: string): OrderSnapshot {
  const currency = requireCurrency(order.currency, 'order.currency');
  const landingUrl = readText(order.landingUrl, 'order.landingUrl', MAX_URL_LENGTH);
  const customer = readObject(order.customer, 'order.customer');
  return {
    externalId,
    orderedAt: requireDate(order.createdAt, 'order.createdAt'),
    currency,
    subtotalMinor: requireMoney(order.subtotal, currency, 'order.subtotal'),
    discountMinor: readMoney(order.discountTotal, currency, 'order.discountTotal') ?? 0n,
    shippingMinor: readMoney(order.shipping, currency, 'order.shipping') ?? 0n,
    taxMinor: readMoney(order.tax, currency, 'order.tax') ?? 0n,
    totalMinor: requireMoney(order.total, currency, 'order.total'),
    discountCodes: readArray(order.discountCodes, 'order.discountCodes', MAX_DISCOUNT_CODES)
      .map((code, index) => readText(code, `order.discountCodes[${index}]`))
      .filter((code): code is string => code !== null),
    clickId: firstClickId([readText(order.clickId, 'order.clickId'), cidFromUrl(landingUrl)]),
    landingUrl,
    customer: {
      externalId: readId(customer?.id, 'order.customer.id'),
      email: readText(customer?.email, 'order.customer.email', MAX_EMAIL_LENGTH),
    },
    lineItems: readArray(order.lineItems, 'order.lineItems', MAX_LINE_ITEMS).map((line, index) => readLineItem(line, currency, `order.lineItems[${index}]`)),
    updatedAt: readDate(order.updatedAt, 'order.updatedAt'),
  };
}

function readLineItem(value: unknown, currency: string, path: string): OrderLineItem {
  const line = requireObject(value, path);
  return {
    sku: readText(line.sku, `${path}.sku`),
    productId: readId(line.productId, `${path}.productId`),
    quantity: readQuantity(line.quantity, `${path}.quantity`),
    unitPriceMinor: requireMoney(line.price, currency, `${path}.price`),
    discountMinor: readMoney(line.discount, currency, `${path}.discount`) ?? 0n,
  };
}

function refundCurrency(order: JsonObject, refund: JsonObject): string {
  const own = readCurrency(refund.currency, 'refund.currency');
  const ordered = readCurrency(order.currency, 'order.currency');
  if (own !== null && ordered !== null && own !== ordered) {
    throw new OrderPayloadError('refund.currency', `refund.currency (${own}) must be the order's currency (${ordered})`);
  }
  return own ?? ordered ?? missing('order.currency');
}

function readRefund(refund: JsonObject, currency: string): RefundSnapshot {
  const lineItems = readArray(refund.lineItems, 'refund.lineItems', MAX_LINE_ITEMS).map((line, index) => readRefundLine(line, currency, `refund.lineItems[${index}]`));
  const amount = readMoney(refund.amount, currency, 'refund.amount');
  return {
    externalId: requireId(refund.id, 'refund.id'),
    netAmountMinor: lineItems.length > 0 ? lineItems.reduce((sum, line) => sum + line.amountMinor, 0n) : (amount ?? missing('refund.amount')),
    lineItems,
    refundedAt: readDate(refund.createdAt, 'refund.createdAt'),
  };
}

function readRefundLine(value: unknown, currency: string, path: string): RefundLine {
  const line = requireObject(value, path);
  return {
    sku: readText(line.sku, `${path}.sku`),
    productId: readId(line.productId, `${path}.productId`),
    quantity: readQuantity(line.quantity, `${path}.quantity`),
    amountMinor: requireMoney(line.amount, currency, `${path}.amount`),
  };
}

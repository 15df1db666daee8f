/**
 * An order event as the sales pipeline sees it, whatever sent it: a generic webhook, a
 * Shopify webhook or the `recordOrder` / `recordRefund` mutations. Money is integer minor
 * units of `order.currency`; text comes trimmed, and nothing here is trusted yet (a click
 * id or a code is only a claim until attribution checks it).
 */
export enum OrderEventType {
  OrderCreated = 'ORDER_CREATED',
  OrderUpdated = 'ORDER_UPDATED',
  OrderRefunded = 'ORDER_REFUNDED',
  OrderCancelled = 'ORDER_CANCELLED',
}

export interface OrderLineItem {
  sku: string | null;
  productId: string | null;
  quantity: number;
  /** Price of one unit before discounts. */
  unitPriceMinor: bigint;
  /** Discount on the whole line (all units). */
  discountMinor: bigint;
}

export interface OrderSnapshot {
  externalId: string;
  orderedAt: Date;
  currency: string;
  /** Merchandise before any discount (Σ unit price × quantity), as the order was placed. */
  subtotalMinor: bigint;
  /** Discounts on merchandise (line discounts included); a shipping discount is not one. */
  discountMinor: bigint;
  /** Shipping as the sender gives it; from Shopify, before shipping discounts (`total_shipping_price_set`). */
  shippingMinor: bigint;
  taxMinor: bigint;
  /** What the shopper was charged, as the sender states it; not recomputed from the parts. */
  totalMinor: bigint;
  /** As the shopper typed them, in the order given; matched to codes later. */
  discountCodes: string[];
  /** A `cid` from the redirector, if the shop passed one on; a claim, checked by attribution. */
  clickId: string | null;
  landingUrl: string | null;
  customer: { externalId: string | null; email: string | null };
  lineItems: OrderLineItem[];
  /** The sender's last-modified time, when it gives one: an older snapshot never replaces a newer one. */
  updatedAt: Date | null;
}

export interface RefundLine {
  sku: string | null;
  productId: string | null;
  quantity: number;
  /** Refunded net of this line (after its discount, before tax). */
  amountMinor: bigint;
}

export interface RefundSnapshot {
  externalId: string;
  /**
   * Refunded net merchandise value (excluding tax and shipping): the sum of `lineItems` when
   * there are any, else the amount the sender gave.
   */
  netAmountMinor: bigint;
  lineItems: RefundLine[];
  refundedAt: Date | null;
}

export interface OrderEvent {
  /** The sender's id of this delivery's event (Shopify: the webhook id). */
  eventId: string;
  type: OrderEventType;
  orderExternalId: string;
  /** The order as of this event; absent only for a refund that names its order by id. */
  order: OrderSnapshot | null;
  refund: RefundSnapshot | null;
}

/** A payload that cannot be read as an order event; `field` is a JSON path into the payload. */
export class OrderPayloadError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'OrderPayloadError';
  }
}

import { newId } from '@app/core';
import { centsText, genericOrderPayload, genericRefundPayload, type MadeIntegration, type Participation, type PayloadObject } from '@app/testing';
import { postGeneric, type SalesStack } from './sales-stack.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface LineSpec {
  sku: string;
  productId?: string;
  quantity?: number;
  /** Unit price, minor units. */
  priceMinor: number;
  /** Discount on the whole line, minor units. */
  discountMinor?: number;
}

export interface OrderSpec {
  /** The shop's order id; a fresh one by default. */
  id?: string;
  /** The sender's event id; a fresh one by default. */
  eventId?: string;
  type?: 'order.created' | 'order.updated' | 'order.cancelled';
  /** When the order was placed; an hour ago by default (after `sellingCreator`'s approval, well after any test click). */
  at?: Date;
  updatedAt?: Date;
  currency?: string;
  codes?: string[];
  clickId?: string | null;
  /** A fresh customer by default, so that no two tests' orders look like one returning or bursting customer. */
  email?: string | null;
  customerId?: string | null;
  /** One line of 100.00 by default; subtotal and discount are their sums. */
  lines?: LineSpec[];
  /** An order-level discount on top of the lines' own. */
  orderDiscountMinor?: number;
}

/** A generic order webhook body: net is Σ price × quantity less every discount, no shipping or tax. */
export function orderBody(spec: OrderSpec = {}): PayloadObject {
  const at = spec.at ?? new Date(Date.now() - HOUR);
  const lines = spec.lines ?? [{ sku: 'SKU-DEFAULT', priceMinor: 10_000 }];
  const subtotal = lines.reduce((sum, line) => sum + line.priceMinor * (line.quantity ?? 1), 0);
  const discount = lines.reduce((sum, line) => sum + (line.discountMinor ?? 0), 0) + (spec.orderDiscountMinor ?? 0);
  const customer = newId().slice(-12);
  return genericOrderPayload({
    id: spec.eventId ?? `evt-${newId()}`,
    type: spec.type ?? 'order.created',
    order: {
      id: spec.id ?? `ord-${newId()}`,
      createdAt: at.toISOString(),
      updatedAt: (spec.updatedAt ?? at).toISOString(),
      currency: spec.currency ?? 'USD',
      subtotal: centsText(subtotal),
      discountTotal: centsText(discount),
      shipping: '0.00',
      tax: '0.00',
      total: centsText(subtotal - discount),
      discountCodes: spec.codes ?? [],
      clickId: spec.clickId ?? null,
      landingUrl: null,
      customer: {
        id: spec.customerId === undefined ? `cus-${customer}` : spec.customerId,
        email: spec.email === undefined ? `buyer-${customer}@example.test` : spec.email,
      },
      lineItems: lines.map((line, index) => ({
        sku: line.sku,
        productId: line.productId ?? String(index + 1),
        quantity: line.quantity ?? 1,
        price: centsText(line.priceMinor),
        discount: centsText(line.discountMinor ?? 0),
      })),
    },
  });
}

/** A generic refund body naming its order by id only, of `amountMinor` net. */
export function refundBody(orderExternalId: string, amountMinor: number, { eventId, refundId }: { eventId?: string; refundId?: string } = {}): PayloadObject {
  return genericRefundPayload({
    id: eventId ?? `evt-${newId()}`,
    order: { id: orderExternalId, currency: 'USD' },
    refund: { id: refundId ?? `ref-${newId()}`, createdAt: new Date().toISOString(), amount: centsText(amountMinor), lineItems: [] },
  });
}

/** Posts a body to the shop's generic webhook and insists it was taken (202 new, 200 duplicate). */
export async function deliver(stack: SalesStack, shop: MadeIntegration, body: PayloadObject): Promise<'accepted' | 'duplicate'> {
  const response = await postGeneric(stack, shop.id, shop.signingSecret, body);
  if (response.status !== 202 && response.status !== 200) throw new Error(`webhook answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.status as 'accepted' | 'duplicate';
}

/** Posts an order, waits until the worker has applied it, and returns its row. */
export async function placeOrder(stack: SalesStack, shop: MadeIntegration, spec: OrderSpec = {}): Promise<OrderRow> {
  const body = orderBody(spec);
  await deliver(stack, shop, body);
  await stack.settled();
  const order = await orderRow(stack, shop, body.order.id as string);
  if (!order) throw new Error(`order ${body.order.id} was not recorded`);
  return order;
}

export interface OrderRow {
  id: string;
  external_id: string;
  status: string;
  creator_id: string | null;
  enrollment_id: string | null;
  campaign_id: string | null;
  refunded_net_minor: string;
  [column: string]: unknown;
}

export async function orderRow(stack: SalesStack, shop: MadeIntegration, externalId: string): Promise<OrderRow | undefined> {
  const [row] = await stack.db.query(`SELECT * FROM orders WHERE integration_id = $1 AND external_id = $2`, [shop.id, externalId]);
  return row;
}

export interface CommissionRow {
  id: string;
  kind: string;
  status: string;
  amount_minor: string;
  quoted_amount_minor: string;
  basis_net_minor: string;
  tier_basis_minor: string;
  hold_reasons: string[];
  creator_id: string;
  corrects_commission_id: string | null;
  currency: string;
  [column: string]: unknown;
}

/** The order's commissions, the sale first. */
export function commissionsOf(stack: SalesStack, orderId: string): Promise<CommissionRow[]> {
  return stack.db.query(`SELECT * FROM commissions WHERE order_id = $1 ORDER BY (kind = 'SALE') DESC, created_at, id`, [orderId]);
}

/** Another creator APPROVED 35 days ago in the same campaign as `seller`. */
export async function fellowCreator(stack: SalesStack, seller: Participation): Promise<Participation> {
  const creator = await stack.make.creatorProfile();
  const enrollmentId = await stack.make.enrollment(seller.campaign, creator, 'APPROVED', { decidedAt: new Date(Date.now() - 35 * DAY) });
  return { campaign: seller.campaign, enrollmentId, creatorId: creator.creatorId, createdByUserId: seller.createdByUserId };
}

/** A code unique to this test run, so that no two tests' codes collide within a brand. */
export function uniqueCode(prefix = 'CODE'): string {
  return `${prefix}${newId().replace(/-/g, '').slice(-8).toUpperCase()}`;
}

import { signGenericPayload } from '@app/attribution';
import { genericOrderPayload, genericRefundPayload, type MadeUser, type PayloadObject, TEST_PASSWORD } from '@app/testing';
import request from 'supertest';
import { logIn } from './api-test-app.js';
import type { SalesStack } from './sales-stack.js';

export const ORDER_FIELDS = `id externalId status creatorId enrollmentId campaignId
  net { amountMinor currency } refundedNet { amountMinor currency }
  attribution { rule method reason winnerCreatorId
    winner { kind ref creatorId outcome reasonCode }
    candidates { kind ref creatorId outcome reasonCode reason } }
  adjustments { kind netDelta { amountMinor } refundedNetDelta { amountMinor } }`;
export const ORDER = `query Order($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`;
export const ORDERS = `query Orders($filter: OrderFilter, $first: Int) { orders(filter: $filter, first: $first) { edges { node { id externalId creatorId } } } }`;

export const COMMISSION_FIELDS = `id kind status holdReasons orderId creatorId enrollmentId eligibleAt expectedPayableAt
  amount { amountMinor currency } blockedBy { reason until }
  adjustments { kind delta { amountMinor } amountAfter { amountMinor } reason }
  order { id externalId }`;
export const COMMISSION = `query Commission($id: ID!) { commission(id: $id) { ${COMMISSION_FIELDS} } }`;
export const COMMISSIONS = `query Commissions($filter: CommissionFilter) { commissions(filter: $filter) { edges { node { id orderId } } } }`;
// A literal page size: the cost limit assumes the largest page for a variable one.
export const MY_COMMISSIONS = `query Mine($filter: CommissionFilter) { myCommissions(filter: $filter, first: 10) { edges { node { ${COMMISSION_FIELDS} } } } }`;

/** Logs `user` in through the API of the stack and returns the access token. */
export async function tokenOf(stack: SalesStack, user: Pick<MadeUser, 'email' | 'password'>): Promise<string> {
  return (await logIn(stack.gql, user)).accessToken;
}

/** Logs in the user behind a creator profile (factories give every user {@link TEST_PASSWORD}). */
export async function creatorToken(stack: SalesStack, creatorId: string): Promise<string> {
  const [row] = await stack.db.query(`SELECT u.email FROM creator_profiles p JOIN users u ON u.id = p.user_id WHERE p.id = $1`, [creatorId]);
  return tokenOf(stack, { email: row.email, password: TEST_PASSWORD });
}

export interface SimpleOrder {
  /** Order id in the shop; the event id defaults to `evt-<orderId>`. */
  orderId: string;
  eventId?: string;
  type?: 'order.created' | 'order.updated' | 'order.cancelled';
  /** Major units, one line; 100.00 by default, no discount, so 15% is 15.00. */
  subtotal?: string;
  codes?: string[];
  clickId?: string | null;
  createdAt?: Date;
  updatedAt?: Date;
  /** A customer of its own per order by default (a shared one would be a returning customer, or a burst). */
  customer?: string;
}

/**
 * A generic order event with one line of `subtotal`, no discount, 5.00 shipping and 8.00 tax,
 * ordered now: the arithmetic of its commission is easy to check by eye.
 */
export function simpleOrder(spec: SimpleOrder): PayloadObject {
  const subtotal = spec.subtotal ?? '100.00';
  const createdAt = spec.createdAt ?? new Date();
  const cents = Math.round(Number(subtotal) * 100) + 500 + 800;
  const customer = spec.customer ?? `shopper-${spec.orderId}`;
  return genericOrderPayload({
    id: spec.eventId ?? `evt-${spec.orderId}`,
    type: spec.type ?? 'order.created',
    order: {
      id: spec.orderId,
      createdAt: createdAt.toISOString(),
      updatedAt: (spec.updatedAt ?? createdAt).toISOString(),
      subtotal,
      discountTotal: '0.00',
      shipping: '5.00',
      tax: '8.00',
      total: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
      discountCodes: spec.codes ?? [],
      clickId: spec.clickId ?? null,
      landingUrl: null,
      customer: { id: customer, email: `${customer}@shopper.test` },
      lineItems: [{ sku: 'SERUM-30', productId: '9001', quantity: 1, price: subtotal, discount: '0.00' }],
    },
  });
}

/** A generic refund of `amount` (net, major units) of `orderId`, by amount alone. */
export function simpleRefund(orderId: string, refundId: string, amount: string, eventId = `evt-${refundId}`): PayloadObject {
  return genericRefundPayload({ id: eventId, order: { id: orderId, currency: 'USD' }, refund: { id: refundId, amount, lineItems: [] } });
}

/** POSTs `raw` exactly as given to the generic webhook, signed with `secret` (for bodies that are not JSON). */
export function postGenericRaw(stack: SalesStack, integrationId: string, secret: string, raw: string, t = Math.floor(Date.now() / 1000)) {
  return request(stack.server)
    .post(`/webhooks/orders/${integrationId}`)
    .set('content-type', 'application/json')
    .set('x-signature', signGenericPayload(secret, raw, t))
    .send(raw);
}

/** Rows of `table` stored for one integration (`order_events` and `orders` both carry `integration_id`). */
export async function rowsOf(stack: SalesStack, table: 'order_events' | 'orders', integrationId: string): Promise<number> {
  const [row] = await stack.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE integration_id = $1`, [integrationId]);
  return row.n;
}

export async function orderRow(stack: SalesStack, integrationId: string, externalId: string): Promise<Record<string, any> | undefined> {
  const [row] = await stack.db.query(`SELECT * FROM orders WHERE integration_id = $1 AND external_id = $2`, [integrationId, externalId]);
  return row;
}

/** The SALE commission of an order, if any. */
export async function commissionOf(stack: SalesStack, orderId: string): Promise<Record<string, any> | undefined> {
  const rows = await stack.db.query(`SELECT * FROM commissions WHERE order_id = $1 AND kind = 'SALE'`, [orderId]);
  if (rows.length > 1) throw new Error(`Order ${orderId} has ${rows.length} SALE commissions`);
  return rows[0];
}

/** The commission's adjustments, oldest first, as `{ kind, delta, after }` in minor units. */
export async function commissionAdjustments(stack: SalesStack, commissionId: string): Promise<{ kind: string; delta: bigint; after: bigint }[]> {
  const rows: { kind: string; delta_minor: string; amount_after_minor: string }[] = await stack.db.query(
    `SELECT kind, delta_minor, amount_after_minor FROM commission_adjustments WHERE commission_id = $1 ORDER BY created_at, id`,
    [commissionId],
  );
  return rows.map((row) => ({ kind: row.kind, delta: BigInt(row.delta_minor), after: BigInt(row.amount_after_minor) }));
}

export async function eventStatuses(stack: SalesStack, integrationId: string, orderExternalId: string): Promise<{ topic: string; status: string; outcome: string | null }[]> {
  return stack.db.query(`SELECT topic, status, outcome FROM order_events WHERE integration_id = $1 AND order_external_id = $2 ORDER BY received_at, id`, [
    integrationId,
    orderExternalId,
  ]);
}

import type { MadeBrand, MadeCreator, MadeIntegration, Participation } from '@app/testing';
import { commissionsOf, DAY, type OrderSpec, placeOrder, uniqueCode } from './sales-orders.js';
import type { SalesStack } from './sales-stack.js';

const REVIEWED_FIELDS = `id status holdReasons approvedAt rejectedAt firstApprovedAt reviewNote firstApprovedById approvedById rejectedById
  amount { amountMinor currency } blockedBy { reason }`;
export const APPROVE = `mutation Approve($ids: [ID!]!, $note: String) {
  approveCommissions(ids: $ids, note: $note) { approved pendingSecondReview commissions { ${REVIEWED_FIELDS} } } }`;
export const REJECT = `mutation Reject($ids: [ID!]!, $reason: String!) { rejectCommissions(ids: $ids, reason: $reason) { commissions { ${REVIEWED_FIELDS} } } }`;
export const REVIEWED = `query Reviewed($id: ID!) { commission(id: $id) { ${REVIEWED_FIELDS} } }`;
export const RELEASE = `mutation Release($id: ID!, $reason: String!) { releaseCommissionHold(id: $id, reason: $reason) { id status } }`;
export const LIST = `query List($filter: CommissionFilter, $first: Int) {
  commissions(filter: $filter, first: $first) {
    edges { node { id status amount { amountMinor currency } } }
    totals { currency count sum { amountMinor currency formatted } } } }`;
export const EXPORT = `query Export($filter: CommissionFilter) { exportCommissions(filter: $filter) { filename contentType rowCount csv } }`;

/** A creator selling with a code of their own in a campaign of `brand`, its commissions payable at once (no hold window). */
export interface Seller extends Participation {
  brand: MadeBrand;
  shop: MadeIntegration;
  code: string;
  creator: MadeCreator;
  currency: string;
}

export interface SellerSpec {
  currency?: string;
  /** The factory's terms require one; most sellers here are in campaigns that do not. */
  disclosureRequired?: boolean;
  title?: string;
  creator?: MadeCreator;
  shop?: MadeIntegration;
}

/**
 * A campaign of `brand` whose commissions are ELIGIBLE as soon as the order is recorded
 * (no hold window, no budget), with one creator APPROVED in it 35 days ago holding a code.
 */
export async function seller(stack: SalesStack, brand: MadeBrand, spec: SellerSpec = {}): Promise<Seller> {
  const campaign = await stack.make.campaign(brand, {
    effectiveFrom: new Date(Date.now() - 40 * DAY),
    currency: spec.currency ?? 'USD',
    budgetMinor: null,
    title: spec.title,
    terms: { holdDays: 0, disclosureRequired: spec.disclosureRequired ?? false },
  });
  const creator = spec.creator ?? (await stack.make.creatorProfile());
  const enrollmentId = await stack.make.enrollment(campaign, creator, 'APPROVED', { decidedAt: new Date(Date.now() - 35 * DAY) });
  const participation = { campaign, enrollmentId, creatorId: creator.creatorId, createdByUserId: brand.admin.id };
  const code = uniqueCode('REVIEW');
  await stack.sales.discountCode(participation, code);
  const shop = spec.shop ?? (await stack.sales.integration(brand.organizationId, brand.admin.id));
  return { ...participation, brand, shop, code, creator, currency: spec.currency ?? 'USD' };
}

/** Sells with the seller's code in the campaign currency (100.00 by default, so 15.00 of commission); the SALE commission's id and the order's. */
export async function sell(stack: SalesStack, by: Seller, spec: OrderSpec = {}): Promise<{ id: string; orderId: string; externalId: string }> {
  const order = await placeOrder(stack, by.shop, { codes: [by.code], currency: by.currency, ...spec });
  const [commission] = await commissionsOf(stack, order.id);
  if (!commission) throw new Error(`order ${order.external_id} earned no commission`);
  return { id: commission.id, orderId: order.id, externalId: order.external_id };
}

/** An order by the creator themselves: the fraud screen holds its commission (FRAUD). */
export function selfReferral(by: Seller): OrderSpec {
  return { email: by.creator.user.email };
}

export async function statusOf(stack: SalesStack, id: string): Promise<string> {
  const [row] = await stack.db.query(`SELECT status FROM commissions WHERE id = $1`, [id]);
  return row.status;
}

export function statusChanges(stack: SalesStack, id: string): Promise<{ actor_type: string; actor_id: string; before: unknown; after: unknown; reason: string | null }[]> {
  return stack.db.query(
    `SELECT actor_type, actor_id, before, after, reason FROM audit_log WHERE entity_id = $1 AND action = 'commission.status_changed' ORDER BY created_at, id`,
    [id],
  );
}

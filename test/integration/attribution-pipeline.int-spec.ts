import { AttributionRule } from '@app/campaigns';
import type { MadeIntegration } from '@app/testing';
import { commissionsOf, DAY, fellowCreator, HOUR, MINUTE, type OrderRow, placeOrder, uniqueCode } from '../support/sales-orders.js';
import { type SalesStack, sellingCreator, startSalesStack } from '../support/sales-stack.js';

interface StoredCandidate {
  kind: string;
  ref: string;
  creatorId: string | null;
  outcome: string;
  reasonCode: string;
  reason: string;
}

interface DecisionRow {
  rule: string | null;
  candidates: StoredCandidate[];
  winner_index: number | null;
  winner_creator_id: string | null;
}

/**
 * Attribution through the real path: a signed webhook into the inbox, the worker applying it,
 * the decision stored with every candidate, and the commission that follows (or not).
 */
describe('attribution through the sales pipeline', () => {
  let stack: SalesStack;

  beforeAll(async () => {
    stack = await startSalesStack();
  });
  afterAll(() => stack.close());

  const decisionOf = async (order: OrderRow): Promise<DecisionRow> => {
    const [row] = await stack.db.query(`SELECT rule, candidates, winner_index, winner_creator_id FROM attribution_decisions WHERE order_id = $1`, [order.id]);
    if (!row) throw new Error(`order ${order.external_id} has no attribution decision`);
    return row;
  };
  const shopOf = (seller: Awaited<ReturnType<typeof sellingCreator>>): Promise<MadeIntegration> =>
    stack.sales.integration(seller.campaign.organizationId, seller.brand.admin.id);
  const outcomes = (decision: DecisionRow) => decision.candidates.map((c) => [c.kind, c.outcome, c.reasonCode]);

  /** Unattributed: no winner on the decision or the order, and no commission. */
  const expectUnattributed = async (order: OrderRow, decision: DecisionRow) => {
    expect(decision.winner_index).toBeNull();
    expect(decision.winner_creator_id).toBeNull();
    expect(order.creator_id).toBeNull();
    expect(await commissionsOf(stack, order.id)).toEqual([]);
  };

  it('under CODE_WINS credits the code over a link clicked before it, and keeps both candidates with reasons', async () => {
    const coder = await sellingCreator(stack);
    const clicker = await fellowCreator(stack, coder);
    const code = uniqueCode('MAYA');
    await stack.sales.discountCode(coder, code);
    const linkId = await stack.sales.referralLink(clicker);
    const cid = await stack.sales.click({ linkId, participation: clicker, at: new Date(Date.now() - 2 * HOUR) });

    const order = await placeOrder(stack, await shopOf(coder), { codes: [code.toLowerCase()], clickId: cid });

    const decision = await decisionOf(order);
    expect(decision.rule).toBe(AttributionRule.CODE_WINS);
    expect(decision.candidates).toMatchObject([
      { kind: 'CODE', ref: code.toLowerCase(), creatorId: coder.creatorId, outcome: 'WON', reasonCode: 'WON_CODE_WINS' },
      { kind: 'CLICK', ref: cid, creatorId: clicker.creatorId, outcome: 'LOST', reasonCode: 'CODE_BEATS_CLICK' },
    ]);
    expect(decision.candidates.every((candidate) => candidate.reason.length > 0)).toBe(true);
    expect(decision.winner_index).toBe(0);
    expect(order.creator_id).toBe(coder.creatorId);
    const commissions = await commissionsOf(stack, order.id);
    expect(commissions.map((c) => [c.kind, c.creator_id])).toEqual([['SALE', coder.creatorId]]);
  });

  it("under a LAST_CLICK campaign credits the click over the code", async () => {
    const coder = await sellingCreator(stack, { terms: { attributionRule: AttributionRule.LAST_CLICK } });
    const clicker = await fellowCreator(stack, coder);
    const code = uniqueCode('LAST');
    await stack.sales.discountCode(coder, code);
    const linkId = await stack.sales.referralLink(clicker);
    const cid = await stack.sales.click({ linkId, participation: clicker, at: new Date(Date.now() - 2 * HOUR) });

    const order = await placeOrder(stack, await shopOf(coder), { codes: [code], clickId: cid });

    const decision = await decisionOf(order);
    expect(decision.rule).toBe(AttributionRule.LAST_CLICK);
    expect(outcomes(decision)).toEqual([
      ['CODE', 'LOST', 'CLICK_BEATS_CODE'],
      ['CLICK', 'WON', 'WON_LAST_CLICK'],
    ]);
    expect(order.creator_id).toBe(clicker.creatorId);
    expect(order.enrollment_id).toBe(clicker.enrollmentId);
    expect((await commissionsOf(stack, order.id)).map((c) => c.creator_id)).toEqual([clicker.creatorId]);
  });

  it('does not count a click the redirector judged a bot', async () => {
    const seller = await sellingCreator(stack);
    const linkId = await stack.sales.referralLink(seller);
    const cid = await stack.sales.click({ linkId, participation: seller, at: new Date(Date.now() - 2 * HOUR), bot: true });

    const order = await placeOrder(stack, await shopOf(seller), { clickId: cid });

    const decision = await decisionOf(order);
    expect(outcomes(decision)).toEqual([['CLICK', 'INVALID', 'BOT_CLICK']]);
    expect(decision.rule).toBeNull();
    await expectUnattributed(order, decision);
  });

  it("does not count another brand's click on this brand's order", async () => {
    const seller = await sellingCreator(stack);
    const stranger = await sellingCreator(stack);
    expect(stranger.brand.organizationId).not.toBe(seller.brand.organizationId);
    const linkId = await stack.sales.referralLink(stranger);
    const cid = await stack.sales.click({ linkId, participation: stranger, at: new Date(Date.now() - 2 * HOUR) });

    const order = await placeOrder(stack, await shopOf(seller), { clickId: cid });

    const decision = await decisionOf(order);
    expect(outcomes(decision)).toEqual([['CLICK', 'INVALID', 'OTHER_ORGANIZATION']]);
    await expectUnattributed(order, decision);
    const strangers: unknown[] = await stack.db.query(`SELECT id FROM commissions WHERE creator_id = $1`, [stranger.creatorId]);
    expect(strangers).toEqual([]);
  });

  it('does not count a click on a link disabled before the order', async () => {
    const seller = await sellingCreator(stack);
    const linkId = await stack.sales.referralLink(seller, { disabledAt: new Date(Date.now() - 90 * MINUTE) });
    const cid = await stack.sales.click({ linkId, participation: seller, at: new Date(Date.now() - 2 * HOUR) });

    const order = await placeOrder(stack, await shopOf(seller), { clickId: cid, at: new Date(Date.now() - HOUR) });

    const decision = await decisionOf(order);
    expect(outcomes(decision)).toEqual([['CLICK', 'INVALID', 'LINK_DISABLED']]);
    await expectUnattributed(order, decision);
  });

  it('still counts a click on a link disabled only after the order', async () => {
    const seller = await sellingCreator(stack);
    const linkId = await stack.sales.referralLink(seller, { disabledAt: new Date(Date.now() - 30 * MINUTE) });
    const cid = await stack.sales.click({ linkId, participation: seller, at: new Date(Date.now() - 2 * HOUR) });

    const order = await placeOrder(stack, await shopOf(seller), { clickId: cid, at: new Date(Date.now() - HOUR) });

    expect(outcomes(await decisionOf(order))).toEqual([['CLICK', 'WON', 'WON_CODE_WINS']]);
    expect(order.creator_id).toBe(seller.creatorId);
  });

  it('does not count a click outside the 30-day window, and counts one inside it', async () => {
    const seller = await sellingCreator(stack);
    const linkId = await stack.sales.referralLink(seller);
    const shop = await shopOf(seller);
    const old = await stack.sales.click({ linkId, participation: seller, at: new Date(Date.now() - 31 * DAY) });
    const recent = await stack.sales.click({ linkId, participation: seller, at: new Date(Date.now() - 29 * DAY) });

    const late = await placeOrder(stack, shop, { clickId: old });
    const lateDecision = await decisionOf(late);
    expect(outcomes(lateDecision)).toEqual([['CLICK', 'INVALID', 'OUTSIDE_WINDOW']]);
    expect(lateDecision.candidates[0]!.reason).toMatch(/the window is 30 days/);
    await expectUnattributed(late, lateDecision);

    const inTime = await placeOrder(stack, shop, { clickId: recent });
    expect(outcomes(await decisionOf(inTime))).toEqual([['CLICK', 'WON', 'WON_CODE_WINS']]);
    expect(inTime.creator_id).toBe(seller.creatorId);
  });

  it("credits a returning customer's next order, with no code or click, to the creator who brought them", async () => {
    const first = await sellingCreator(stack);
    const other = await fellowCreator(stack, first);
    const code = uniqueCode('FIRST');
    await stack.sales.discountCode(first, code);
    await stack.sales.discountCode(other, uniqueCode('OTHER'));
    const shop = await shopOf(first);
    const email = `returning-${code.toLowerCase()}@example.test`;

    const brought = await placeOrder(stack, shop, { codes: [code], email, customerId: null, at: new Date(Date.now() - 3 * HOUR) });
    expect(brought.creator_id).toBe(first.creatorId);
    // No customer id, the same email in another case: the email alone recognizes them.
    const again = await placeOrder(stack, shop, { email: email.toUpperCase(), customerId: null, at: new Date(Date.now() - HOUR) });

    const decision = await decisionOf(again);
    expect(decision.candidates).toMatchObject([{ kind: 'RETURNING_CUSTOMER', ref: brought.id, creatorId: first.creatorId, outcome: 'WON' }]);
    expect(again.creator_id).toBe(first.creatorId);
    expect((await commissionsOf(stack, again.id)).map((c) => c.creator_id)).toEqual([first.creatorId]);
  });

  it('of two codes of different creators, credits the first listed', async () => {
    const maya = await sellingCreator(stack);
    const leo = await fellowCreator(stack, maya);
    const [mayaCode, leoCode] = [uniqueCode('MAYA'), uniqueCode('LEO')];
    await stack.sales.discountCode(maya, mayaCode);
    await stack.sales.discountCode(leo, leoCode);

    const order = await placeOrder(stack, await shopOf(maya), { codes: [leoCode, mayaCode] });

    const decision = await decisionOf(order);
    expect(decision.candidates).toMatchObject([
      { ref: leoCode, creatorId: leo.creatorId, outcome: 'WON', reasonCode: 'WON_CODE_WINS' },
      { ref: mayaCode, creatorId: maya.creatorId, outcome: 'LOST', reasonCode: 'EARLIER_CODE_LISTED' },
    ]);
    expect(order.creator_id).toBe(leo.creatorId);
    expect((await commissionsOf(stack, order.id)).map((c) => c.creator_id)).toEqual([leo.creatorId]);
  });

  it('does not count a code revoked before the order', async () => {
    const seller = await sellingCreator(stack);
    const code = uniqueCode('GONE');
    await stack.sales.discountCode(seller, code, { revokedAt: new Date(Date.now() - 2 * HOUR) });

    const order = await placeOrder(stack, await shopOf(seller), { codes: [code] });

    const decision = await decisionOf(order);
    expect(outcomes(decision)).toEqual([['CODE', 'INVALID', 'CODE_INACTIVE']]);
    expect(decision.candidates[0]!.creatorId).toBe(seller.creatorId);
    await expectUnattributed(order, decision);
  });

  it('leaves an order with an unknown code unattributed, with no commission', async () => {
    const seller = await sellingCreator(stack);
    await stack.sales.discountCode(seller, uniqueCode('REAL'));

    const order = await placeOrder(stack, await shopOf(seller), { codes: ['NOSUCHCODE'] });

    expect(order.status).toBe('OPEN');
    const decision = await decisionOf(order);
    expect(outcomes(decision)).toEqual([['CODE', 'INVALID', 'NOT_FOUND']]);
    await expectUnattributed(order, decision);
    const [event] = await stack.db.query(`SELECT status, outcome FROM order_events WHERE order_external_id = $1`, [order.external_id]);
    expect(event).toEqual({ status: 'APPLIED', outcome: 'unattributed: no valid touch' });
  });
});

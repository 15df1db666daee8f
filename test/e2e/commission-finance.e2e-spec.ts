import { Role } from '@app/core';
import { errorCode, errorFields, type MadeBrand, type MadeIntegration, type Participation } from '@app/testing';
import { COMMISSION_FIELDS, commissionOf, creatorToken, MY_COMMISSIONS, ORDER, orderRow, simpleOrder, tokenOf } from '../support/sales-api.js';
import { postGeneric, type SalesStack, sellingCreator, startSalesStack } from '../support/sales-stack.js';

const DAY_MS = 86_400_000;
const ASSIGN = `mutation Assign($orderId: ID!, $enrollmentId: ID!, $reason: String!) {
  assignOrderAttribution(orderId: $orderId, enrollmentId: $enrollmentId, reason: $reason) { id creatorId enrollmentId campaignId } }`;
const RELEASE = `mutation Release($id: ID!, $reason: String!) { releaseCommissionHold(id: $id, reason: $reason) { ${COMMISSION_FIELDS} } }`;

describe('finance: manual attribution, holds and what creators are told', () => {
  let stack: SalesStack;
  let seller: Participation & { brand: MadeBrand };
  let shop: MadeIntegration;
  let tokens: { finance: string; brand: string; creator: string };
  let financeId: string;
  let sequence = 0;

  const nextId = (label: string) => `${label}-${(sequence += 1)}`;
  /** Sends an order through the generic webhook and waits for the worker; returns the stored row. */
  const sell = async (integration: MadeIntegration, spec: Parameters<typeof simpleOrder>[0]) => {
    expect((await postGeneric(stack, integration.id, integration.signingSecret, simpleOrder(spec))).status).toBe(202);
    await stack.settled();
    return (await orderRow(stack, integration.id, spec.orderId))!;
  };
  const auditOf = (entityId: string, action: string) =>
    stack.db.query(`SELECT actor_type, actor_id, before, after, reason FROM audit_log WHERE entity_id = $1 AND action = $2 ORDER BY created_at, id`, [entityId, action]);

  beforeAll(async () => {
    stack = await startSalesStack();
    seller = await sellingCreator(stack);
    await stack.sales.discountCode(seller, 'MAYA15');
    shop = await stack.sales.integration(seller.campaign.organizationId, seller.brand.admin.id);
    const finance = await stack.make.user({ roles: [Role.FINANCE] });
    financeId = finance.id;
    tokens = {
      finance: await tokenOf(stack, finance),
      brand: await tokenOf(stack, seller.brand.admin),
      creator: await creatorToken(stack, seller.creatorId),
    };
  }, 120_000);
  afterAll(() => stack.close());

  describe('assignOrderAttribution', () => {
    it('credits an unattributed order to a creator, creates the commission and audits the reason', async () => {
      const order = await sell(shop, { orderId: nextId('unattributed') });
      expect(order.creator_id).toBeNull();
      expect(await commissionOf(stack, order.id)).toBeUndefined();

      const reason = 'The shopper emailed the creator’s code after checkout; receipt #4471';
      const { assignOrderAttribution: assigned } = await stack.gql.as(tokens.finance).ok(ASSIGN, { orderId: order.id, enrollmentId: seller.enrollmentId, reason });
      expect(assigned).toEqual({ id: order.id, creatorId: seller.creatorId, enrollmentId: seller.enrollmentId, campaignId: seller.campaign.campaignId });

      const commission = await commissionOf(stack, order.id);
      expect(commission).toMatchObject({ status: 'PENDING', amount_minor: '1500', creator_id: seller.creatorId, enrollment_id: seller.enrollmentId });
      expect(await auditOf(order.id, 'order.attribution_assigned')).toEqual([
        { actor_type: 'USER', actor_id: financeId, before: { creatorId: null, enrollmentId: null }, after: { creatorId: seller.creatorId, enrollmentId: seller.enrollmentId }, reason },
      ]);
      expect(await auditOf(commission!.id, 'commission.created')).toEqual([expect.objectContaining({ actor_type: 'USER', actor_id: financeId })]);

      const { order: seen } = await stack.gql.as(tokens.brand).ok(ORDER, { id: order.id });
      expect(seen).toMatchObject({ creatorId: seller.creatorId, attribution: { method: 'MANUAL', reason, winnerCreatorId: seller.creatorId, winner: null } });
      // The creator now sees the order and earns from it.
      expect((await stack.gql.as(tokens.creator).ok(ORDER, { id: order.id })).order.id).toBe(order.id);
    });

    it('refuses an order the rules already credited, or one assigned before, with CONFLICT', async () => {
      const attributed = await sell(shop, { orderId: nextId('attributed'), codes: ['MAYA15'] });
      expect(attributed.creator_id).toBe(seller.creatorId);
      const response = await stack.gql.as(tokens.finance).send(ASSIGN, { orderId: attributed.id, enrollmentId: seller.enrollmentId, reason: 'Double-check' });
      expect({ code: errorCode(response), data: response.data }).toEqual({ code: 'CONFLICT', data: null });

      const manual = await sell(shop, { orderId: nextId('unattributed') });
      await stack.gql.as(tokens.finance).ok(ASSIGN, { orderId: manual.id, enrollmentId: seller.enrollmentId, reason: 'Support ticket 12' });
      expect(errorCode(await stack.gql.as(tokens.finance).send(ASSIGN, { orderId: manual.id, enrollmentId: seller.enrollmentId, reason: 'Again' }))).toBe('CONFLICT');

      for (const order of [attributed, manual]) {
        const [row] = await stack.db.query(`SELECT count(*)::int AS n FROM commissions WHERE order_id = $1`, [order.id]);
        expect(row.n).toBe(1);
      }
      expect(await auditOf(attributed.id, 'order.attribution_assigned')).toEqual([]);
      expect(await auditOf(manual.id, 'order.attribution_assigned')).toHaveLength(1);
    });

    it('is for finance only, needs a reason, and an enrollment of the order\'s brand', async () => {
      const order = await sell(shop, { orderId: nextId('unattributed') });
      for (const token of [tokens.brand, tokens.creator]) {
        expect(errorCode(await stack.gql.as(token).send(ASSIGN, { orderId: order.id, enrollmentId: seller.enrollmentId, reason: 'Mine' }))).toBe('FORBIDDEN');
      }
      const blank = await stack.gql.as(tokens.finance).send(ASSIGN, { orderId: order.id, enrollmentId: seller.enrollmentId, reason: '   ' });
      expect({ code: errorCode(blank), fields: errorFields(blank) }).toEqual({ code: 'BAD_USER_INPUT', fields: ['reason'] });
      const elsewhere = await sellingCreator(stack);
      const foreign = await stack.gql.as(tokens.finance).send(ASSIGN, { orderId: order.id, enrollmentId: elsewhere.enrollmentId, reason: 'Wrong brand' });
      expect({ code: errorCode(foreign), fields: errorFields(foreign) }).toEqual({ code: 'BAD_USER_INPUT', fields: ['enrollmentId'] });

      expect((await orderRow(stack, shop.id, order.external_id))!.creator_id).toBeNull();
      expect(await commissionOf(stack, order.id)).toBeUndefined();
      expect(await auditOf(order.id, 'order.attribution_assigned')).toEqual([]);
    });
  });

  describe('releaseCommissionHold', () => {
    let held: Participation & { brand: MadeBrand };
    let heldShop: MadeIntegration;
    let heldCreatorToken: string;

    beforeAll(async () => {
      // A budget of one cent: every commission of this campaign is over it.
      held = await sellingCreator(stack, { budgetMinor: 1n });
      await stack.sales.discountCode(held, 'TINY1');
      heldShop = await stack.sales.integration(held.campaign.organizationId, held.brand.admin.id);
      heldCreatorToken = await creatorToken(stack, held.creatorId);
    }, 120_000);

    it('moves a held commission back into its hold window, with an audited reason, for finance only', async () => {
      const order = await sell(heldShop, { orderId: nextId('held'), codes: ['TINY1'] });
      const commission = await commissionOf(stack, order.id);
      expect(commission).toMatchObject({ status: 'ON_HOLD', hold_reasons: ['BUDGET_EXHAUSTED'], amount_minor: '1500' });

      // What the creator is told while it is held.
      const { myCommissions } = await stack.gql.as(heldCreatorToken).ok(MY_COMMISSIONS);
      expect(myCommissions.edges.map((edge: any) => edge.node.id)).toEqual([commission!.id]);
      expect(myCommissions.edges[0].node.blockedBy.map((blocker: any) => blocker.reason)).toContain('BUDGET_EXHAUSTED');

      for (const token of [heldCreatorToken, tokens.brand]) {
        const refused = await stack.gql.as(token).send(RELEASE, { id: commission!.id, reason: 'Let me have it' });
        expect({ code: errorCode(refused), data: refused.data }).toEqual({ code: 'FORBIDDEN', data: null });
      }
      const blank = await stack.gql.as(tokens.finance).send(RELEASE, { id: commission!.id, reason: '' });
      expect(errorFields(blank)).toEqual(['reason']);
      expect(await commissionOf(stack, order.id)).toMatchObject({ status: 'ON_HOLD' });
      expect(await auditOf(commission!.id, 'commission.status_changed')).toEqual([]);

      const reason = 'Budget raised to 10,000.00 by the brand on request';
      const { releaseCommissionHold: released } = await stack.gql.as(tokens.finance).ok(RELEASE, { id: commission!.id, reason });
      expect(released).toMatchObject({ id: commission!.id, status: 'PENDING', holdReasons: [] });
      expect(await commissionOf(stack, order.id)).toMatchObject({ status: 'PENDING', hold_reasons: [], amount_minor: '1500' });
      expect(await auditOf(commission!.id, 'commission.status_changed')).toEqual([
        {
          actor_type: 'USER',
          actor_id: financeId,
          before: { status: 'ON_HOLD', holdReasons: ['BUDGET_EXHAUSTED'] },
          after: { status: 'PENDING', holdReasons: [] },
          reason,
        },
      ]);

      // There is no hold left to release.
      expect(errorCode(await stack.gql.as(tokens.finance).send(RELEASE, { id: commission!.id, reason: 'Again' }))).toBe('CONFLICT');
      expect(await auditOf(commission!.id, 'commission.status_changed')).toHaveLength(1);
    });

    it('makes a held commission whose hold window is over ELIGIBLE at once', async () => {
      const order = await sell(heldShop, { orderId: nextId('held'), codes: ['TINY1'], createdAt: new Date(Date.now() - 31 * DAY_MS) });
      const commission = await commissionOf(stack, order.id);
      expect(commission).toMatchObject({ status: 'ON_HOLD', hold_reasons: ['BUDGET_EXHAUSTED'] });
      const { releaseCommissionHold: released } = await stack.gql.as(tokens.finance).ok(RELEASE, { id: commission!.id, reason: 'Old order, budget topped up' });
      expect(released).toMatchObject({ status: 'ELIGIBLE', holdReasons: [] });
      expect(released.blockedBy.map((blocker: any) => blocker.reason)).not.toContain('HOLD_WINDOW');
    });
  });

  describe('myCommissions', () => {
    it('tells the creator what blocks payment, until when the hold window runs, and when to expect the money', async () => {
      const orderedAt = new Date(Date.now() - 2 * DAY_MS);
      const order = await sell(shop, { orderId: nextId('window'), codes: ['MAYA15'], createdAt: orderedAt });
      const commission = await commissionOf(stack, order.id);
      const { myCommissions } = await stack.gql.as(tokens.creator).ok(MY_COMMISSIONS, { filter: { orderId: order.id } });
      expect(myCommissions.edges).toHaveLength(1);
      const node = myCommissions.edges[0].node;
      // The factory's terms hold commissions for 30 days after the order.
      const eligibleAt = new Date(orderedAt.getTime() + 30 * DAY_MS).toISOString();
      expect(node).toMatchObject({ id: commission!.id, status: 'PENDING', eligibleAt, expectedPayableAt: eligibleAt, amount: { amountMinor: '1500', currency: 'USD' } });
      expect(node.blockedBy).toEqual([
        { reason: 'HOLD_WINDOW', until: eligibleAt },
        { reason: 'DISCLOSURE_MISSING', until: null },
        { reason: 'AWAITING_APPROVAL', until: null },
        { reason: 'NO_PAYOUT_ACCOUNT', until: null },
      ]);
      expect(node.adjustments).toEqual([{ kind: 'CREATED', delta: { amountMinor: '1500' }, amountAfter: { amountMinor: '1500' }, reason: expect.stringContaining('15%') }]);
      expect(node.order).toEqual({ id: order.id, externalId: order.external_id });
    });

    it('is for creators: finance reads commissions through commissions', async () => {
      expect(errorCode(await stack.gql.as(tokens.finance).send(MY_COMMISSIONS))).toBe('FORBIDDEN');
      const { commissions } = await stack.gql.as(tokens.finance).ok(`{ commissions(first: 50) { edges { node { id creatorId } } } }`);
      expect(commissions.edges.length).toBeGreaterThan(0);
    });
  });
});

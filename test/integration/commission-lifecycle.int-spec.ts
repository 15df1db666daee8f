import { CommissionHoldsService, HoldReleaseService } from '@app/commissions';
import { Role } from '@app/core';
import type { MadeIntegration } from '@app/testing';
import {
  commissionsOf,
  type CommissionRow,
  DAY,
  deliver,
  HOUR,
  MINUTE,
  orderBody,
  type OrderSpec,
  orderRow,
  placeOrder,
  refundBody,
  uniqueCode,
} from '../support/sales-orders.js';
import { type SalesStack, sellingCreator, startSalesStack } from '../support/sales-stack.js';

interface AuditRow {
  action: string;
  actor_type: string;
  actor_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
}

/**
 * Commissions from real orders: the amount the terms give, the holds, the hold window, refunds
 * before and after payout, and the audit trail of every status change.
 */
describe('commission lifecycle', () => {
  let stack: SalesStack;
  /** Commissions a test moved by SQL rather than through the transition table: no audit row is expected for that move. */
  const movedBySql = new Set<string>();

  beforeAll(async () => {
    stack = await startSalesStack();
  });
  afterAll(() => stack.close());

  /** A creator selling with a code of their own in a campaign with `spec`, and the brand's shop. */
  const setUp = async (spec: Parameters<typeof sellingCreator>[1] = {}) => {
    const seller = await sellingCreator(stack, spec);
    const code = uniqueCode('SELL');
    await stack.sales.discountCode(seller, code);
    const shop = await stack.sales.integration(seller.campaign.organizationId, seller.brand.admin.id);
    return { seller, code, shop };
  };
  const sale = async (shop: MadeIntegration, code: string, spec: OrderSpec = {}): Promise<CommissionRow> => {
    const order = await placeOrder(stack, shop, { codes: [code], ...spec });
    const [commission, ...more] = await commissionsOf(stack, order.id);
    expect(more).toEqual([]);
    if (!commission) throw new Error(`order ${order.external_id} has no commission`);
    expect(commission.kind).toBe('SALE');
    return commission;
  };
  const commission = async (id: string): Promise<CommissionRow> => (await stack.db.query(`SELECT * FROM commissions WHERE id = $1`, [id]))[0];
  const auditOf = (entityId: string): Promise<AuditRow[]> =>
    stack.db.query(`SELECT action, actor_type, actor_id, before, after, reason FROM audit_log WHERE entity_type = 'commission' AND entity_id = $1 ORDER BY created_at, id`, [
      entityId,
    ]);
  const adjustmentsOf = (commissionId: string): Promise<{ kind: string; delta_minor: string; amount_after_minor: string }[]> =>
    stack.db.query(`SELECT kind, delta_minor, amount_after_minor FROM commission_adjustments WHERE commission_id = $1 ORDER BY created_at, id`, [commissionId]);
  const refund = async (shop: MadeIntegration, orderExternalId: string, amountMinor: number, ids: { eventId?: string; refundId?: string } = {}) => {
    const outcome = await deliver(stack, shop, refundBody(orderExternalId, amountMinor, ids));
    await stack.settled();
    return outcome;
  };
  const externalIdOf = async (c: CommissionRow): Promise<string> => (await stack.db.query(`SELECT external_id FROM orders WHERE id = $1`, [c.order_id]))[0].external_id;

  describe('amounts', () => {
    it('takes the percent of the net, rounded half-even once', async () => {
      const { shop, code } = await setUp();
      // 15% of 100.30 is 15.045: half-even gives 15.04 (half-up would give 15.05).
      const c = await sale(shop, code, { lines: [{ sku: 'A', priceMinor: 11_030, discountMinor: 1_000 }] });
      expect(c).toMatchObject({ amount_minor: '1504', quoted_amount_minor: '1504', basis_net_minor: '10030', status: 'PENDING', currency: 'USD', hold_reasons: [] });
    });

    it('adds the flat amount per order to the percent', async () => {
      const { shop, code } = await setUp({ commissionRateBps: 1_000, flatAmountMinor: 250n });
      const c = await sale(shop, code, { lines: [{ sku: 'A', priceMinor: 10_000 }] });
      expect(c.amount_minor).toBe('1250');
    });

    it('moves to the higher tier when the month-to-date net (this order included) reaches it', async () => {
      const { shop, code } = await setUp({
        commissionRateBps: 1_000,
        terms: { tiers: [{ fromNetMinor: '0', rateBps: 1_000 }, { fromNetMinor: '15000', rateBps: 2_000 }] },
      });
      // Both orders in this UTC month, the second after the first.
      const now = Date.now();
      const monthStart = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), 1);
      const first = Math.max(now - 2 * MINUTE, monthStart + 1_000);
      const one = await sale(shop, code, { at: new Date(first), lines: [{ sku: 'A', priceMinor: 10_000 }] });
      expect(one).toMatchObject({ amount_minor: '1000', tier_basis_minor: '0' });
      const two = await sale(shop, code, { at: new Date(first + 1_000), lines: [{ sku: 'A', priceMinor: 10_000 }] });
      // 100.00 earlier this month + 100.00 now = 200.00 ≥ 150.00: the 20% tier, on this order's 100.00.
      expect(two).toMatchObject({ amount_minor: '2000', tier_basis_minor: '10000' });
    });

    it('pays a SKU override rate on its line and the base rate on the rest', async () => {
      const { shop, code } = await setUp({
        commissionRateBps: 1_000,
        terms: { overrides: [{ sku: 'SKU-BOOST', productId: null, rateBps: 3_000, flatPerUnitMinor: null }] },
      });
      const c = await sale(shop, code, {
        lines: [
          { sku: 'SKU-BOOST', priceMinor: 6_000 },
          { sku: 'SKU-PLAIN', priceMinor: 4_000 },
        ],
      });
      // 30% of 60.00 + 10% of 40.00.
      expect(c.amount_minor).toBe('2200');
    });

    it('caps the commission per order', async () => {
      const { shop, code } = await setUp({ terms: { capPerOrderMinor: 500n } });
      const c = await sale(shop, code, { lines: [{ sku: 'A', priceMinor: 10_000 }] });
      expect(c).toMatchObject({ amount_minor: '500', quoted_amount_minor: '500' });
      expect(c.explanation).toEqual(expect.arrayContaining([expect.stringMatching(/^Capped at/)]));
    });
  });

  describe('holds', () => {
    it('holds a commission that would take the campaign past its budget', async () => {
      const { shop, code } = await setUp({ budgetMinor: 2_000n });
      const first = await sale(shop, code, { lines: [{ sku: 'A', priceMinor: 10_000 }] });
      expect(first).toMatchObject({ amount_minor: '1500', status: 'PENDING', hold_reasons: [] });
      const second = await sale(shop, code, { lines: [{ sku: 'A', priceMinor: 10_000 }] });
      expect(second).toMatchObject({ amount_minor: '1500', status: 'ON_HOLD', hold_reasons: ['BUDGET_EXHAUSTED'] });
    });

    it('holds a commission on an order in another currency than the campaign', async () => {
      const { shop, code } = await setUp({ currency: 'USD' });
      const c = await sale(shop, code, { currency: 'EUR', lines: [{ sku: 'A', priceMinor: 10_000 }] });
      expect(c).toMatchObject({ status: 'ON_HOLD', hold_reasons: ['CURRENCY_MISMATCH'], currency: 'EUR', amount_minor: '1500' });
    });

    it("holds a self-referral (the customer's email is the creator's) and keeps the fraud signal", async () => {
      const { seller, shop, code } = await setUp();
      const [{ email }] = await stack.db.query(`SELECT u.email FROM creator_profiles p JOIN users u ON u.id = p.user_id WHERE p.id = $1`, [seller.creatorId]);
      const c = await sale(shop, code, { email: `  ${String(email).toUpperCase()} ` });
      expect(c).toMatchObject({ status: 'ON_HOLD', hold_reasons: ['FRAUD'] });
      const signals = await stack.db.query(`SELECT scope, rule, creator_id FROM fraud_signals WHERE order_id = $1`, [c.order_id]);
      expect(signals).toEqual([{ scope: 'ORDER', rule: 'SELF_REFERRAL', creator_id: seller.creatorId }]);
    });

    it("holds the sixth order of one customer in a day, and only that one", async () => {
      const { shop, code } = await setUp();
      const customer = { email: `burst-${code.toLowerCase()}@example.test`, customerId: `cus-${code}` };
      const statuses: string[] = [];
      for (let n = 0; n < 6; n += 1) {
        const c = await sale(shop, code, { ...customer, at: new Date(Date.now() - 6 * HOUR + n * MINUTE) });
        statuses.push(c.status);
        if (n === 5) {
          expect(c.hold_reasons).toEqual(['FRAUD']);
          const signals = await stack.db.query(`SELECT rule, detail FROM fraud_signals WHERE order_id = $1`, [c.order_id]);
          expect(signals).toEqual([{ rule: 'CUSTOMER_ORDER_BURST', detail: { ordersInDay: 6, maxOrders: 5 } }]);
        }
      }
      expect(statuses).toEqual(['PENDING', 'PENDING', 'PENDING', 'PENDING', 'PENDING', 'ON_HOLD']);
    });

    it('lets finance release a hold, with the reason in the audit log', async () => {
      const { shop, code } = await setUp({ currency: 'USD' });
      const held = await sale(shop, code, { currency: 'EUR' });
      const finance = await stack.make.user({ roles: [Role.FINANCE] });
      await stack.api.get(CommissionHoldsService, { strict: false }).release({ userId: finance.id, roles: [Role.FINANCE], organizationId: null, sessionId: 's' }, held.id, 'rate agreed');
      expect(await commission(held.id)).toMatchObject({ status: 'PENDING', hold_reasons: [] });
      expect((await auditOf(held.id)).at(-1)).toMatchObject({
        action: 'commission.status_changed',
        actor_type: 'USER',
        actor_id: finance.id,
        before: { status: 'ON_HOLD', holdReasons: ['CURRENCY_MISMATCH'] },
        after: { status: 'PENDING', holdReasons: [] },
        reason: 'rate agreed',
      });
    });
  });

  describe('the hold window', () => {
    it('moves PENDING commissions whose window elapsed to ELIGIBLE, once, with one audit row each', async () => {
      const short = await setUp({ terms: { holdDays: 1 } });
      const long = await setUp({ terms: { holdDays: 30 } });
      const quick = await sale(short.shop, short.code);
      const slow = await sale(long.shop, long.code);
      expect([quick.status, slow.status]).toEqual(['PENDING', 'PENDING']);
      const releases = stack.worker!.get(HoldReleaseService, { strict: false });

      // An hour ago plus one day: the short window is over two days from now; the 30-day one is not.
      const later = new Date(Date.now() + 2 * DAY);
      expect(await releases.releaseElapsed(later)).toBe(1);
      expect((await commission(quick.id)).status).toBe('ELIGIBLE');
      expect((await commission(slow.id)).status).toBe('PENDING');
      expect(await releases.releaseElapsed(later)).toBe(0);

      const transitions = (await auditOf(quick.id)).filter((row) => row.action === 'commission.status_changed');
      expect(transitions).toEqual([
        expect.objectContaining({ actor_type: 'SYSTEM', before: { status: 'PENDING' }, after: { status: 'ELIGIBLE' }, reason: 'hold window elapsed' }),
      ]);
      expect((await auditOf(slow.id)).filter((row) => row.action === 'commission.status_changed')).toEqual([]);
    });
  });

  describe('refunds', () => {
    it('lowers the commission in proportion to each partial refund, from the totals', async () => {
      const { shop, code } = await setUp();
      const c = await sale(shop, code, { lines: [{ sku: 'A', priceMinor: 10_030 }] });
      expect(c.amount_minor).toBe('1504');
      const externalId = await externalIdOf(c);

      await refund(shop, externalId, 3_333);
      // 15.04 × 66.97 / 100.30 = 10.042…
      expect(await commission(c.id)).toMatchObject({ amount_minor: '1004', status: 'PENDING' });
      await refund(shop, externalId, 1_667);
      // 15.04 × 50.30 / 100.30 = 7.542…: from the total refunded (50.00), not from 10.04 less a share.
      expect(await commission(c.id)).toMatchObject({ amount_minor: '754', status: 'PENDING' });

      expect(await adjustmentsOf(c.id)).toEqual([
        { kind: 'CREATED', delta_minor: '1504', amount_after_minor: '1504' },
        { kind: 'REFUND', delta_minor: '-500', amount_after_minor: '1004' },
        { kind: 'REFUND', delta_minor: '-250', amount_after_minor: '754' },
      ]);
      expect((await orderRow(stack, shop, externalId))!.refunded_net_minor).toBe('5000');
    });

    it('reverses the commission on a full refund before payout', async () => {
      const { shop, code } = await setUp();
      const c = await sale(shop, code);
      await refund(shop, await externalIdOf(c), 10_000);
      expect(await commission(c.id)).toMatchObject({ amount_minor: '0', status: 'REVERSED' });
      expect((await adjustmentsOf(c.id)).map((a) => [a.kind, a.delta_minor])).toEqual([
        ['CREATED', '1500'],
        ['REFUND', '-1500'],
      ]);
    });

    it('after payout claws the difference back as a new APPROVED commission, once per refund', async () => {
      const { shop, code } = await setUp();
      const paid = await sale(shop, code, { lines: [{ sku: 'A', priceMinor: 10_000 }] });
      const externalId = await externalIdOf(paid);
      await stack.db.query(`UPDATE commissions SET status = 'PAID', paid_at = now() WHERE id = $1`, [paid.id]);
      movedBySql.add(paid.id);

      const delivery = refundBody(externalId, 4_000);
      expect(await deliver(stack, shop, delivery)).toBe('accepted');
      await stack.settled();
      const afterRefund = await commissionsOf(stack, paid.order_id as string);
      expect(afterRefund).toHaveLength(2);
      const [sold, clawback] = afterRefund as [CommissionRow, CommissionRow];
      expect(sold).toMatchObject({ id: paid.id, status: 'PAID', amount_minor: '1500' });
      // 15.00 × 60.00 / 100.00 = 9.00 is owed now: 6.00 comes back.
      expect(clawback).toMatchObject({ kind: 'CLAWBACK', status: 'APPROVED', amount_minor: '-600', corrects_commission_id: paid.id, creator_id: paid.creator_id });
      expect(await adjustmentsOf(clawback.id)).toEqual([{ kind: 'REFUND', delta_minor: '-600', amount_after_minor: '-600' }]);
      expect((await auditOf(clawback.id)).map((row) => row.action)).toEqual(['commission.clawback_created']);

      // The same delivery again (a duplicate in the inbox), and the same refund under a new event id (skipped by the order book).
      expect(await deliver(stack, shop, delivery)).toBe('duplicate');
      const resent = refundBody(externalId, 4_000, { refundId: (delivery.refund as { id: string }).id });
      expect(await deliver(stack, shop, resent)).toBe('accepted');
      await stack.settled();
      const [resentEvent] = await stack.db.query(`SELECT status FROM order_events WHERE external_event_id = $1`, [resent.id]);
      expect(resentEvent.status).toBe('SKIPPED');
      expect(await commissionsOf(stack, paid.order_id as string)).toEqual(afterRefund);

      // The rest refunded: the rest clawed back, and the order's commissions sum to nothing.
      await refund(shop, externalId, 6_000);
      const all = await commissionsOf(stack, paid.order_id as string);
      expect(all.map((c) => [c.kind, c.status, c.amount_minor])).toEqual([
        ['SALE', 'PAID', '1500'],
        ['CLAWBACK', 'APPROVED', '-600'],
        ['CLAWBACK', 'APPROVED', '-900'],
      ]);
    });
  });

  describe('the audit trail', () => {
    it('records the creation and each status change of a commission that is held, released and reversed', async () => {
      const { shop, code } = await setUp({ currency: 'USD' });
      const c = await sale(shop, code, { currency: 'EUR' });
      const finance = await stack.make.user({ roles: [Role.FINANCE] });
      await stack.api.get(CommissionHoldsService, { strict: false }).release({ userId: finance.id, roles: [Role.FINANCE], organizationId: null, sessionId: 's' }, c.id, 'checked');
      const externalId = await externalIdOf(c);
      await deliver(stack, shop, orderBody({ id: externalId, type: 'order.cancelled', currency: 'EUR', codes: [code], at: new Date(Date.now() - HOUR) }));
      await stack.settled();

      expect(await commission(c.id)).toMatchObject({ status: 'REVERSED', amount_minor: '0' });
      expect((await auditOf(c.id)).map((row) => [row.action, row.before?.status ?? null, row.after?.status ?? null])).toEqual([
        ['commission.created', null, 'ON_HOLD'],
        ['commission.status_changed', 'ON_HOLD', 'PENDING'],
        ['commission.status_changed', 'PENDING', 'REVERSED'],
      ]);
    });

    it('refuses to UPDATE or DELETE audit_log rows', async () => {
      const { shop, code } = await setUp();
      const c = await sale(shop, code);
      const before = await auditOf(c.id);
      expect(before.length).toBeGreaterThan(0);
      await expect(stack.db.query(`UPDATE audit_log SET reason = 'rewritten' WHERE entity_id = $1`, [c.id])).rejects.toThrow('audit_log is append-only');
      await expect(stack.db.query(`DELETE FROM audit_log WHERE entity_id = $1`, [c.id])).rejects.toThrow('audit_log is append-only');
      expect(await auditOf(c.id)).toEqual(before);
    });

    it('has, for every commission made in this file, an audit row for its creation and for each status it went through', async () => {
      const commissions: CommissionRow[] = await stack.db.query(`SELECT * FROM commissions ORDER BY created_at, id`);
      expect(commissions.length).toBeGreaterThan(20);
      for (const c of commissions) {
        if (movedBySql.has(c.id)) continue;
        const rows = await auditOf(c.id);
        expect([c.id, rows[0]?.action]).toEqual([c.id, c.kind === 'SALE' ? 'commission.created' : 'commission.clawback_created']);
        let status = rows[0]!.after!.status;
        for (const row of rows.slice(1)) {
          expect([c.id, row.action, row.before?.status]).toEqual([c.id, 'commission.status_changed', status]);
          status = row.after!.status;
        }
        expect([c.id, status]).toEqual([c.id, c.status]);
      }
    });
  });
});

import { newId, Role } from '@app/core';
import { errorCode, errorFields, type MadeBrand } from '@app/testing';
import {
  APPROVE,
  EXPORT,
  LIST,
  REJECT,
  RELEASE,
  REVIEWED,
  sell,
  seller,
  type Seller,
  selfReferral,
  statusChanges,
  statusOf,
} from '../support/commission-review.js';
import { expectLedgerBalanced } from '../support/ledger.js';
import { countQueries } from '../support/query-counter.js';
import { creatorToken, tokenOf } from '../support/sales-api.js';
import { DAY } from '../support/sales-orders.js';
import { type SalesStack, startSalesStack } from '../support/sales-stack.js';

/** Approvals worth more than 50.00 of one currency need a second finance user. */
const SECOND_REVIEW_ABOVE_MINOR = '5000';
const HEADER = 'id,organization,campaign,creator,order,kind,status,currency,amount,ordered_at,eligible_at,approved_at,paid_at,hold_reasons';

describe('finance review of commissions', () => {
  let stack: SalesStack;
  let brand: MadeBrand;
  let usd: Seller;
  let eur: Seller;
  let gated: Seller;
  let tokens: { finance: string; secondFinance: string; brand: string; creator: string };
  let financeId: string;
  let secondFinanceId: string;

  const blockedOf = (response: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.blocked;

  beforeAll(async () => {
    stack = await startSalesStack({ env: { APPROVAL_SECOND_REVIEW_ABOVE_MINOR: SECOND_REVIEW_ABOVE_MINOR } });
    brand = await stack.make.brand();
    usd = await seller(stack, brand);
    eur = await seller(stack, brand, { currency: 'EUR', creator: usd.creator, shop: usd.shop });
    gated = await seller(stack, brand, { disclosureRequired: true, shop: usd.shop });
    const [finance, secondFinance] = [await stack.make.user({ roles: [Role.FINANCE] }), await stack.make.user({ roles: [Role.FINANCE] })];
    [financeId, secondFinanceId] = [finance.id, secondFinance.id];
    tokens = {
      finance: await tokenOf(stack, finance),
      secondFinance: await tokenOf(stack, secondFinance),
      brand: await tokenOf(stack, brand.admin),
      creator: await creatorToken(stack, usd.creatorId),
    };
  }, 120_000);
  // Every approval and rejection above leaves the books balanced and every commission booked as its status says.
  afterEach(() => expectLedgerBalanced(stack.db));
  afterAll(() => stack.close());

  describe('approveCommissions', () => {
    it('approves nothing when one commission blocks, and lists every blocker with its reason', async () => {
      const eligible = await sell(stack, usd);
      const held = await sell(stack, usd, selfReferral(usd));
      const undisclosed = await sell(stack, gated);
      const missing = newId();
      expect([await statusOf(stack, eligible.id), await statusOf(stack, held.id), await statusOf(stack, undisclosed.id)]).toEqual(['ELIGIBLE', 'ON_HOLD', 'ELIGIBLE']);

      const refused = await stack.gql.as(tokens.finance).send(APPROVE, { ids: [eligible.id, held.id, undisclosed.id, missing], note: 'March batch' });
      expect({ code: errorCode(refused), data: refused.data }).toEqual({ code: 'CONFLICT', data: null });
      expect(refused.errors![0]!.message).toMatch(new RegExp(`^3 of 4 commissions cannot be approved, so none was: ${held.id} ON_HOLD \\(ON_HOLD\\)`));
      expect(blockedOf(refused)).toEqual([
        { id: held.id, reason: 'ON_HOLD', status: 'ON_HOLD', detail: expect.stringContaining('FRAUD') },
        { id: undisclosed.id, reason: 'DISCLOSURE_MISSING', status: 'ELIGIBLE', detail: expect.stringContaining('disclosure') },
        { id: missing, reason: 'NOT_FOUND', status: null, detail: 'no commission has this id' },
      ]);
      expect([await statusOf(stack, eligible.id), await statusOf(stack, held.id), await statusOf(stack, undisclosed.id)]).toEqual(['ELIGIBLE', 'ON_HOLD', 'ELIGIBLE']);
      expect(await statusChanges(stack, eligible.id)).toEqual([]);

      const { approveCommissions: done } = await stack.gql.as(tokens.finance).ok(APPROVE, { ids: [eligible.id], note: 'March batch' });
      expect(done).toMatchObject({ approved: 1, pendingSecondReview: 0, commissions: [{ id: eligible.id, status: 'APPROVED', reviewNote: 'March batch', approvedById: financeId }] });
      expect(done.commissions[0].blockedBy.map((b: { reason: string }) => b.reason)).not.toContain('AWAITING_APPROVAL');
      expect(await statusChanges(stack, eligible.id)).toEqual([
        { actor_type: 'USER', actor_id: financeId, before: { status: 'ELIGIBLE' }, after: { status: 'APPROVED' }, reason: 'March batch' },
      ]);

      const again = await stack.gql.as(tokens.finance).send(APPROVE, { ids: [eligible.id] });
      expect({ code: errorCode(again), blocked: blockedOf(again) }).toEqual({
        code: 'CONFLICT',
        blocked: [{ id: eligible.id, reason: 'NOT_ELIGIBLE', status: 'APPROVED', detail: expect.any(String) }],
      });
    });

    it('approves a held commission once finance has released its hold with a reason', async () => {
      const held = await sell(stack, usd, selfReferral(usd));
      expect((await stack.gql.as(tokens.finance).ok(RELEASE, { id: held.id, reason: 'The creator bought it as a gift; receipt checked' })).releaseCommissionHold).toEqual({
        id: held.id,
        status: 'ELIGIBLE',
      });
      await stack.gql.as(tokens.finance).ok(APPROVE, { ids: [held.id] });
      expect((await statusChanges(stack, held.id)).map((change) => [(change.after as { status: string }).status, change.reason])).toEqual([
        ['ELIGIBLE', 'The creator bought it as a gift; receipt checked'],
        ['APPROVED', null],
      ]);
      // Released and approved, it still carries the fraud signal that held it.
      const flagged = (await stack.gql.as(tokens.finance).ok(LIST, { filter: { campaignId: usd.campaign.campaignId, flagged: true }, first: 50 })).commissions;
      expect(flagged.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(held.id);
    });

    it('sends approvals over the amount to a second, different finance user', async () => {
      const big = [await sell(stack, usd, { lines: [{ sku: 'KIT', priceMinor: 20_000 }] }), await sell(stack, usd, { lines: [{ sku: 'KIT', priceMinor: 20_000 }] })];
      const small = await sell(stack, eur);
      const ids = [...big.map((c) => c.id), small.id];

      // 30.00 + 30.00 USD together exceed 50.00; the 15.00 EUR alone does not.
      const first = (await stack.gql.as(tokens.finance).ok(APPROVE, { ids, note: 'Checked the invoices' })).approveCommissions;
      expect(first).toMatchObject({ approved: 1, pendingSecondReview: 2 });
      expect(first.commissions.map((c: { status: string }) => c.status)).toEqual(['APPROVAL_PENDING_SECOND_REVIEW', 'APPROVAL_PENDING_SECOND_REVIEW', 'APPROVED']);
      expect(first.commissions[0]).toMatchObject({ firstApprovedById: financeId, approvedById: null, approvedAt: null, firstApprovedAt: expect.any(String) });
      expect(first.commissions[0].blockedBy.map((b: { reason: string }) => b.reason)).toContain('AWAITING_SECOND_REVIEW');
      // A brand sees that it waits, not which finance user approved it.
      expect((await stack.gql.as(tokens.brand).ok(REVIEWED, { id: big[0]!.id })).commission).toMatchObject({ status: 'APPROVAL_PENDING_SECOND_REVIEW', firstApprovedById: null });

      const same = await stack.gql.as(tokens.finance).send(APPROVE, { ids: big.map((c) => c.id) });
      expect({ code: errorCode(same), blocked: blockedOf(same) }).toEqual({
        code: 'CONFLICT',
        blocked: big.map((c) => ({ id: c.id, reason: 'SAME_REVIEWER', status: 'APPROVAL_PENDING_SECOND_REVIEW', detail: expect.any(String) })),
      });

      const second = (await stack.gql.as(tokens.secondFinance).ok(APPROVE, { ids: big.map((c) => c.id), note: 'Second pair of eyes' })).approveCommissions;
      expect(second).toMatchObject({ approved: 2, pendingSecondReview: 0 });
      expect(second.commissions[0]).toMatchObject({ status: 'APPROVED', firstApprovedById: financeId, approvedById: secondFinanceId, reviewNote: 'Second pair of eyes' });
      expect(await statusChanges(stack, big[0]!.id)).toEqual([
        {
          actor_type: 'USER',
          actor_id: financeId,
          before: { status: 'ELIGIBLE' },
          after: { status: 'APPROVAL_PENDING_SECOND_REVIEW' },
          reason: 'Checked the invoices',
        },
        {
          actor_type: 'USER',
          actor_id: secondFinanceId,
          before: { status: 'APPROVAL_PENDING_SECOND_REVIEW' },
          after: { status: 'APPROVED' },
          reason: 'Second pair of eyes',
        },
      ]);
    });

    it('names ids or note when the input is wrong, and changes nothing', async () => {
      const eligible = await sell(stack, usd);
      const cases: [Record<string, unknown>, string[]][] = [
        [{ ids: [] }, ['ids']],
        [{ ids: [eligible.id, eligible.id.toUpperCase()] }, ['ids']],
        [{ ids: [eligible.id, 'not-an-id'] }, ['ids']],
        [{ ids: Array.from({ length: 501 }, () => newId()) }, ['ids']],
        [{ ids: [eligible.id], note: 'x'.repeat(1_001) }, ['note']],
      ];
      for (const [variables, fields] of cases) {
        const response = await stack.gql.as(tokens.finance).send(APPROVE, variables);
        expect({ code: errorCode(response), fields: errorFields(response) }).toEqual({ code: 'BAD_USER_INPUT', fields });
      }
      expect(await statusOf(stack, eligible.id)).toBe('ELIGIBLE');
    });

    it('is for finance only', async () => {
      const eligible = await sell(stack, usd);
      for (const token of [tokens.brand, tokens.creator]) {
        expect(errorCode(await stack.gql.as(token).send(APPROVE, { ids: [eligible.id] }))).toBe('FORBIDDEN');
        expect(errorCode(await stack.gql.as(token).send(REJECT, { ids: [eligible.id], reason: 'No' }))).toBe('FORBIDDEN');
      }
      expect(await statusOf(stack, eligible.id)).toBe('ELIGIBLE');
      expect(await statusChanges(stack, eligible.id)).toEqual([]);
    });
  });

  describe('rejectCommissions', () => {
    it('rejects eligible and held commissions with the reason, audited, and tells the creator why', async () => {
      const eligible = await sell(stack, usd);
      const held = await sell(stack, usd, selfReferral(usd));
      const reason = 'The shopper is the creator: self-referrals earn nothing';
      const { rejectCommissions } = await stack.gql.as(tokens.finance).ok(REJECT, { ids: [eligible.id, held.id], reason: `  ${reason} ` });
      expect(rejectCommissions.commissions).toEqual([
        expect.objectContaining({ id: eligible.id, status: 'REJECTED', reviewNote: reason, rejectedById: financeId, rejectedAt: expect.any(String), blockedBy: [] }),
        expect.objectContaining({ id: held.id, status: 'REJECTED', holdReasons: [], reviewNote: reason }),
      ]);
      expect(await statusChanges(stack, held.id)).toEqual([
        { actor_type: 'USER', actor_id: financeId, before: { status: 'ON_HOLD', holdReasons: ['FRAUD'] }, after: { status: 'REJECTED', holdReasons: [] }, reason },
      ]);
      expect((await stack.gql.as(tokens.creator).ok(REVIEWED, { id: eligible.id })).commission).toMatchObject({ status: 'REJECTED', reviewNote: reason, rejectedById: null });
    });

    it('rejects nothing when one commission is past rejecting, and needs a reason', async () => {
      const eligible = await sell(stack, usd);
      const approved = await sell(stack, usd);
      await stack.gql.as(tokens.finance).ok(APPROVE, { ids: [approved.id] });
      const refused = await stack.gql.as(tokens.finance).send(REJECT, { ids: [eligible.id, approved.id], reason: 'Duplicate order' });
      expect({ code: errorCode(refused), blocked: blockedOf(refused) }).toEqual({
        code: 'CONFLICT',
        blocked: [{ id: approved.id, reason: 'NOT_REJECTABLE', status: 'APPROVED', detail: 'it is APPROVED, which cannot be rejected' }],
      });
      const blank = await stack.gql.as(tokens.finance).send(REJECT, { ids: [eligible.id], reason: '   ' });
      expect({ code: errorCode(blank), fields: errorFields(blank) }).toEqual({ code: 'BAD_USER_INPUT', fields: ['reason'] });
      const both = await stack.gql.as(tokens.finance).send(REJECT, { ids: [], reason: 'y'.repeat(1_001) });
      expect(errorFields(both)).toEqual(['ids', 'reason']);
      expect([await statusOf(stack, eligible.id), await statusOf(stack, approved.id)]).toEqual(['ELIGIBLE', 'APPROVED']);
    });
  });

  describe('filters, totals and the CSV export', () => {
    let shop: MadeBrand;
    let dollars: Seller;
    let euros: Seller;
    let brandToken: string;
    const t1 = new Date(Date.now() - 10 * DAY);
    const t2 = new Date(Date.now() - 5 * DAY);
    let sold: { early: Awaited<ReturnType<typeof sell>>; usd: Awaited<ReturnType<typeof sell>>; eur: Awaited<ReturnType<typeof sell>>; flagged: Awaited<ReturnType<typeof sell>> };

    beforeAll(async () => {
      shop = await stack.make.brand({ name: 'Acme, "Ltd"' });
      const creator = await stack.make.creatorProfile({ displayName: '=Maya' });
      dollars = await seller(stack, shop, { title: 'Serum, "Night" edition', creator });
      euros = await seller(stack, shop, { currency: 'EUR', title: 'Serum EU', creator, shop: dollars.shop });
      sold = {
        early: await sell(stack, dollars, { at: t1 }),
        usd: await sell(stack, dollars, { at: t2, lines: [{ sku: 'KIT', priceMinor: 20_000 }] }),
        eur: await sell(stack, euros, { at: t2 }),
        flagged: await sell(stack, dollars, selfReferral(dollars)),
      };
      brandToken = await tokenOf(stack, shop.admin);
    }, 60_000);

    const list = async (token: string, filter: Record<string, unknown>, first = 50) => (await stack.gql.as(token).ok(LIST, { filter, first })).commissions;
    const idsOf = (connection: { edges: { node: { id: string } }[] }) => connection.edges.map((edge) => edge.node.id).sort();
    const total = (currency: string, count: number, amountMinor: string) => ({ currency, count, sum: { amountMinor, currency, formatted: expect.any(String) } });

    it('totals every commission of the filter per currency, not only the page', async () => {
      const page = await list(tokens.finance, { organizationId: shop.organizationId }, 1);
      expect(page.edges).toHaveLength(1);
      expect(page.totals).toEqual([total('EUR', 1, '1500'), total('USD', 3, '6000')]);
      expect(page.totals[1].sum.formatted).toBe('$60.00');
      // The brand's own organization is fine, and is what it sees anyway.
      expect((await list(brandToken, { organizationId: shop.organizationId })).totals).toEqual(page.totals);
      expect((await list(brandToken, {})).totals).toEqual(page.totals);
    });

    it('sums only when totals are asked for, in one statement', async () => {
      const aggregates = async (query: string) =>
        (await countQueries(stack.db, () => stack.gql.as(tokens.finance).ok(query, { filter: { organizationId: shop.organizationId } }))).statements.filter((sql) =>
          /GROUP BY/i.test(sql),
        );
      expect(await aggregates(`query ($filter: CommissionFilter) { commissions(filter: $filter, first: 5) { edges { node { id } } } }`)).toEqual([]);
      expect(await aggregates(`query ($filter: CommissionFilter) { commissions(filter: $filter, first: 5) { edges { node { id } } totals { count } } }`)).toHaveLength(1);
    });

    it('filters by order time, from inclusive and to exclusive', async () => {
      const window = await list(tokens.finance, { organizationId: shop.organizationId, from: t2.toISOString(), to: new Date(Date.now() - 2 * DAY).toISOString() });
      expect(idsOf(window)).toEqual([sold.usd.id, sold.eur.id].sort());
      expect(window.totals).toEqual([total('EUR', 1, '1500'), total('USD', 1, '3000')]);
      expect(idsOf(await list(tokens.finance, { organizationId: shop.organizationId, from: t1.toISOString(), to: t2.toISOString() }))).toEqual([sold.early.id]);

      const backwards = await stack.gql.as(tokens.finance).send(LIST, { filter: { from: t2.toISOString(), to: t1.toISOString() } });
      expect({ code: errorCode(backwards), fields: errorFields(backwards) }).toEqual({ code: 'BAD_USER_INPUT', fields: ['filter.to'] });
    });

    it('tells flagged commissions (fraud signals) from the others', async () => {
      const flagged = await list(tokens.finance, { organizationId: shop.organizationId, flagged: true });
      expect(idsOf(flagged)).toEqual([sold.flagged.id]);
      expect(flagged.totals).toEqual([total('USD', 1, '1500')]);
      expect(idsOf(await list(tokens.finance, { organizationId: shop.organizationId, flagged: false }))).toEqual([sold.early.id, sold.usd.id, sold.eur.id].sort());
    });

    it("answers a brand naming another brand's organization with NOT_FOUND", async () => {
      for (const query of [LIST, EXPORT]) {
        const response = await stack.gql.as(brandToken).send(query, { filter: { organizationId: brand.organizationId } });
        expect({ code: errorCode(response), data: response.data }).toEqual({ code: 'NOT_FOUND', data: null });
      }
    });

    it('exports what the filter selects as CSV, oldest first, with names quoted and formulas defused', async () => {
      const { exportCommissions: file } = await stack.gql.as(tokens.finance).ok(EXPORT, { filter: { organizationId: shop.organizationId } });
      expect(file).toMatchObject({ contentType: 'text/csv; charset=utf-8', rowCount: 4, filename: expect.stringMatching(/^commissions-\d{4}-\d{2}-\d{2}\.csv$/) });
      const lines = file.csv.split('\r\n');
      expect(lines).toHaveLength(6);
      expect(lines[0]).toBe(HEADER);
      expect(lines[5]).toBe('');
      const [row] = await stack.db.query(`SELECT ordered_at, eligible_at FROM commissions WHERE id = $1`, [sold.early.id]);
      expect(lines[1]).toBe(
        [
          sold.early.id,
          '"Acme, ""Ltd"""',
          '"Serum, ""Night"" edition"',
          "'=Maya",
          sold.early.externalId,
          'SALE',
          'ELIGIBLE',
          'USD',
          '15.00',
          row.ordered_at.toISOString(),
          row.eligible_at.toISOString(),
          '',
          '',
          '',
        ].join(','),
      );
      expect(lines[3]).toContain(`,${sold.eur.externalId},SALE,ELIGIBLE,EUR,15.00,`);
      expect(lines[4]).toMatch(new RegExp(`^${sold.flagged.id},.*,ON_HOLD,USD,15.00,.*,FRAUD$`));

      const own = (await stack.gql.as(brandToken).ok(EXPORT, {})).exportCommissions;
      expect(own.csv).toBe(file.csv);
      const flaggedOnly = (await stack.gql.as(tokens.finance).ok(EXPORT, { filter: { organizationId: shop.organizationId, flagged: true } })).exportCommissions;
      expect(flaggedOnly.rowCount).toBe(1);
    });
  });
});

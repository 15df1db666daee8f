import { Role } from '@app/core';
import { errorCode, errorFields, type MadeBrand, type Participation } from '@app/testing';
import { type ClickDay, daysBetween, expectedFigures, expectedSeriesFigures, FIGURES, insertClickDays, insertSaleDays, type SaleDay, SERIES_FIGURES, within } from '../support/analytics-rollups.js';
import { APPROVE, sell, seller } from '../support/commission-review.js';
import { countQueries } from '../support/query-counter.js';
import { creatorToken, tokenOf } from '../support/sales-api.js';
import { rolledUp } from '../support/analytics-expected.js';
import { type SalesStack, startSalesStack } from '../support/sales-stack.js';

const CAMPAIGN_STATS = `query S($id: ID!, $from: String!, $to: String!, $g: StatsGranularity) {
  campaignStats(campaignId: $id, from: $from, to: $to, granularity: $g) {
    campaignId from to granularity timeZone currency total { ${FIGURES} } series { start end ${SERIES_FIGURES} }
    budget { total { amountMinor currency } used { amountMinor } remaining { amountMinor } } } }`;
const COMPLIANCE = `query S($id: ID!) { campaignStats(campaignId: $id, from: "2026-03-01", to: "2026-03-02") { compliance { disclosureRequired posts { total } creators { approved missing } } } }`;
const CREATOR_STATS = `query C($from: String!, $to: String!, $campaignId: ID, $enrollmentId: ID) {
  creatorStats(from: $from, to: $to, campaignId: $campaignId, enrollmentId: $enrollmentId) { creatorId total { ${FIGURES} } series { start end commissions: byCurrency { currency commissions { amountMinor } } } } }`;
const LINK_STATS = `query L($id: ID!) { linkStats(linkId: $id, from: "2026-03-01", to: "2026-03-10") { linkId campaignId total { ${FIGURES} } series { start clicks } } }`;
const CODE_STATS = `query K($id: ID!) { codeStats(codeId: $id, from: "2026-03-01", to: "2026-03-10") { codeId total { ${FIGURES} } } }`;
const LEADERBOARD = `query B($id: ID!, $by: LeaderboardOrder!, $first: Int, $after: String, $from: String, $to: String) {
  leaderboard(campaignId: $id, by: $by, first: $first, after: $after, from: $from, to: $to) {
    edges { cursor node { rank enrollmentId creatorId creator { id } clicks uniqueClicks orders conversionRate netRevenue { amountMinor currency } earningsPerClick { amountMinor } } }
    pageInfo { hasNextPage endCursor } } }`;
const EXPORT_CAMPAIGN = `query E($id: ID!, $g: StatsGranularity) { exportCampaignStats(campaignId: $id, from: "2026-03-01", to: "2026-03-10", granularity: $g) { filename contentType rowCount csv } }`;
const EXPORT_LEADERBOARD = `query E($id: ID!) { exportLeaderboard(campaignId: $id, by: NET_REVENUE, from: "2026-03-01", to: "2026-03-10") { filename rowCount csv } }`;
const EXPORT_CREATOR = `query E { exportCreatorStats(from: "2026-03-01", to: "2026-03-10", granularity: MONTH) { filename rowCount csv } }`;
const FINANCE = `query F($from: String!, $to: String!) { financeSummary(from: $from, to: $to) {
  commissions { status currency count amount { amountMinor } } payoutRuns { runId currency status payoutCount total { amountMinor } }
  outstandingClawbacks { currency } fundingOwed { organizationId organizationName owed { amountMinor currency } } } }`;
const EXPORT_FINANCE = `query F($from: String!, $to: String!) { exportFinanceSummary(from: $from, to: $to) { filename rowCount csv } }`;

const FROM = '2026-03-01';
const TO = '2026-03-10';

function lines(csv: string): string[] {
  return csv.slice(0, -2).split('\r\n');
}

describe('analytics stats', () => {
  let stack: SalesStack;
  let brandA: MadeBrand;
  let brandB: MadeBrand;
  let tokens: Record<'brandA' | 'memberA' | 'brandB' | 'c1' | 'c2' | 'finance', string>;
  let c1: Participation;
  let c2: Participation;
  let c3: Participation;
  let c5: Participation;
  let c1InB: Participation;
  let c4: Participation;
  let links: Record<'l1' | 'l2' | 'l5' | 'l4', string>;
  let codeK1: string;
  let clickRows: ClickDay[];
  let saleRows: SaleDay[];
  let budgetCampaignId: string;

  const inCampaign = (campaignId: string) => (row: { of: Participation }) => row.of.campaign.campaignId === campaignId;
  const enroll = async (of: Participation, creator?: { creatorId: string }): Promise<Participation> => {
    const made = creator ?? (await stack.make.creatorProfile());
    const enrollmentId = await stack.make.enrollment(of.campaign, made);
    return { ...of, enrollmentId, creatorId: made.creatorId };
  };

  beforeAll(async () => {
    stack = await startSalesStack();
    brandA = await stack.make.brand({ name: 'Northwind' });
    brandB = await stack.make.brand({ name: 'Rival' });
    await stack.db.query(`UPDATE organizations SET time_zone = 'America/New_York' WHERE id = $1`, [brandA.organizationId]);
    // The time zone change asks the rollup worker for a rebuild, which replaces rollup rows with
    // what the source rows say: let it finish before writing rows that have no source.
    await rolledUp(stack.db);
    const campaignA = await stack.make.campaign(brandA, { currency: 'USD', budgetMinor: null });
    const campaignB = await stack.make.campaign(brandB, { currency: 'EUR' });
    const base = (campaign: typeof campaignA, brand: MadeBrand) => ({ campaign, enrollmentId: '', creatorId: '', createdByUserId: brand.admin.id });
    c1 = await enroll(base(campaignA, brandA));
    c2 = await enroll(base(campaignA, brandA));
    c3 = await enroll(base(campaignA, brandA));
    c5 = await enroll(base(campaignA, brandA));
    c4 = await enroll(base(campaignB, brandB));
    c1InB = await enroll(base(campaignB, brandB), { creatorId: c1.creatorId });
    links = {
      l1: await stack.sales.referralLink(c1),
      l2: await stack.sales.referralLink(c2),
      l5: await stack.sales.referralLink(c5),
      l4: await stack.sales.referralLink(c4),
    };
    codeK1 = await stack.sales.discountCode(c1, 'MAYA-STATS');
    clickRows = [
      { of: c1, linkId: links.l1, day: '2026-02-28', clicks: 100, unique: 100, bots: 0 },
      { of: c1, linkId: links.l1, day: '2026-03-02', clicks: 10, unique: 8, bots: 3 },
      { of: c1, linkId: links.l1, day: '2026-03-05', clicks: 20, unique: 15, bots: 0 },
      { of: c1, linkId: links.l1, day: '2026-03-09', clicks: 5, unique: 5, bots: 1 },
      { of: c2, linkId: links.l2, day: '2026-03-02', clicks: 40, unique: 40, bots: 0 },
      { of: c2, linkId: links.l2, day: '2026-03-10', clicks: 6, unique: 3, bots: 2 },
      { of: c5, linkId: links.l5, day: '2026-03-06', clicks: 2, unique: 2, bots: 0 },
      { of: c4, linkId: links.l4, day: '2026-03-03', clicks: 50, unique: 40, bots: 5 },
    ];
    saleRows = [
      { of: c1, day: '2026-03-02', currency: 'USD', linkId: links.l1, orders: 2, gross: 10_000, net: 9_000, refundedOrders: 1, refunded: 1_000, pending: 5_000, fee: 150 },
      { of: c1, day: '2026-03-05', currency: 'USD', codeId: codeK1, orders: 1, gross: 5_001, net: 5_001, approved: 750, fee: 75 },
      { of: c1, day: '2026-03-05', currency: 'EUR', orders: 1, gross: 3_000, net: 3_000, pending: 450, fee: 45 },
      { of: c2, day: '2026-03-10', currency: 'USD', linkId: links.l2, orders: 3, gross: 30_000, net: 30_000, paid: 4_500, fee: 450 },
      { of: c2, day: '2026-03-11', currency: 'USD', linkId: links.l2, orders: 9, gross: 90_000, net: 90_000, paid: 13_500, fee: 1_350 },
      { of: c5, day: '2026-03-06', currency: 'USD', linkId: links.l5, orders: 1, gross: 1_000, net: 1_000, pending: 150, fee: 15 },
      { of: c4, day: '2026-03-03', currency: 'EUR', linkId: links.l4, orders: 4, gross: 40_000, net: 38_000, refundedOrders: 1, refunded: 2_000, approved: 6_000, fee: 600 },
      { of: c1InB, day: '2026-03-04', currency: 'EUR', orders: 1, gross: 2_000, net: 2_000, pending: 300, fee: 30 },
    ];
    await insertClickDays(stack.db, clickRows);
    await insertSaleDays(stack.db, saleRows);

    // A campaign with real commissions, for the budget and the finance summary.
    const sold = await seller(stack, brandA, { title: 'Budgeted' });
    budgetCampaignId = sold.campaign.campaignId;
    await stack.db.query(`UPDATE campaigns SET budget_minor = 10000 WHERE id = $1`, [budgetCampaignId]);
    const first = await sell(stack, sold);
    await sell(stack, sold);
    const finance = await stack.make.user({ roles: [Role.FINANCE] });
    tokens = {
      brandA: await tokenOf(stack, brandA.admin),
      memberA: await tokenOf(stack, await stack.make.member(brandA)),
      brandB: await tokenOf(stack, brandB.admin),
      c1: await creatorToken(stack, c1.creatorId),
      c2: await creatorToken(stack, c2.creatorId),
      finance: await tokenOf(stack, finance),
    };
    await stack.gql.as(tokens.finance).ok(APPROVE, { ids: [first.id] });
  }, 120_000);
  afterAll(() => stack.close());

  const campaignStats = (token: string, id: string, from = FROM, to = TO, g = 'DAY') => stack.gql.as(token).send(CAMPAIGN_STATS, { id, from, to, g });

  describe('campaignStats', () => {
    it("totals the campaign's rollups in range, per currency, with rates derived from them", async () => {
      const stats = (await campaignStats(tokens.brandA, c1.campaign.campaignId)).data!.campaignStats;
      const range = within(FROM, TO);
      const expected = expectedFigures(clickRows.filter(inCampaign(c1.campaign.campaignId)).filter(range), saleRows.filter(inCampaign(c1.campaign.campaignId)).filter(range));
      expect(stats).toMatchObject({ campaignId: c1.campaign.campaignId, from: FROM, to: TO, granularity: 'DAY', timeZone: 'America/New_York', currency: 'USD', budget: null });
      expect(stats.total).toEqual(expected);
      // The same, worked by hand: 83 clicks (bots apart), 73 unique, 8 orders in two currencies.
      expect(stats.total).toMatchObject({ clicks: 83, uniqueClicks: 73, botClicks: 6, orders: 8, conversionRate: 0.109589 });
      expect(stats.total.byCurrency.map((row: { currency: string }) => row.currency)).toEqual(['EUR', 'USD']);
      expect(stats.total.byCurrency[1]).toMatchObject({
        orders: 7,
        grossRevenue: { amountMinor: '46001' },
        averageOrderValue: { amountMinor: '6572' },
        refundRate: 0.142857,
        commissions: { amountMinor: '10400' },
        earningsPerClick: { amountMinor: '142' },
        costOfSale: { amountMinor: '11090' },
        returnOnSpend: 4.0578,
      });
    });

    it('lists every day of the range, with zeros on days without activity', async () => {
      const { series } = (await campaignStats(tokens.memberA, c1.campaign.campaignId)).data!.campaignStats;
      expect(series.map((period: { start: string }) => period.start)).toEqual(daysBetween(FROM, TO));
      for (const period of series) {
        const day = within(period.start, period.end);
        expect(period.end).toBe(period.start);
        expect(period).toEqual({
          start: period.start,
          end: period.end,
          ...expectedSeriesFigures(clickRows.filter(inCampaign(c1.campaign.campaignId)).filter(day), saleRows.filter(inCampaign(c1.campaign.campaignId)).filter(day)),
        });
      }
      expect(series[0]).toMatchObject({ clicks: 0, uniqueClicks: 0, orders: 0, conversionRate: null, byCurrency: [] });
    });

    it('buckets by ISO week and by month, cut to the range', async () => {
      const weeks = (await campaignStats(tokens.brandA, c1.campaign.campaignId, FROM, TO, 'WEEK')).data!.campaignStats.series;
      expect(weeks.map((w: { start: string; end: string }) => [w.start, w.end])).toEqual([
        ['2026-03-01', '2026-03-01'],
        ['2026-03-02', '2026-03-08'],
        ['2026-03-09', '2026-03-10'],
      ]);
      const campaignRows = (from: string, to: string) =>
        expectedSeriesFigures(clickRows.filter(inCampaign(c1.campaign.campaignId)).filter(within(from, to)), saleRows.filter(inCampaign(c1.campaign.campaignId)).filter(within(from, to)));
      expect(weeks[1]).toMatchObject(campaignRows('2026-03-02', '2026-03-08'));
      const months = (await campaignStats(tokens.brandA, c1.campaign.campaignId, '2026-02-20', '2026-03-31', 'MONTH')).data!.campaignStats.series;
      expect(months.map((m: { start: string; end: string }) => [m.start, m.end])).toEqual([
        ['2026-02-20', '2026-02-28'],
        ['2026-03-01', '2026-03-31'],
      ]);
      expect(months[0]).toMatchObject({ clicks: 100, uniqueClicks: 100, orders: 0 });
      expect(months[1]).toMatchObject(campaignRows('2026-03-01', '2026-03-31'));
    });

    it('shows the budget used the way commissions count it, and the compliance counts', async () => {
      const stats = (await campaignStats(tokens.brandA, budgetCampaignId, '2026-01-01', '2026-12-31')).data!.campaignStats;
      expect(stats.budget).toEqual({ total: { amountMinor: '10000', currency: 'USD' }, used: { amountMinor: '3000' }, remaining: { amountMinor: '7000' } });
      const compliance = (await stack.gql.as(tokens.brandA).ok(COMPLIANCE, { id: c1.campaign.campaignId })).campaignStats.compliance;
      expect(compliance).toEqual({ disclosureRequired: true, posts: { total: 0 }, creators: { approved: 4, missing: 4 } });
    });

    it("keeps brands to their own campaigns and creators out; another brand's campaign is NOT_FOUND", async () => {
      expect(errorCode(await campaignStats(tokens.brandB, c1.campaign.campaignId))).toBe('NOT_FOUND');
      expect(errorCode(await campaignStats(tokens.brandB, '0190a000-0000-7000-8000-000000000000'))).toBe('NOT_FOUND');
      expect(errorCode(await campaignStats(tokens.c1, c1.campaign.campaignId))).toBe('FORBIDDEN');
      const own = (await campaignStats(tokens.brandB, c4.campaign.campaignId)).data!.campaignStats;
      const expected = expectedFigures(clickRows.filter(inCampaign(c4.campaign.campaignId)), saleRows.filter(inCampaign(c4.campaign.campaignId)));
      expect(own.total).toEqual(expected);
      expect(own.total.byCurrency.map((row: { currency: string }) => row.currency)).toEqual(['EUR']);
      expect(own.total.orders).toBe(5);
      // Finance reads any brand's campaign.
      expect((await campaignStats(tokens.finance, c1.campaign.campaignId)).data!.campaignStats.total.orders).toBe(8);
    });

    it('refuses bad ranges, naming the field', async () => {
      const bad = async (from: string, to: string) => {
        const response = await campaignStats(tokens.brandA, c1.campaign.campaignId, from, to);
        return [errorCode(response), errorFields(response)];
      };
      expect(await bad('2026-02-30', TO)).toEqual(['BAD_USER_INPUT', ['from']]);
      expect(await bad('03/01/2026', TO)).toEqual(['BAD_USER_INPUT', ['from']]);
      expect(await bad(FROM, '2026-13-01')).toEqual(['BAD_USER_INPUT', ['to']]);
      expect(await bad(TO, FROM)).toEqual(['BAD_USER_INPUT', ['to']]);
      expect(await bad('2025-01-01', '2026-01-02')).toEqual(['BAD_USER_INPUT', ['to']]);
      expect((await campaignStats(tokens.brandA, c1.campaign.campaignId, '2025-01-01', '2026-01-01')).errors).toBeUndefined(); // 366 days
    });
  });

  describe('creatorStats', () => {
    const mine = <T extends { of: Participation }>(rows: T[]) => rows.filter((row) => row.of.creatorId === c1.creatorId);

    it("shows the creator only their own rows, across campaigns, with earnings per period", async () => {
      const stats = (await stack.gql.as(tokens.c1).ok(CREATOR_STATS, { from: FROM, to: TO })).creatorStats;
      expect(stats.creatorId).toBe(c1.creatorId);
      expect(stats.total).toEqual(expectedFigures(mine(clickRows).filter(within(FROM, TO)), mine(saleRows).filter(within(FROM, TO))));
      expect(stats.series).toHaveLength(10);
      expect(stats.series.find((p: { start: string }) => p.start === '2026-03-05').commissions).toEqual([
        { currency: 'EUR', commissions: { amountMinor: '450' } },
        { currency: 'USD', commissions: { amountMinor: '750' } },
      ]);
      const inB = (await stack.gql.as(tokens.c1).ok(CREATOR_STATS, { from: FROM, to: TO, campaignId: c4.campaign.campaignId })).creatorStats;
      expect(inB.total).toMatchObject({ clicks: 0, orders: 1, byCurrency: [{ currency: 'EUR', commissions: { amountMinor: '300' } }] });
      const oneEnrollment = (await stack.gql.as(tokens.c1).ok(CREATOR_STATS, { from: FROM, to: TO, enrollmentId: c1.enrollmentId })).creatorStats;
      expect(oneEnrollment.total.orders).toBe(4);
    });

    it("is NOT_FOUND for someone else's enrollment or a campaign the creator is not in", async () => {
      const send = (variables: Record<string, unknown>) => stack.gql.as(tokens.c1).send(CREATOR_STATS, { from: FROM, to: TO, ...variables });
      expect(errorCode(await send({ enrollmentId: c2.enrollmentId }))).toBe('NOT_FOUND');
      const elsewhere = await stack.make.campaign(brandB);
      expect(errorCode(await send({ campaignId: elsewhere.campaignId }))).toBe('NOT_FOUND');
      expect(errorFields(await send({ campaignId: 'nope' }))).toEqual(['campaignId']);
      expect(errorCode(await stack.gql.as(tokens.brandA).send(CREATOR_STATS, { from: FROM, to: TO }))).toBe('FORBIDDEN');
    });
  });

  describe('linkStats and codeStats', () => {
    it("reads a link's clicks and sales, for its brand, its creator and finance", async () => {
      const l1 = (row: { linkId?: string }) => row.linkId === links.l1;
      const expected = expectedFigures(clickRows.filter(l1).filter(within(FROM, TO)), saleRows.filter(l1).filter(within(FROM, TO)));
      for (const token of [tokens.brandA, tokens.c1, tokens.finance]) {
        const stats = (await stack.gql.as(token).ok(LINK_STATS, { id: links.l1 })).linkStats;
        expect(stats.total).toEqual(expected);
        expect(stats.series).toHaveLength(10);
      }
      const code = (await stack.gql.as(tokens.c1).ok(CODE_STATS, { id: codeK1 })).codeStats;
      expect(code.total).toEqual(expectedFigures([], saleRows.filter((row) => row.codeId === codeK1)));
      expect(code.total).toMatchObject({ clicks: 0, orders: 1, conversionRate: null });
    });

    it("is NOT_FOUND for another brand's or another creator's link or code", async () => {
      expect(errorCode(await stack.gql.as(tokens.brandB).send(LINK_STATS, { id: links.l1 }))).toBe('NOT_FOUND');
      expect(errorCode(await stack.gql.as(tokens.brandB).send(CODE_STATS, { id: codeK1 }))).toBe('NOT_FOUND');
      expect(errorCode(await stack.gql.as(tokens.c2).send(LINK_STATS, { id: links.l1 }))).toBe('NOT_FOUND');
      expect(errorCode(await stack.gql.as(tokens.c2).send(CODE_STATS, { id: codeK1 }))).toBe('NOT_FOUND');
      expect(errorCode(await stack.gql.as(tokens.brandA).send(LINK_STATS, { id: links.l4 }))).toBe('NOT_FOUND');
    });
  });

  describe('leaderboard', () => {
    const board = (by: string, variables: Record<string, unknown> = {}, token = tokens.brandA) =>
      stack.gql.as(token).send(LEADERBOARD, { id: c1.campaign.campaignId, by, from: FROM, to: TO, ...variables });
    const order = async (by: string) => (await board(by)).data!.leaderboard.edges.map((edge: { node: { enrollmentId: string } }) => edge.node.enrollmentId);

    it('ranks creators by net revenue, conversion rate or earnings per click, in the campaign currency', async () => {
      expect(await order('NET_REVENUE')).toEqual([c2, c1, c5, c3].map((p) => p.enrollmentId));
      expect(await order('CONVERSION_RATE')).toEqual([c5, c1, c2, c3].map((p) => p.enrollmentId));
      expect(await order('EPC')).toEqual([c1, c2, c5, c3].map((p) => p.enrollmentId));
      const [first, , , last] = (await board('NET_REVENUE')).data!.leaderboard.edges.map((edge: { node: unknown }) => edge.node);
      expect(first).toEqual({
        rank: 1,
        enrollmentId: c2.enrollmentId,
        creatorId: c2.creatorId,
        creator: { id: c2.creatorId },
        clicks: 46,
        uniqueClicks: 43,
        orders: 3,
        conversionRate: 0.069767,
        netRevenue: { amountMinor: '30000', currency: 'USD' },
        earningsPerClick: { amountMinor: '105' }, // 4500 / 43
      });
      expect(last).toMatchObject({ rank: 4, enrollmentId: c3.enrollmentId, clicks: 0, conversionRate: null, earningsPerClick: null, netRevenue: { amountMinor: '0' } });
      // c1's EUR sale counts as an order but not in the USD money.
      expect((await board('EPC')).data!.leaderboard.edges[0].node).toMatchObject({ orders: 4, netRevenue: { amountMinor: '14001' }, earningsPerClick: { amountMinor: '205' } });
    });

    it('pages with cursors and counts all time without a range', async () => {
      const page1 = (await board('NET_REVENUE', { first: 2 })).data!.leaderboard;
      expect(page1.pageInfo.hasNextPage).toBe(true);
      const page2 = (await board('NET_REVENUE', { first: 2, after: page1.pageInfo.endCursor })).data!.leaderboard;
      expect(page2.edges.map((edge: { node: { rank: number } }) => edge.node.rank)).toEqual([3, 4]);
      expect(page2.pageInfo.hasNextPage).toBe(false);
      const allTime = (await board('NET_REVENUE', { from: null, to: null })).data!.leaderboard.edges[0].node;
      expect(allTime).toMatchObject({ enrollmentId: c2.enrollmentId, orders: 12, netRevenue: { amountMinor: '120000' } });
      expect(errorFields(await board('NET_REVENUE', { to: null }))).toEqual(['to']);
    });

    it("is NOT_FOUND for another brand's campaign and FORBIDDEN to creators", async () => {
      expect(errorCode(await board('NET_REVENUE', {}, tokens.brandB))).toBe('NOT_FOUND');
      expect(errorCode(await board('NET_REVENUE', {}, tokens.c1))).toBe('FORBIDDEN');
    });

    it('loads the creators of a page in one batch', async () => {
      const small = await countQueries(stack.db, () => board('NET_REVENUE', { first: 1 }));
      const large = await countQueries(stack.db, () => board('NET_REVENUE', { first: 4 }));
      expect(large.result.errors).toBeUndefined();
      expect(large.result.data!.leaderboard.edges).toHaveLength(4);
      expect(large.count).toBe(small.count);
      expect(large.count).toBeLessThanOrEqual(6);
    });
  });

  describe('CSV exports', () => {
    it("exports a campaign's stats, one row per period and currency", async () => {
      const exported = (await stack.gql.as(tokens.brandA).ok(EXPORT_CAMPAIGN, { id: c1.campaign.campaignId })).exportCampaignStats;
      expect(exported.filename).toMatch(/^campaign-stats-.+-2026-03-01-2026-03-10-day\.csv$/);
      expect(exported.contentType).toBe('text/csv; charset=utf-8');
      const [header, ...rows] = lines(exported.csv);
      expect(header).toBe(
        'period_start,period_end,clicks,unique_clicks,bot_clicks,conversion_rate,currency,orders,gross_revenue,net_revenue,average_order_value,refunds,' +
          'refund_rate,refunded_amount,commissions_pending,commissions_approved,commissions_paid,fees,earnings_per_click,cost_of_sale,return_on_spend',
      );
      expect(exported.rowCount).toBe(11); // ten days, one of them in two currencies
      expect(rows).toHaveLength(11);
      expect(rows[0]).toBe('2026-03-01,2026-03-01,0,0,0,,,,,,,,,,,,,,,,');
      expect(rows.filter((row) => row.startsWith('2026-03-05'))).toEqual([
        '2026-03-05,2026-03-05,20,15,0,0.133333,EUR,1,30.00,30.00,30.00,0,0,0.00,4.50,0.00,0.00,0.45,0.30,4.95,6.060606',
        '2026-03-05,2026-03-05,20,15,0,0.133333,USD,1,50.01,50.01,50.01,0,0,0.00,0.00,7.50,0.00,0.75,0.50,8.25,6.061818',
      ]);
      expect(errorCode(await stack.gql.as(tokens.brandB).send(EXPORT_CAMPAIGN, { id: c1.campaign.campaignId }))).toBe('NOT_FOUND');
    });

    it('exports the leaderboard by rank and the creator their own stats', async () => {
      const board = (await stack.gql.as(tokens.brandA).ok(EXPORT_LEADERBOARD, { id: c1.campaign.campaignId })).exportLeaderboard;
      const [header, ...rows] = lines(board.csv);
      expect(header).toBe('rank,enrollment_id,creator_id,creator,clicks,unique_clicks,orders,conversion_rate,currency,net_revenue,earnings_per_click');
      expect(board.rowCount).toBe(4);
      expect(rows.map((row) => row.split(',')[1])).toEqual([c2, c1, c5, c3].map((p) => p.enrollmentId));
      expect(rows[0]).toMatch(new RegExp(`^1,${c2.enrollmentId},${c2.creatorId},[^,]*,46,43,3,0.069767,USD,300.00,1.05$`));

      const own = (await stack.gql.as(tokens.c1).ok(EXPORT_CREATOR)).exportCreatorStats;
      const [, ...ownRows] = lines(own.csv);
      expect(ownRows.map((row) => row.split(',').slice(0, 8).join(','))).toEqual(['2026-03-01,2026-03-10,35,28,4,0.178571,EUR,2', '2026-03-01,2026-03-10,35,28,4,0.178571,USD,3']);
      expect(errorCode(await stack.gql.as(tokens.brandA).send(EXPORT_CREATOR))).toBe('FORBIDDEN');
    });
  });

  describe('financeSummary', () => {
    const today = new Date().toISOString().slice(0, 10);

    it('shows finance commissions by status and currency, payout runs and what brands owe', async () => {
      await stack.db.query(
        `INSERT INTO payout_runs (id, currency, cutoff, status, created_by, payout_count, total_minor) VALUES ('0190a000-0000-7000-8000-0000000000aa', 'USD', now(), 'COMPLETED', $1, 0, 0)`,
        [brandA.admin.id],
      );
      const summary = (await stack.gql.as(tokens.finance).ok(FINANCE, { from: today, to: today })).financeSummary;
      const usd = summary.commissions.filter((row: { currency: string }) => row.currency === 'USD');
      expect(usd.reduce((sum: number, row: { count: number }) => sum + row.count, 0)).toBe(2);
      expect(usd.find((row: { status: string }) => row.status === 'APPROVED')).toMatchObject({ count: 1, amount: { amountMinor: '1500' } });
      expect(summary.payoutRuns).toEqual([{ runId: '0190a000-0000-7000-8000-0000000000aa', currency: 'USD', status: 'COMPLETED', payoutCount: 0, total: { amountMinor: '0' } }]);
      expect(summary.outstandingClawbacks).toEqual([]);
      const owed = summary.fundingOwed.find((row: { organizationId: string }) => row.organizationId === brandA.organizationId);
      expect(owed).toMatchObject({ organizationName: 'Northwind', owed: { currency: 'USD' } });
      expect(BigInt(owed.owed.amountMinor)).toBeGreaterThanOrEqual(1500n);

      const before = (await stack.gql.as(tokens.finance).ok(FINANCE, { from: '2026-01-01', to: '2026-01-31' })).financeSummary;
      expect(before.commissions).toEqual([]);
      expect(before.payoutRuns).toEqual([]);

      const exported = (await stack.gql.as(tokens.finance).ok(EXPORT_FINANCE, { from: today, to: today })).exportFinanceSummary;
      const [header, ...rows] = lines(exported.csv);
      expect(header).toBe('section,id,name,status,currency,count,amount,created_at');
      expect(rows).toContain('COMMISSIONS,,,APPROVED,USD,1,15.00,');
      expect(rows.some((row) => row.startsWith(`FUNDING_OWED,${brandA.organizationId},Northwind,,USD,,`))).toBe(true);
      expect(exported.rowCount).toBe(rows.length);
    });

    it('is for finance only', async () => {
      for (const token of [tokens.brandA, tokens.c1]) {
        expect(errorCode(await stack.gql.as(token).send(FINANCE, { from: today, to: today }))).toBe('FORBIDDEN');
        expect(errorCode(await stack.gql.as(token).send(EXPORT_FINANCE, { from: today, to: today }))).toBe('FORBIDDEN');
      }
      expect(errorFields(await stack.gql.as(tokens.finance).send(FINANCE, { from: today, to: '2020-01-01' }))).toEqual(['to']);
    });
  });
});

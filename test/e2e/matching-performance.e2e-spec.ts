import { performanceSignal, type ScopeHistory } from '@app/analytics';
import { newId } from '@app/core';
import { Niche, Platform } from '@app/creators';
import { type CampaignRef, PERFORMANCE_SIGNALS, type PerformanceSignals } from '@app/matching';
import type { MadeBrand, SocialAccountSpec } from '@app/testing';
import { logIn, startApiTestApp, type ApiTestApp } from '../support/api-test-app.js';

const MATCHES = /* GraphQL */ `
  query Matches($campaignId: ID!) {
    campaignMatches(campaignId: $campaignId, first: 50) {
      edges { node { creatorId score explanation { factor weight value detail } } }
    }
  }
`;

const RECOMMENDED = /* GraphQL */ `
  query Recommended {
    recommendedCampaigns(first: 20) {
      edges { node { campaignId title score explanation { factor weight value detail } } }
    }
  }
`;

interface Node {
  score: number;
  explanation: { factor: string; weight: number; value: number | null; detail: string }[];
}

const ACCOUNT: SocialAccountSpec = { platform: Platform.INSTAGRAM, followers: 50_000, avgLikes: 2_000, avgComments: 0, audienceCountries: { US: 50, GB: 20 } };
const performanceOf = (node: Node) => node.explanation.find((item) => item.factor === 'PERFORMANCE')!;

describe('past performance in matching', () => {
  let t: ApiTestApp;
  let brand: MadeBrand;
  let signals: PerformanceSignals;
  const c: Record<string, string> = {};
  const creators: Record<string, string> = {};
  let starUser: { email: string; password: string };
  const ref = (name: string, organizationId: string, niches: Niche[]): CampaignRef => ({ id: c[name]!, organizationId, niches });
  const enrollments = new Map<string, string>();

  /** One day of a creator's clicks (and, when given, sales) in a campaign, `daysAgo` days back, as the rollup worker writes them. */
  const history = async (
    creator: string,
    campaign: string,
    day: { daysAgo?: number; uniqueClicks: number; orders?: number; commissionMinor?: number; currency?: string },
  ) => {
    const key = `${creator}|${campaign}`;
    const enrollmentId = enrollments.get(key) ?? newId();
    enrollments.set(key, enrollmentId);
    const [{ organization_id: organizationId }] = await t.db.query(`SELECT organization_id FROM campaigns WHERE id = $1`, [c[campaign]]);
    const date = `current_date - ${day.daysAgo ?? 3}`;
    const linkId = newId();
    if (day.uniqueClicks > 0) {
      await t.db.query(
        `INSERT INTO analytics_click_days (link_id, day, organization_id, campaign_id, enrollment_id, creator_id, clicks, unique_clicks, bot_clicks)
         VALUES ($1, ${date}, $2, $3, $4, $5, $6, $6, 0)`,
        [linkId, organizationId, c[campaign], enrollmentId, creators[creator], day.uniqueClicks],
      );
    }
    if (day.orders !== undefined) {
      // Commissions split across statuses: all three count.
      const commission = day.commissionMinor ?? 0;
      const pending = Math.floor(commission / 2);
      const approved = Math.floor(commission / 4);
      await t.db.query(
        `INSERT INTO analytics_sale_days (enrollment_id, day, currency, source_key, organization_id, campaign_id, creator_id, link_id, code_id,
                                          orders, gross_minor, net_minor, refunded_orders, refunded_minor,
                                          commission_pending_minor, commission_approved_minor, commission_paid_minor, fee_minor)
         VALUES ($1, ${date}, $2, $3, $4, $5, $6, $7, NULL, $8, $9, $9, 0, 0, $10, $11, $12, 0)`,
        [enrollmentId, day.currency ?? 'USD', `link:${linkId}`, organizationId, c[campaign], creators[creator], linkId, day.orders, day.orders * 5_000, pending, approved, commission - pending - approved],
      );
    }
  };

  beforeAll(async () => {
    t = await startApiTestApp();
    signals = t.app.get<PerformanceSignals>(PERFORMANCE_SIGNALS);
    brand = await t.make.brand({ name: 'Glow' });
    const other = await t.make.brand({ name: 'Other' });
    const fresh = await t.make.brand({ name: 'Fresh' });
    const open = { platforms: [Platform.INSTAGRAM], targetCountries: ['US'] };
    const make = async (name: string, owner: MadeBrand, spec: Parameters<ApiTestApp['make']['campaign']>[1]) => {
      c[name] = (await t.make.campaign(owner, { title: name, ...open, ...spec })).campaignId;
    };
    await make('target', brand, { niches: [Niche.BEAUTY] });
    // As good a fit for every creator here, from a brand nobody has history with, in a niche nobody has history in.
    await make('fresh', fresh, { niches: [Niche.TRAVEL] });
    // Past campaigns: the brand's own (whatever their niche), another brand's in the same niche,
    // the same niche in euros, and an unrelated one.
    await make('brandPastA', brand, { niches: [Niche.FOOD], status: 'ENDED' });
    await make('brandPastB', brand, { niches: [Niche.BEAUTY], status: 'ENDED' });
    await make('similar', other, { niches: [Niche.BEAUTY, Niche.FITNESS], status: 'ENDED' });
    await make('euro', other, { niches: [Niche.BEAUTY], status: 'ENDED', currency: 'EUR' });
    await make('unrelated', other, { niches: [Niche.FOOD], status: 'ENDED' });

    for (const name of ['star', 'weak', 'twin', 'euroOnly', 'thin', 'similarOnly']) {
      const made = await t.make.creatorProfile({ displayName: name, niches: [Niche.BEAUTY, Niche.TRAVEL], accounts: [ACCOUNT] });
      creators[name] = made.creatorId;
      if (name === 'star') starUser = made.user;
    }

    // star: 5.6% of 500 unique clicks, 0.30 USD per click, in the brand's campaigns; 4% of 200 in a similar one.
    await history('star', 'brandPastA', { uniqueClicks: 300, orders: 18, commissionMinor: 9_000 });
    await history('star', 'brandPastB', { uniqueClicks: 200, orders: 10, commissionMinor: 6_000 });
    await history('star', 'similar', { uniqueClicks: 200, orders: 8, commissionMinor: 4_000 });
    // Left out: another currency in a USD campaign, older than 180 days, an unrelated campaign.
    await history('star', 'brandPastA', { daysAgo: 4, uniqueClicks: 0, orders: 50, commissionMinor: 900_000, currency: 'EUR' });
    await history('star', 'brandPastA', { daysAgo: 200, uniqueClicks: 5_000, orders: 0 });
    await history('star', 'unrelated', { uniqueClicks: 10_000, orders: 0 });
    // weak: 1 order in 300 unique clicks.
    await history('weak', 'brandPastA', { uniqueClicks: 300, orders: 1, commissionMinor: 300 });
    // euroOnly: a strong history, but in a campaign paid in euros.
    await history('euroOnly', 'euro', { uniqueClicks: 1_000, orders: 50, commissionMinor: 30_000, currency: 'EUR' });
    // thin: converts well, on too few clicks in either scope.
    await history('thin', 'brandPastA', { uniqueClicks: 60, orders: 6, commissionMinor: 600 });
    await history('thin', 'similar', { uniqueClicks: 30, orders: 0 });
    // similarOnly: only other brands' campaigns.
    await history('similarOnly', 'similar', { uniqueClicks: 400, orders: 8, commissionMinor: 3_200 });
  });
  afterAll(() => t.close());

  // Average USD earnings per unique click of all creators there: brandPastA (9,000 + 300 + 600) / 660,
  // brandPastB 6,000 / 200 (star alone), similar (4,000 + 3,200) / 630.
  const epcA = 9_900 / 660;
  const epcSimilar = 7_200 / 630;
  const star = {
    brand: { campaigns: 2, uniqueClicks: 500, orders: 28, commissionMinor: 15_000, expectedCommissionMinor: 300 * epcA + 6_000 },
    similar: { campaigns: 1, uniqueClicks: 200, orders: 8, commissionMinor: 4_000, expectedCommissionMinor: 200 * epcSimilar },
  } satisfies Record<string, ScopeHistory>;
  const weak: ScopeHistory = { campaigns: 1, uniqueClicks: 300, orders: 1, commissionMinor: 300, expectedCommissionMinor: 300 * epcA };
  const similarOnly: ScopeHistory = { campaigns: 1, uniqueClicks: 400, orders: 8, commissionMinor: 3_200, expectedCommissionMinor: 400 * epcSimilar };

  it('judges each creator with history in the brand’s and similar campaigns, in the campaign’s currency, with enough evidence', async () => {
    const found = await signals.forCampaign(ref('target', brand.organizationId, [Niche.BEAUTY]));
    expect([...found.keys()].sort()).toEqual([creators.star, creators.weak, creators.similarOnly].sort());
    const expected = {
      star: performanceSignal({ currency: 'USD', ...star })!,
      weak: performanceSignal({ currency: 'USD', brand: weak, similar: null })!,
      similarOnly: performanceSignal({ currency: 'USD', brand: null, similar: similarOnly })!,
    };
    for (const [name, signal] of Object.entries(expected)) {
      expect(found.get(creators[name]!)!.value).toBeCloseTo(signal.value, 12);
      expect(found.get(creators[name]!)!.detail).toBe(signal.detail);
    }
    expect(found.get(creators.star!)!.detail).toBe(
      "converts 5.1% of 700 unique clicks, 0.27 USD per click (1.5× the average in the same campaigns) over 2 of this brand's campaigns and 1 similar one in the last 180 days",
    );
    expect(found.get(creators.star!)!.value).toBeGreaterThan(0.9);
    expect(found.get(creators.weak!)!.value).toBeLessThan(0.2);
  });

  it('judges one creator for many campaigns at once, each by its own brand and niches', async () => {
    const found = await signals.forCreator(creators.star!, [
      ref('target', brand.organizationId, [Niche.BEAUTY]),
      ref('fresh', '', [Niche.TRAVEL]),
      ref('brandPastA', brand.organizationId, [Niche.FOOD]),
      ref('euro', '', [Niche.BEAUTY]),
    ]);
    expect([...found.keys()].sort()).toEqual([c.target, c.brandPastA].sort());
    expect(found.get(c.target!)).toEqual(performanceSignal({ currency: 'USD', ...star }));
    // For brandPastA itself: its own history is left out, brandPastB's counts as the brand's; the
    // similar campaign shares no niche with it, and `unrelated` (FOOD, another brand) has no orders.
    const unrelatedEpc = 0;
    const forA = performanceSignal({
      currency: 'USD',
      brand: { campaigns: 1, uniqueClicks: 200, orders: 10, commissionMinor: 6_000, expectedCommissionMinor: 6_000 },
      similar: { campaigns: 1, uniqueClicks: 10_000, orders: 0, commissionMinor: 0, expectedCommissionMinor: unrelatedEpc },
    })!;
    expect(found.get(c.brandPastA!)!.value).toBeCloseTo(forA.value, 12);
    expect(found.get(c.brandPastA!)!.detail).toBe(forA.detail);
    expect((await signals.forCreator(creators.thin!, [ref('target', brand.organizationId, [Niche.BEAUTY])])).size).toBe(0);
    expect((await signals.forCreator(creators.euroOnly!, [ref('target', brand.organizationId, [Niche.BEAUTY])])).size).toBe(0);
    expect((await signals.forCreator(creators.star!, [])).size).toBe(0);
  });

  it('ranks a creator with a strong history above an otherwise equal one, and a weak history below, explaining why', async () => {
    const token = (await logIn(t.gql, brand.admin)).accessToken;
    const data = await t.gql.as(token).ok<{ campaignMatches: { edges: { node: Node & { creatorId: string } }[] } }>(MATCHES, { campaignId: c.target });
    const nodes = new Map(data.campaignMatches.edges.map(({ node }) => [node.creatorId, node]));
    const [strong, twin, poor] = [nodes.get(creators.star!)!, nodes.get(creators.twin!)!, nodes.get(creators.weak!)!];
    expect(strong.score).toBeGreaterThan(twin.score);
    expect(twin.score).toBeGreaterThan(poor.score);
    const order = data.campaignMatches.edges.map(({ node }) => node.creatorId);
    expect(order.indexOf(creators.star!)).toBeLessThan(order.indexOf(creators.twin!));
    expect(order.indexOf(creators.twin!)).toBeLessThan(order.indexOf(creators.weak!));
    expect(performanceOf(strong)).toMatchObject({ weight: 0.1, detail: expect.stringMatching(/^converts 5\.1% of 700 unique clicks, 0\.27 USD per click/) });
    expect(performanceOf(strong).value).toBeGreaterThan(0.9);
    expect(performanceOf(twin)).toMatchObject({ weight: 0, value: null, detail: expect.stringContaining('no sales history yet') });
    expect(performanceOf(nodes.get(creators.thin!)!)).toMatchObject({ weight: 0, value: null });
    expect(performanceOf(nodes.get(creators.euroOnly!)!)).toMatchObject({ weight: 0, value: null });
    for (const node of nodes.values()) {
      const sum = node.explanation.reduce((total, item) => total + item.weight * (item.value ?? 0), 0);
      expect(Math.abs(sum - node.score)).toBeLessThan(1e-12);
    }
  });

  it('recommends to a creator the campaign it has a strong history for above an otherwise equal one', async () => {
    const token = (await logIn(t.gql, starUser)).accessToken;
    const data = await t.gql.as(token).ok<{ recommendedCampaigns: { edges: { node: Node & { title: string } }[] } }>(RECOMMENDED);
    const edges = data.recommendedCampaigns.edges.map(({ node }) => node);
    expect(edges.map((node) => node.title)).toEqual(['target', 'fresh']);
    expect(performanceOf(edges[0]!)).toMatchObject({ weight: 0.1, detail: expect.stringContaining("over 2 of this brand's campaigns and 1 similar one") });
    expect(performanceOf(edges[1]!)).toMatchObject({ weight: 0, value: null });
  });
});

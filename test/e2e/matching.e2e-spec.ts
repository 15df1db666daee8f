import { newId, Role } from '@app/core';
import { Niche, Platform } from '@app/creators';
import { errorCode, type MadeBrand, type SocialAccountSpec } from '@app/testing';
import pg from 'pg';
import { logIn, startApiTestApp, type ApiTestApp } from '../support/api-test-app.js';

const MATCHES = /* GraphQL */ `
  query Matches($campaignId: ID!, $first: Int, $after: String) {
    campaignMatches(campaignId: $campaignId, first: $first, after: $after) {
      edges { cursor node { creatorId score socialAccountId platform followers explanation { factor weight value detail } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

interface Explanation {
  factor: string;
  weight: number;
  value: number | null;
  detail: string;
}
interface MatchNode {
  creatorId: string;
  score: number;
  socialAccountId: string;
  platform: string;
  followers: number;
  explanation: Explanation[];
}

const US_GB = { US: 50, GB: 20 };
/** An Instagram account with 50k followers at 4% engagement: what every pair member shares but one thing. */
const base = (spec: SocialAccountSpec = {}): SocialAccountSpec => ({
  platform: Platform.INSTAGRAM,
  followers: 50_000,
  avgLikes: 2_000,
  avgComments: 0,
  audienceCountries: US_GB,
  ...spec,
});

describe('campaignMatches', () => {
  let t: ApiTestApp;
  let brand: MadeBrand;
  let other: MadeBrand;
  let token: string;
  let otherToken: string;
  let campaignId: string;
  const c: Record<string, string> = {};

  const matches = async (first = 50, after?: string, as = token) =>
    (await t.gql.as(as).ok<{ campaignMatches: { edges: { cursor: string; node: MatchNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(MATCHES, {
      campaignId,
      first,
      after,
    })).campaignMatches;
  const ids = async () => (await matches(100)).edges.map((edge) => edge.node.creatorId);
  const creator = async (name: string, niches: Niche[], accounts: SocialAccountSpec[]) => {
    c[name] = (await t.make.creatorProfile({ displayName: name, niches, accounts })).creatorId;
    return c[name];
  };
  /** What the creators service does on every profile or account change. */
  const touch = (creatorId: string) => t.db.query(`UPDATE creator_profiles SET updated_at = now() WHERE id = $1`, [creatorId]);
  const valuesOf = (node: MatchNode) => Object.fromEntries(node.explanation.map((item) => [item.factor, item.value]));

  beforeAll(async () => {
    // The cost rule counts every list without `first` as a full page (100), explanations included;
    // 50 matches with their six-item explanations need more than the default budget.
    t = await startApiTestApp();
    brand = await t.make.brand({ name: 'Glow' });
    other = await t.make.brand({ name: 'Other' });
    token = (await logIn(t.gql, brand.admin)).accessToken;
    otherToken = (await logIn(t.gql, other.admin)).accessToken;
    campaignId = (
      await t.make.campaign(brand, {
        niches: [Niche.BEAUTY],
        platforms: [Platform.INSTAGRAM, Platform.TIKTOK],
        targetCountries: ['US'],
        minFollowers: 5_000,
        maxFollowers: 500_000,
        minEngagementRate: 0.005,
      })
    ).campaignId;

    // Pairs where exactly one thing differs.
    await creator('nicheHit', [Niche.BEAUTY], [base()]);
    await creator('nicheMiss', [Niche.FOOD], [base()]);
    await creator('bandMicro', [Niche.BEAUTY], [base({ followers: 60_000, avgLikes: 2_400 })]);
    await creator('bandMacro', [Niche.BEAUTY], [base({ followers: 400_000, avgLikes: 16_000 })]);
    await creator('engHigh', [Niche.BEAUTY], [base({ avgLikes: 4_000 })]);
    await creator('engLow', [Niche.BEAUTY], [base({ avgLikes: 1_000 })]);
    await creator('geoHigh', [Niche.BEAUTY], [base({ audienceCountries: { US: 80 } })]);
    await creator('geoLow', [Niche.BEAUTY], [base({ audienceCountries: { US: 20, GB: 60 } })]);
    // Not candidates: outside the band, under the engagement minimum, on another platform.
    await creator('tooBig', [Niche.BEAUTY], [base({ followers: 600_000, avgLikes: 24_000 })]);
    await creator('tooSmall', [Niche.BEAUTY], [base({ followers: 3_000, avgLikes: 120 })]);
    await creator('quiet', [Niche.BEAUTY], [base({ avgLikes: 200 })]);
    await creator('youtuber', [Niche.BEAUTY], [base({ platform: Platform.YOUTUBE })]);
    // The two best fits of all, but enrolled (in any status) or banned by the brand.
    await creator('enrolled', [Niche.BEAUTY], [base({ avgLikes: 5_000, audienceCountries: { US: 90 } })]);
    await creator('banned', [Niche.BEAUTY], [base({ avgLikes: 5_000, audienceCountries: { US: 90 } })]);
    await t.db.query(
      `INSERT INTO enrollments (id, campaign_id, organization_id, creator_id, status, origin) VALUES ($1, $2, $3, $4, 'REJECTED', 'APPLICATION')`,
      [newId(), campaignId, brand.organizationId, c.enrolled],
    );
    await t.db.query(`INSERT INTO creator_bans (id, organization_id, creator_id, reason, banned_by_user_id) VALUES ($1, $2, $3, 'spam', $4)`, [
      newId(),
      brand.organizationId,
      c.banned,
      brand.admin.id,
    ]);
  });
  afterAll(() => t.close());

  it('lets niche, band, engagement and geography each decide one pair', async () => {
    const { edges } = await matches();
    const nodes = new Map(edges.map((edge) => [edge.node.creatorId, edge.node]));
    const decided: [string, string, string][] = [
      ['nicheHit', 'nicheMiss', 'NICHE'],
      ['bandMicro', 'bandMacro', 'FOLLOWERS'],
      ['engHigh', 'engLow', 'ENGAGEMENT'],
      ['geoHigh', 'geoLow', 'AUDIENCE'],
    ];
    for (const [better, worse, factor] of decided) {
      const [a, b] = [nodes.get(c[better]!)!, nodes.get(c[worse]!)!];
      expect(a.score).toBeGreaterThan(b.score);
      const [va, vb] = [valuesOf(a), valuesOf(b)];
      for (const f of Object.keys(va)) {
        if (f === factor) expect(va[f]).toBeGreaterThan(vb[f]!);
        else expect(va[f]).toBe(vb[f]);
      }
    }
    const order = edges.map((edge) => edge.node.creatorId);
    for (const [better, worse] of decided) expect(order.indexOf(c[better]!)).toBeLessThan(order.indexOf(c[worse]!));
  });

  it('explains every score: weight × value adds up to it, in words', async () => {
    const { edges } = await matches();
    expect(edges.length).toBe(8);
    for (const { node } of edges) {
      expect(node.score).toBeGreaterThan(0);
      expect(node.score).toBeLessThanOrEqual(1);
      const sum = node.explanation.reduce((total, item) => total + item.weight * (item.value ?? 0), 0);
      expect(Math.abs(sum - node.score)).toBeLessThan(1e-12);
      expect(node.explanation.map((item) => item.factor)).toEqual(['NICHE', 'FOLLOWERS', 'ENGAGEMENT', 'AUDIENCE', 'PLATFORM', 'PERFORMANCE']);
    }
    const top = edges.find((edge) => edge.node.creatorId === c.bandMacro)!.node;
    expect(top).toMatchObject({ platform: 'INSTAGRAM', followers: 400_000 });
    const detail = Object.fromEntries(top.explanation.map((item) => [item.factor, item.detail]));
    expect(detail.NICHE).toBe('covers 1 of 1 niches: BEAUTY');
    expect(detail.FOLLOWERS).toBe('400,000 followers on INSTAGRAM, inside 5,000–500,000, above the 100,000 micro-influencer range');
    expect(detail.ENGAGEMENT).toMatch(/^engagement 4%, \d+(st|nd|rd|th) percentile among all creators on INSTAGRAM/);
    expect(detail.AUDIENCE).toBe('50% of the audience is in the target countries (US): US 50%');
    expect(detail.PLATFORM).toBe('eligible on 1 of 2 campaign platforms: INSTAGRAM');
    expect(top.explanation.at(-1)).toMatchObject({ factor: 'PERFORMANCE', weight: 0, value: null, detail: expect.stringContaining('no sales history yet') });
  });

  it('leaves out creators outside the requirements, enrolled in the campaign or banned by the brand', async () => {
    const found = await ids();
    for (const name of ['tooBig', 'tooSmall', 'quiet', 'youtuber', 'enrolled', 'banned']) expect(found).not.toContain(c[name]);
    // The ban is the brand's: another brand's campaign still finds the creator.
    const foreign = await t.make.campaign(other, { niches: [Niche.BEAUTY], platforms: [Platform.INSTAGRAM], targetCountries: ['US'] });
    const res = await t.gql.as(otherToken).ok(MATCHES, { campaignId: foreign.campaignId, first: 100 });
    const foreignIds = res.campaignMatches.edges.map((edge: { node: MatchNode }) => edge.node.creatorId);
    expect(foreignIds).toContain(c.banned);
    expect(foreignIds).toContain(c.enrolled);
  });

  it('pages with cursors, without repeats or gaps', async () => {
    const all = await ids();
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await matches(3, after);
      seen.push(...page.edges.map((edge) => edge.node.creatorId));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor!;
    }
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);

    const bad = await t.gql.as(token).send(MATCHES, { campaignId, after: 'garbage' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
    const idCursor = await t.gql.as(token).send(MATCHES, { campaignId, after: Buffer.from(`id:${campaignId}`).toString('base64url') });
    expect(idCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
    const tooMany = await t.gql.as(token).send(MATCHES, { campaignId, first: 500 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'first' }] });
    const badId = await t.gql.as(token).send(MATCHES, { campaignId: 'nope' });
    expect(badId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'campaignId' }] });
  });

  it("answers another brand's campaign like a missing one, and serves its own team and platform admins", async () => {
    const foreign = await t.gql.as(otherToken).send(MATCHES, { campaignId });
    const missing = await t.gql.as(otherToken).send(MATCHES, { campaignId: '0190d6a1-0000-7000-8000-000000000000' });
    expect(errorCode(foreign)).toBe('NOT_FOUND');
    expect(errorCode(missing)).toBe('NOT_FOUND');
    expect(foreign.errors?.[0]?.message.replace(campaignId, 'ID')).toBe(missing.errors?.[0]?.message.replace('0190d6a1-0000-7000-8000-000000000000', 'ID'));

    const member = (await logIn(t.gql, await t.make.member(brand, Role.BRAND_MEMBER))).accessToken;
    const admin = (await logIn(t.gql, await t.make.admin())).accessToken;
    const expected = await ids();
    expect((await matches(100, undefined, member)).edges.map((edge) => edge.node.creatorId)).toEqual(expected);
    expect((await matches(100, undefined, admin)).edges.map((edge) => edge.node.creatorId)).toEqual(expected);
    const creatorToken = (await logIn(t.gql, await t.make.creator())).accessToken;
    expect(errorCode(await t.gql.as(creatorToken).send(MATCHES, { campaignId }))).toBe('FORBIDDEN');
  });

  it('sees a committed change on the very next query: updates, new creators and deletions', async () => {
    const before = await ids();
    expect(before.indexOf(c.engLow!)).toBeGreaterThan(before.indexOf(c.engHigh!));

    await t.db.query(`UPDATE social_accounts SET avg_likes = 6000, engagement_rate = 0.12, updated_at = now() WHERE creator_id = $1`, [c.engLow]);
    await touch(c.engLow!);
    const afterUpdate = await ids();
    expect(afterUpdate.indexOf(c.engLow!)).toBeLessThan(afterUpdate.indexOf(c.engHigh!));

    const newcomer = await creator('newcomer', [Niche.BEAUTY], [base({ avgLikes: 3_000 })]);
    expect(await ids()).toContain(newcomer);

    // Moving every account out of the band takes a creator out.
    await t.db.query(`UPDATE social_accounts SET followers = 2000000, updated_at = now() WHERE creator_id = $1`, [newcomer]);
    await touch(newcomer);
    expect(await ids()).not.toContain(newcomer);

    // A deleted profile leaves no updated_at behind; the page check notices it.
    const gone = await creator('gone', [Niche.BEAUTY], [base({ avgLikes: 4_500, audienceCountries: { US: 95 } })]);
    expect((await ids())[0]).toBe(gone);
    await t.db.query(`DELETE FROM creator_profiles WHERE id = $1`, [gone]);
    expect(await ids()).not.toContain(gone);
  });

  it('catches a change from a transaction that began before earlier queries and committed after them', async () => {
    const client = new pg.Client({ connectionString: t.database.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE creator_profiles SET niches = '{FOOD}', updated_at = now() WHERE id = $1`, [c.geoHigh]);
      // Queries while the transaction is open, for longer than any fixed safety margin.
      const deadline = Date.now() + 3_000;
      while (Date.now() < deadline) {
        const nicheOf = (await matches()).edges.find((edge) => edge.node.creatorId === c.geoHigh)!.node.explanation[0]!.value;
        expect(nicheOf).toBe(1);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    const node = (await matches()).edges.find((edge) => edge.node.creatorId === c.geoHigh)!.node;
    expect(node.explanation[0]).toMatchObject({ factor: 'NICHE', value: 0, detail: 'covers 0 of 1 niches (BEAUTY)' });
  });
});

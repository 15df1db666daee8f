import { newId } from '@app/core';
import { Niche, Platform } from '@app/creators';
import { type CampaignSpec, errorCode, type MadeBrand } from '@app/testing';
import { logIn, startApiTestApp, type ApiTestApp } from '../support/api-test-app.js';

const RECOMMENDED = /* GraphQL */ `
  query Recommended($first: Int, $after: String) {
    recommendedCampaigns(first: $first, after: $after) {
      edges { cursor node { campaignId title score explanation { factor weight value detail } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

interface CampaignMatchNode {
  campaignId: string;
  title: string;
  score: number;
  explanation: { factor: string; weight: number; value: number | null; detail: string }[];
}

describe('recommendedCampaigns', () => {
  let t: ApiTestApp;
  let brand: MadeBrand;
  let creatorToken: string;
  let creatorId: string;
  const campaigns: Record<string, string> = {};

  const recommended = async (first = 20, after?: string) =>
    (
      await t.gql.as(creatorToken).ok<{
        recommendedCampaigns: { edges: { cursor: string; node: CampaignMatchNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      }>(RECOMMENDED, { first, after })
    ).recommendedCampaigns;
  const campaign = async (name: string, spec: CampaignSpec, owner = brand) => {
    campaigns[name] = (await t.make.campaign(owner, { title: name, niches: [Niche.BEAUTY], platforms: [Platform.INSTAGRAM], targetCountries: ['US'], ...spec })).campaignId;
  };

  beforeAll(async () => {
    t = await startApiTestApp();
    brand = await t.make.brand();
    const made = await t.make.creatorProfile({
      niches: [Niche.BEAUTY, Niche.TRAVEL],
      accounts: [{ platform: Platform.INSTAGRAM, followers: 50_000, avgLikes: 2_000, avgComments: 0, audienceCountries: { US: 70, DE: 10 } }],
    });
    creatorId = made.creatorId;
    creatorToken = (await logIn(t.gql, made.user)).accessToken;

    await campaign('best fit', {});
    await campaign('travel in Germany', { niches: [Niche.TRAVEL, Niche.FOOD], targetCountries: ['DE'], platforms: [Platform.INSTAGRAM, Platform.TIKTOK] });
    await campaign('anywhere', { niches: [Niche.BEAUTY], minFollowers: 1_000, maxFollowers: 1_000_000, targetCountries: [] });
    // Not for this creator: not active, past its end date, not open, requirements unmet, already enrolled, banned.
    await campaign('draft', { status: 'DRAFT' });
    await campaign('paused', { status: 'PAUSED' });
    await campaign('ended', { status: 'ENDED' });
    await campaign('invite only', { visibility: 'INVITE_ONLY' });
    await campaign('macro only', { minFollowers: 100_000, maxFollowers: 1_000_000 });
    await campaign('high engagement', { minEngagementRate: 0.05 });
    await campaign('youtube', { platforms: [Platform.YOUTUBE] });
    await campaign('lapsed', {});
    await t.db.query(`UPDATE campaigns SET starts_at = now() - interval '10 days', ends_at = now() - interval '1 minute' WHERE id = $1`, [campaigns.lapsed]);
    await campaign('enrolled', {});
    await t.db.query(
      `INSERT INTO enrollments (id, campaign_id, organization_id, creator_id, status, origin) VALUES ($1, $2, $3, $4, 'LEFT', 'INVITATION')`,
      [newId(), campaigns.enrolled, brand.organizationId, creatorId],
    );
    const strict = await t.make.brand();
    await campaign('banned brand', {}, strict);
    await t.db.query(`INSERT INTO creator_bans (id, organization_id, creator_id, reason, banned_by_user_id) VALUES ($1, $2, $3, 'fraud', $4)`, [
      newId(),
      strict.organizationId,
      creatorId,
      strict.admin.id,
    ]);
  });
  afterAll(() => t.close());

  it('ranks only the active open campaigns whose requirements the creator meets, best fit first', async () => {
    const { edges } = await recommended();
    expect(edges.map((edge) => edge.node.title)).toEqual(['anywhere', 'best fit', 'travel in Germany']);
    for (const { node } of edges) {
      const sum = node.explanation.reduce((total, item) => total + item.weight * (item.value ?? 0), 0);
      expect(Math.abs(sum - node.score)).toBeLessThan(1e-12);
    }
    const travel = edges[2]!.node;
    expect(travel.campaignId).toBe(campaigns['travel in Germany']);
    const detail = Object.fromEntries(travel.explanation.map((item) => [item.factor, item.detail]));
    expect(detail.NICHE).toBe('covers 1 of 2 niches: TRAVEL');
    expect(detail.AUDIENCE).toBe('10% of the audience is in the target countries (DE): DE 10%');
    expect(detail.PLATFORM).toBe('eligible on 1 of 2 campaign platforms: INSTAGRAM');
  });

  it('pages with cursors', async () => {
    const first = await recommended(1);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await recommended(2, first.pageInfo.endCursor!);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect([...first.edges, ...second.edges].map((edge) => edge.node.title)).toEqual(['anywhere', 'best fit', 'travel in Germany']);
    const bad = await t.gql.as(creatorToken).send(RECOMMENDED, { after: 'x' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
  });

  it('follows the creator’s profile changes on the next query', async () => {
    await t.db.query(`UPDATE social_accounts SET followers = 200000, avg_likes = 8000, engagement_rate = 0.04, updated_at = now() WHERE creator_id = $1`, [
      creatorId,
    ]);
    await t.db.query(`UPDATE creator_profiles SET updated_at = now() WHERE id = $1`, [creatorId]);
    const titles = (await recommended()).edges.map((edge) => edge.node.title);
    expect(titles).toEqual(['anywhere', 'macro only']);
  });

  it('asks creators without a profile to create one, and is for creators only', async () => {
    const bare = (await logIn(t.gql, await t.make.creator())).accessToken;
    const res = await t.gql.as(bare).send(RECOMMENDED, {});
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.errors?.[0]?.message).toBe('create your creator profile first');
    const brandToken = (await logIn(t.gql, brand.admin)).accessToken;
    expect(errorCode(await t.gql.as(brandToken).send(RECOMMENDED, {}))).toBe('FORBIDDEN');
  });
});

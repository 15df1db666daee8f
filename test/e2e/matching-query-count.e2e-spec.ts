import { Platform } from '@app/creators';
import { logIn, startApiTestApp, type ApiTestApp } from '../support/api-test-app.js';
import { countQueries } from '../support/query-counter.js';

const MATCHES = `query M($campaignId: ID!, $first: Int) { campaignMatches(campaignId: $campaignId, first: $first) {
  edges { node { score explanation { factor weight value } creator { displayName socialAccounts { handle } } } } } }`;
const RECOMMENDED = `query R($first: Int) { recommendedCampaigns(first: $first) { edges { node { score campaign { id title terms { version } organization { name } } } } } }`;

describe('matching: field resolvers are batched', () => {
  let t: ApiTestApp;
  let brandToken: string;
  let creatorToken: string;
  let campaignId: string;

  beforeAll(async () => {
    t = await startApiTestApp();
    const brand = await t.make.brand();
    brandToken = (await logIn(t.gql, brand.admin)).accessToken;
    campaignId = (await t.make.campaign(brand, { platforms: [Platform.INSTAGRAM] })).campaignId;
    for (let i = 0; i < 12; i += 1) await t.make.campaign(brand, { title: `Campaign ${i}`, platforms: [Platform.INSTAGRAM] });
    for (let i = 0; i < 60; i += 1) await t.make.creatorProfile({ displayName: `Creator ${i}`, accounts: [{ followers: 12_000 + i * 1_000 }] });
    const creator = await t.make.creatorProfile({ displayName: 'Caller' });
    creatorToken = (await logIn(t.gql, creator.user)).accessToken;
  });
  afterAll(() => t.close());

  it('answers 50 matches with creators and their accounts in as many SQL queries as 5, within the default cost limit', async () => {
    // The first request loads matching's in-memory index; count from the second on.
    await t.gql.as(brandToken).ok(MATCHES, { campaignId, first: 1 });
    const small = await countQueries(t.db, () => t.gql.as(brandToken).ok(MATCHES, { campaignId, first: 5 }));
    const large = await countQueries(t.db, () => t.gql.as(brandToken).ok(MATCHES, { campaignId, first: 50 }));
    expect(large.result.campaignMatches.edges).toHaveLength(50);
    expect(large.result.campaignMatches.edges[0].node.creator.socialAccounts).toHaveLength(1);
    expect(large.count).toBe(small.count);
    expect(large.count).toBeLessThanOrEqual(10);
  });

  it('answers recommended campaigns with their terms and brand in as many SQL queries as a smaller page', async () => {
    // A creator's first request of the day also notes their visitor hash (for the self-referral rule): not part of the page.
    await t.gql.as(creatorToken).ok(RECOMMENDED, { first: 1 });
    const small = await countQueries(t.db, () => t.gql.as(creatorToken).ok(RECOMMENDED, { first: 2 }));
    const large = await countQueries(t.db, () => t.gql.as(creatorToken).ok(RECOMMENDED, { first: 13 }));
    expect(large.result.recommendedCampaigns.edges).toHaveLength(13);
    expect(large.count).toBe(small.count);
  });
});

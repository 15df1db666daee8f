import type { MadeBrand } from '@app/testing';
import { logIn, startApiTestApp, type ApiTestApp } from '../support/api-test-app.js';
import { countQueries } from '../support/query-counter.js';

const PAGE = `query Page($first: Int) { enrollments(first: $first) { edges { node {
  id status
  campaign { id title terms { version commissionRateBps } organization { name } }
  creator { displayName socialAccounts { handle } }
} } } }`;
const CAMPAIGNS = `query Page($first: Int) { campaigns(first: $first) { edges { node { id terms { version } termsVersions(first: 3) { edges { node { version } } } organization { name } } } } }`;

describe('campaigns and enrollments: field resolvers are batched', () => {
  let t: ApiTestApp;
  let brand: MadeBrand;
  let token: string;

  beforeAll(async () => {
    t = await startApiTestApp();
    brand = await t.make.brand();
    token = (await logIn(t.gql, brand.admin)).accessToken;
    const campaigns = [];
    for (let i = 0; i < 12; i += 1) campaigns.push(await t.make.campaign(brand, { title: `Campaign ${i}` }));
    for (let i = 0; i < 60; i += 1) {
      const creator = await t.make.creatorProfile({ displayName: `Creator ${i}` });
      await t.db.query(
        `INSERT INTO enrollments (id, campaign_id, organization_id, creator_id, status, origin) VALUES ($1, $2, $3, $4, 'APPLIED', 'APPLICATION')`,
        [crypto.randomUUID(), campaigns[i % campaigns.length]!.campaignId, brand.organizationId, creator.creatorId],
      );
    }
  });
  afterAll(() => t.close());

  it('answers a page of 50 enrollments with campaign, terms, brand and creator in as many queries as a page of 5', async () => {
    const page = (first: number) => countQueries(t.db, () => t.gql.as(token).ok(PAGE, { first }));
    const small = await page(5);
    const large = await page(50);
    expect(large.result.enrollments.edges).toHaveLength(50);
    expect(large.result.enrollments.edges.every((e: { node: { creator: { socialAccounts: unknown[] }; campaign: { terms: { version: number } } } }) =>
      e.node.creator.socialAccounts.length === 1 && e.node.campaign.terms.version === 1)).toBe(true);
    expect(large.count).toBe(small.count);
    expect(large.count).toBeLessThanOrEqual(8);
  });

  it('answers a page of campaigns with their terms, term history and brand in as many queries as a smaller page', async () => {
    const small = await countQueries(t.db, () => t.gql.as(token).ok(CAMPAIGNS, { first: 2 }));
    const large = await countQueries(t.db, () => t.gql.as(token).ok(CAMPAIGNS, { first: 12 }));
    expect(large.result.campaigns.edges).toHaveLength(12);
    expect(large.count).toBe(small.count);
    expect(large.count).toBeLessThanOrEqual(6);
  });
});

import { RequestLoaders } from '@app/core';
import { CreatorProfileService, creatorLoader, Platform } from '@app/creators';
import { logIn, startApiTestApp, type ApiTestApp } from '../support/api-test-app.js';
import { countQueries } from '../support/query-counter.js';

const PAGE = `query Page($first: Int) { creators(first: $first) { edges { node { id socialAccounts { handle } } } } }`;

describe('creators: field resolvers are batched', () => {
  let t: ApiTestApp;
  let token: string;
  const creatorIds: string[] = [];

  beforeAll(async () => {
    t = await startApiTestApp();
    for (let i = 0; i < 60; i += 1) {
      const made = await t.make.creatorProfile({
        displayName: `Creator ${i}`,
        accounts: [
          { platform: Platform.INSTAGRAM, handle: `batch_${i}_ig` },
          { platform: Platform.TIKTOK, handle: `batch_${i}_tt` },
        ],
      });
      creatorIds.push(made.creatorId);
    }
    const brand = await t.make.brand();
    token = (await logIn(t.gql, brand.admin)).accessToken;
  });
  afterAll(() => t.close());

  it('answers a page of 50 creators with their accounts in as many SQL queries as a page of 5', async () => {
    const page = (first: number) => countQueries(t.db, () => t.gql.as(token).ok(PAGE, { first }));
    const small = await page(5);
    const large = await page(50);

    expect(small.result.creators.edges).toHaveLength(5);
    expect(large.result.creators.edges).toHaveLength(50);
    for (const [i, edge] of large.result.creators.edges.entries()) {
      expect(edge.node.socialAccounts.map((account: { handle: string }) => account.handle)).toEqual([`batch_${i}_ig`, `batch_${i}_tt`]);
    }
    expect({ count: large.count, statements: large.statements }).toEqual({ count: small.count, statements: expect.any(Array) });
    // Who is calling, the page, the accounts of the whole page at once.
    expect(large.statements.filter((sql) => /FROM "social_accounts"/.test(sql))).toHaveLength(1);
    expect(large.count).toBeLessThanOrEqual(6);
  });

  it('loads creators for other domains in one query per request with creatorLoader', async () => {
    const profiles = t.app.get(CreatorProfileService);
    const ctx = { req: { headers: {} }, loaders: new RequestLoaders() };
    const missing = '0190d6a1-0000-7000-8000-000000000000';
    const { result, count } = await countQueries(t.db, () =>
      Promise.all([...creatorIds.slice(0, 50), missing, creatorIds[0]!].map((id) => creatorLoader(ctx, profiles).load(id))),
    );
    expect(count).toBe(1);
    expect(result.slice(0, 50).map((profile) => profile?.displayName)).toEqual(creatorIds.slice(0, 50).map((_, i) => `Creator ${i}`));
    expect(result[50]).toBeNull();
    expect(result[51]?.id).toBe(creatorIds[0]);
  });
});

import { Niche, Platform } from '@app/creators';
import { errorCode } from '@app/testing';
import { logIn, startApiTestApp, type ApiTestApp } from '../support/api-test-app.js';

const CREATORS = `query Creators($filter: CreatorFilter, $first: Int, $after: String) {
  creators(filter: $filter, first: $first, after: $after) {
    edges { cursor node { displayName } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('creators: brand search', () => {
  let t: ApiTestApp;
  let brandToken: string;

  beforeAll(async () => {
    t = await startApiTestApp();
    const { make } = t;
    // Created in this order, which is the order of results (keyset on the UUID v7 id).
    await make.creatorProfile({
      displayName: 'Maya Makes',
      bio: 'Slow fashion and thrifted outfits',
      country: 'US',
      niches: [Niche.FASHION, Niche.SUSTAINABILITY],
      accounts: [
        { platform: Platform.INSTAGRAM, handle: 'maya.makes', followers: 40_000, avgLikes: 2_000, avgComments: 400, audienceCountries: { US: 60, GB: 20 } },
        { platform: Platform.BLOG, handle: 'mayamakes.com', followers: 8_000, avgLikes: 100, avgComments: 20, audienceCountries: { US: 50 } },
      ],
    });
    await make.creatorProfile({
      displayName: 'Tom Trails',
      bio: 'Hiking and camping gear reviews',
      country: 'GB',
      niches: [Niche.OUTDOORS, Niche.TRAVEL],
      accounts: [
        { platform: Platform.YOUTUBE, handle: 'tomtrails', followers: 90_000, avgLikes: 1_500, avgComments: 300, audienceCountries: { GB: 70, US: 10 } },
        { platform: Platform.INSTAGRAM, handle: 'tom_trails', followers: 5_000, avgLikes: 450, avgComments: 50, audienceCountries: { DE: 40 } },
      ],
    });
    await make.creatorProfile({
      displayName: 'Lena Bakes',
      bio: 'Sourdough every morning',
      country: 'DE',
      niches: [Niche.FOOD],
      accounts: [{ platform: Platform.TIKTOK, handle: 'lenabakes', followers: 150_000, avgLikes: 11_000, avgComments: 1_000, audienceCountries: { DE: 55, AT: 20 } }],
    });
    await make.creatorProfile({
      displayName: 'Sam Codes',
      bio: 'Tech tips for beginners',
      country: 'US',
      niches: [Niche.TECH, Niche.EDUCATION],
      accounts: [{ platform: Platform.TIKTOK, handle: 'sam_codes', followers: 25_000, avgLikes: 500, avgComments: 100, audienceCountries: { US: 80 } }],
    });
    await make.creatorProfile({
      displayName: 'Sammy X',
      bio: 'Speedruns',
      country: 'CA',
      niches: [Niche.GAMING],
      accounts: [{ platform: Platform.INSTAGRAM, handle: 'samxcodes', followers: 12_000, avgLikes: 300, avgComments: 60, audienceCountries: { CA: 30 } }],
    });
    await make.creatorProfile({ displayName: 'No Accounts', country: 'US', niches: [Niche.BEAUTY], accounts: [] });

    const brand = await make.brand();
    brandToken = (await logIn(t.gql, await make.member(brand))).accessToken;
  });
  afterAll(() => t.close());

  async function names(filter: Record<string, unknown> | undefined, token = brandToken): Promise<string[]> {
    const { creators } = await t.gql.as(token).ok(CREATORS, { filter, first: 50 });
    return creators.edges.map((edge: { node: { displayName: string } }) => edge.node.displayName);
  }

  it('lists every creator without a filter, oldest profile first', async () => {
    expect(await names(undefined)).toEqual(['Maya Makes', 'Tom Trails', 'Lena Bakes', 'Sam Codes', 'Sammy X', 'No Accounts']);
  });

  it.each([
    ['platform', { platform: 'INSTAGRAM' }, ['Maya Makes', 'Tom Trails', 'Sammy X']],
    ['platform', { platform: 'TIKTOK' }, ['Lena Bakes', 'Sam Codes']],
    ['niche', { niche: 'FOOD' }, ['Lena Bakes']],
    ['niche', { niche: 'EDUCATION' }, ['Sam Codes']],
    ['country (any case)', { country: 'us' }, ['Maya Makes', 'Sam Codes', 'No Accounts']],
    ['minFollowers', { minFollowers: 100_000 }, ['Lena Bakes']],
    ['maxFollowers', { maxFollowers: 10_000 }, ['Maya Makes', 'Tom Trails']],
    ['follower range', { minFollowers: 20_000, maxFollowers: 50_000 }, ['Maya Makes', 'Sam Codes']],
    ['minEngagementRate', { minEngagementRate: 0.07 }, ['Tom Trails', 'Lena Bakes']],
    ['audienceCountry', { audienceCountry: 'DE' }, ['Tom Trails', 'Lena Bakes']],
    ['profile and account conditions together', { country: 'GB', minEngagementRate: 0.05 }, ['Tom Trails']],
  ])('filters by %s: %j', async (_what, filter, expected) => {
    expect(await names(filter)).toEqual(expected);
  });

  it('requires the account conditions to hold on one and the same account', async () => {
    // Tom has 90k followers on YouTube and an Instagram account, but not 30k on Instagram.
    expect(await names({ platform: 'INSTAGRAM', minFollowers: 30_000 })).toEqual(['Maya Makes']);
    // Tom's British audience is on YouTube; his Instagram audience is German.
    expect(await names({ platform: 'INSTAGRAM', audienceCountry: 'GB' })).toEqual(['Maya Makes']);
    expect(await names({ platform: 'YOUTUBE', minEngagementRate: 0.05 })).toEqual([]);
    expect(await names({ audienceCountry: 'DE', maxFollowers: 10_000 })).toEqual(['Tom Trails']);
  });

  it.each([
    ['a word of the name', 'maya', ['Maya Makes']],
    ['words of the bio, in any case', 'CAMPING hiking', ['Tom Trails']],
    ['a word of the bio', 'sourdough', ['Lena Bakes']],
    ['the start of a handle, with or without @', '@LenaB', ['Lena Bakes']],
    ['the start of a handle', 'tomtr', ['Tom Trails']],
    ['LIKE wildcards as plain characters', 'sam_', ['Sam Codes']],
    ['nothing that matches', 'knitting', []],
  ])('finds free text: %s', async (_what, query, expected) => {
    expect(await names({ query })).toEqual(expected);
  });

  it('pages with cursors', async () => {
    const page = (after?: string) => t.gql.as(brandToken).ok(CREATORS, { first: 4, after }).then((data) => data.creators);
    const first = await page();
    expect(first.edges.map((edge: { node: { displayName: string } }) => edge.node.displayName)).toEqual(['Maya Makes', 'Tom Trails', 'Lena Bakes', 'Sam Codes']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await page(first.pageInfo.endCursor);
    expect(second.edges.map((edge: { node: { displayName: string } }) => edge.node.displayName)).toEqual(['Sammy X', 'No Accounts']);
    expect(second.pageInfo).toEqual({ hasNextPage: false, endCursor: second.edges[1].cursor });

    const filtered = await t.gql.as(brandToken).ok(CREATORS, { filter: { platform: 'INSTAGRAM' }, first: 1, after: first.edges[0].cursor });
    expect(filtered.creators.edges.map((edge: { node: { displayName: string } }) => edge.node.displayName)).toEqual(['Tom Trails']);
    expect(filtered.creators.pageInfo.hasNextPage).toBe(true);
  });

  it('refuses a bad filter naming the field', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ country: 'XX' }, ['filter.country']],
      [{ audienceCountry: 'USA' }, ['filter.audienceCountry']],
      [{ minFollowers: -1 }, ['filter.minFollowers']],
      [{ minFollowers: 10, maxFollowers: 5 }, ['filter.maxFollowers']],
      [{ minEngagementRate: -0.1 }, ['filter.minEngagementRate']],
      [{ query: 'q'.repeat(201) }, ['filter.query']],
    ];
    for (const [filter, fields] of cases) {
      const response = await t.gql.as(brandToken).send(CREATORS, { filter });
      expect({ filter, code: errorCode(response), fields: (response.errors?.[0]?.extensions?.fields as { field: string }[])?.map((f) => f.field) }).toEqual({
        filter,
        code: 'BAD_USER_INPUT',
        fields,
      });
    }
  });

  it('is for brand teams and admins only', async () => {
    const admin = (await logIn(t.gql, await t.make.admin())).accessToken;
    expect(await names({ niche: 'FOOD' }, admin)).toEqual(['Lena Bakes']);
    for (const user of [await t.make.creator(), await t.make.finance()]) {
      const token = (await logIn(t.gql, user)).accessToken;
      expect(errorCode(await t.gql.as(token).send(CREATORS, {}))).toBe('FORBIDDEN');
    }
  });
});

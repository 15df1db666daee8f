import { errorCode, errorFields, type MadeBrand } from '@app/testing';
import { logIn, startApiTestApp, type ApiTestApp } from '../support/api-test-app.js';

const FIELDS = 'id status title slug currency fallbackUrl maxLinksPerCreator discount { type percentBps amount { amountMinor currency formatted } }';
const CREATE = `mutation Create($input: CreateCampaignInput!) { createCampaign(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation Update($id: ID!, $input: UpdateCampaignInput!) { updateCampaign(id: $id, input: $input) { ${FIELDS} } }`;
const CAMPAIGN = `query C($id: ID!) { campaign(id: $id) { ${FIELDS} } }`;
const ADD_DOMAIN = `mutation Add($domain: String!) { addVerifiedDomain(domain: $domain) { id } }`;
const PUBLISH = `mutation P($id: ID!) { publishCampaign(id: $id) { id status } }`;

const DAY = 86_400_000;

describe('campaign tracking settings: slug, fallback URL, link limit, discount', () => {
  let t: ApiTestApp;
  let brand: MadeBrand;
  let token: string;
  let rivalToken: string;

  const create = (input: Record<string, unknown>) => t.gql.as(token).send(CREATE, { input: { currency: 'USD', ...input } });
  const createOk = async (input: Record<string, unknown>) => (await t.gql.as(token).ok(CREATE, { input: { currency: 'USD', ...input } })).createCampaign;
  const update = (id: string, input: Record<string, unknown>) => t.gql.as(token).send(UPDATE, { id, input });
  const read = async (id: string) => (await t.gql.as(token).ok(CAMPAIGN, { id })).campaign;
  const expectRefused = (result: Awaited<ReturnType<typeof create>>, code: string, fields: string[]) => {
    expect(errorCode(result)).toBe(code);
    expect(errorFields(result)).toEqual(fields);
  };

  beforeAll(async () => {
    t = await startApiTestApp();
    brand = await t.make.brand({ name: 'Northwind' });
    token = (await logIn(t.gql, brand.admin)).accessToken;
    await t.gql.as(token).ok(ADD_DOMAIN, { domain: 'northwind.example' });
    const rival = await t.make.brand({ name: 'Rival' });
    rivalToken = (await logIn(t.gql, rival.admin)).accessToken;
  });
  afterAll(() => t.close());

  it('derives the slug from the title and numbers repeats within the brand only', async () => {
    const first = await createOk({ title: 'Trail Season — Ridge 30!' });
    expect(first).toMatchObject({ slug: 'trail-season-ridge-30', fallbackUrl: null, maxLinksPerCreator: 5, discount: null });
    expect((await createOk({ title: 'Trail season: ridge 30' })).slug).toBe('trail-season-ridge-30-2');
    expect((await createOk({ title: 'TRAIL SEASON RIDGE 30' })).slug).toBe('trail-season-ridge-30-3');
    const elsewhere = (await t.gql.as(rivalToken).ok(CREATE, { input: { title: 'Trail Season — Ridge 30!', currency: 'USD' } })).createCampaign;
    expect(elsewhere.slug).toBe('trail-season-ridge-30');
  });

  it('numbers repeats of a title too long for a slug, staying within 60 characters', async () => {
    const title = 'The Northwind Ridge Thirty Backpack Autumn Launch With Trail Creators';
    const slugs: string[] = [];
    for (let i = 0; i < 3; i += 1) slugs.push((await createOk({ title })).slug);
    expect(slugs[0]).toHaveLength(60);
    expect(new Set(slugs).size).toBe(3);
    expect(slugs.slice(1)).toEqual([`${slugs[0]!.slice(0, 58)}-2`, `${slugs[0]!.slice(0, 58)}-3`]);
  });

  it('takes an explicit slug once per brand, well-formed, and fixes it on publishing', async () => {
    const own = await createOk({ title: 'Autumn', slug: 'autumn-2027' });
    expect(own.slug).toBe('autumn-2027');
    expectRefused(await create({ title: 'Another autumn', slug: 'autumn-2027' }), 'CONFLICT', ['input.slug']);
    const draft = await createOk({ title: 'Winter' });
    expectRefused(await update(draft.id, { slug: 'autumn-2027' }), 'CONFLICT', ['input.slug']);

    for (const slug of ['ab', 'Autumn-2027', 'autumn--2027', '-autumn', 'autumn-', 'autumn 2027', 'autumn_2027', 'x'.repeat(61)]) {
      const result = await create({ title: 'Malformed', slug });
      expect([slug, errorCode(result)]).toEqual([slug, 'BAD_USER_INPUT']);
      expect(errorFields(result)).toEqual(['input.slug']);
    }
    expect((await update(draft.id, { slug: ' winter-2027 ' })).data!.updateCampaign.slug).toBe('winter-2027');

    await t.gql.as(token).ok(UPDATE, {
      id: draft.id,
      input: {
        landingUrl: 'https://shop.northwind.example/winter',
        platforms: ['INSTAGRAM'],
        startsAt: new Date(Date.now() - DAY).toISOString(),
        endsAt: new Date(Date.now() + 30 * DAY).toISOString(),
        terms: { commissionRateBps: 1000 },
      },
    });
    await t.gql.as(token).ok(PUBLISH, { id: draft.id });
    expectRefused(await update(draft.id, { slug: 'winter-sale' }), 'CONFLICT', ['input.slug']);
    expect((await read(draft.id)).slug).toBe('winter-2027');
    // Other settings stay editable once published.
    expect((await t.gql.as(token).ok(UPDATE, { id: draft.id, input: { maxLinksPerCreator: 8 } })).updateCampaign.maxLinksPerCreator).toBe(8);
  });

  it('refuses a null slug rather than storing none', async () => {
    expectRefused(await create({ title: 'Null slug', slug: null }), 'BAD_USER_INPUT', ['input.slug']);
    const draft = await createOk({ title: 'Keeps its slug' });
    expectRefused(await update(draft.id, { slug: null }), 'BAD_USER_INPUT', ['input.slug']);
    expect((await read(draft.id)).slug).toBe('keeps-its-slug');
  });

  it('refuses null for any field every campaign has, naming each, and changes nothing', async () => {
    const draft = await createOk({ title: 'Nothing null', niches: ['OUTDOORS'] });
    expectRefused(await update(draft.id, { title: null, niches: null, minFollowers: null, visibility: null }), 'BAD_USER_INPUT', [
      'input.title',
      'input.niches',
      'input.minFollowers',
      'input.visibility',
    ]);
    expect((await read(draft.id)).title).toBe('Nothing null');
    const niches = (await t.gql.as(token).ok(`query C($id: ID!) { campaign(id: $id) { niches } }`, { id: draft.id })).campaign.niches;
    expect(niches).toEqual(['OUTDOORS']);
  });

  it('takes a fallback URL only on a verified domain', async () => {
    const campaign = await createOk({ title: 'Fallback', fallbackUrl: 'https://shop.northwind.example/sold-out' });
    expect(campaign.fallbackUrl).toBe('https://shop.northwind.example/sold-out');
    for (const fallbackUrl of ['https://evil.example/', 'http://shop.northwind.example/', 'https://northwind.example.evil.example/', 'https://shop.northwind.example:8443/', 'not a url']) {
      expectRefused(await update(campaign.id, { fallbackUrl }), 'BAD_USER_INPUT', ['input.fallbackUrl']);
      expectRefused(await create({ title: 'Bad fallback', fallbackUrl }), 'BAD_USER_INPUT', ['input.fallbackUrl']);
    }
    expect((await read(campaign.id)).fallbackUrl).toBe('https://shop.northwind.example/sold-out');
    expect((await update(campaign.id, { fallbackUrl: null })).data!.updateCampaign.fallbackUrl).toBeNull();
  });

  it('keeps maxLinksPerCreator between 1 and 50', async () => {
    expect((await createOk({ title: 'One link', maxLinksPerCreator: 1 })).maxLinksPerCreator).toBe(1);
    const campaign = await createOk({ title: 'Many links', maxLinksPerCreator: 50 });
    expect(campaign.maxLinksPerCreator).toBe(50);
    for (const maxLinksPerCreator of [0, 51, -1, null]) {
      const result = await update(campaign.id, { maxLinksPerCreator });
      expect([maxLinksPerCreator, errorCode(result), errorFields(result)]).toEqual([maxLinksPerCreator, 'BAD_USER_INPUT', ['input.maxLinksPerCreator']]);
    }
    for (const maxLinksPerCreator of [51, null]) {
      expectRefused(await create({ title: 'Too many', maxLinksPerCreator }), 'BAD_USER_INPUT', ['input.maxLinksPerCreator']);
    }
    expect((await read(campaign.id)).maxLinksPerCreator).toBe(50);
  });

  it('takes a discount of exactly one of percentBps and amount, the amount in the campaign currency', async () => {
    const percent = await createOk({ title: 'Percent off', discount: { percentBps: 1500 } });
    expect(percent.discount).toEqual({ type: 'PERCENTAGE', percentBps: 1500, amount: null });
    const fixed = await createOk({ title: 'Amount off', currency: 'EUR', discount: { amount: { amountMinor: '500', currency: 'EUR' } } });
    expect(fixed.discount).toEqual({ type: 'FIXED_AMOUNT', percentBps: null, amount: { amountMinor: '500', currency: 'EUR', formatted: '€5.00' } });

    expectRefused(await update(percent.id, { discount: {} }), 'BAD_USER_INPUT', ['input.discount']);
    expectRefused(await update(percent.id, { discount: { percentBps: 1000, amount: { amountMinor: '500', currency: 'USD' } } }), 'BAD_USER_INPUT', ['input.discount']);
    expectRefused(await update(percent.id, { discount: { amount: { amountMinor: '500', currency: 'EUR' } } }), 'BAD_USER_INPUT', ['input.discount.amount.currency']);
    expectRefused(await update(percent.id, { discount: { amount: { amountMinor: '0', currency: 'USD' } } }), 'BAD_USER_INPUT', ['input.discount.amount.amountMinor']);
    for (const percentBps of [0, 10_001]) expectRefused(await update(percent.id, { discount: { percentBps } }), 'BAD_USER_INPUT', ['input.discount.percentBps']);
    expectRefused(await create({ title: 'Wrong currency', discount: { amount: { amountMinor: '500', currency: 'EUR' } } }), 'BAD_USER_INPUT', [
      'input.discount.amount.currency',
    ]);
    expect((await read(percent.id)).discount).toEqual({ type: 'PERCENTAGE', percentBps: 1500, amount: null });

    // A draft changing currency restates an amount off, as it does a budget.
    expectRefused(await update(fixed.id, { currency: 'USD' }), 'BAD_USER_INPUT', ['input.discount']);
    const restated = (await t.gql.as(token).ok(UPDATE, { id: fixed.id, input: { currency: 'USD', discount: { amount: { amountMinor: '700', currency: 'USD' } } } }))
      .updateCampaign;
    expect(restated.discount.amount).toEqual({ amountMinor: '700', currency: 'USD', formatted: '$7.00' });
    expect((await update(percent.id, { discount: null })).data!.updateCampaign.discount).toBeNull();
  });
});

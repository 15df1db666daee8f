import { CampaignLifecycleService, CampaignTermsService } from '@app/campaigns';
import { Role } from '@app/core';
import { errorCode, errorFields, type MadeBrand } from '@app/testing';
import { logIn, startApiTestApp, type ApiTestApp } from '../support/api-test-app.js';

const FIELDS = `id status title landingUrl currency minFollowers maxFollowers budget { amountMinor currency formatted }
  terms { version commissionRateBps flatAmount { amountMinor } attributionWindowDays holdDays disclosureRequired platformFeeBps effectiveFrom }`;
const CREATE = `mutation Create($input: CreateCampaignInput!) { createCampaign(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation Update($id: ID!, $input: UpdateCampaignInput!) { updateCampaign(id: $id, input: $input) { ${FIELDS} } }`;
const ADD_DOMAIN = `mutation Add($domain: String!) { addVerifiedDomain(domain: $domain) { id domain } }`;
const CAMPAIGN = `query C($id: ID!) { campaign(id: $id) { ${FIELDS} termsVersions { edges { node { version commissionRateBps } } } organization { id } } }`;
const CAMPAIGNS = `query L($filter: CampaignFilter, $first: Int, $after: String) { campaigns(filter: $filter, first: $first, after: $after) {
  edges { node { id status title } } pageInfo { hasNextPage endCursor } } }`;
const action = (name: string) => `mutation A($id: ID!) { ${name}(id: $id) { id status publishedAt endedAt } }`;

const DAY = 86_400_000;

describe('campaigns', () => {
  let t: ApiTestApp;
  let brand: MadeBrand;
  let token: string;
  let otherBrand: MadeBrand;
  let otherToken: string;

  const complete = () => ({
    title: 'Autumn skincare',
    brief: 'Show the serum in your routine.',
    landingUrl: 'https://shop.glow.example/autumn',
    niches: ['BEAUTY'],
    platforms: ['INSTAGRAM', 'TIKTOK'],
    targetCountries: ['US', 'GB'],
    startsAt: new Date(Date.now() - DAY).toISOString(),
    endsAt: new Date(Date.now() + 30 * DAY).toISOString(),
    budget: { amountMinor: '500000', currency: 'USD' },
    currency: 'USD',
    terms: { commissionRateBps: 1500 },
  });

  const createDraft = async (input: Record<string, unknown> = complete()) => (await t.gql.as(token).ok(CREATE, { input })).createCampaign;
  const run = (name: string, id: string, as = token) => t.gql.as(as).send(action(name), { id });

  beforeAll(async () => {
    t = await startApiTestApp();
    brand = await t.make.brand({ name: 'Glow' });
    token = (await logIn(t.gql, brand.admin)).accessToken;
    await t.gql.as(token).ok(ADD_DOMAIN, { domain: 'glow.example' });
    otherBrand = await t.make.brand({ name: 'Rival' });
    otherToken = (await logIn(t.gql, otherBrand.admin)).accessToken;
  });
  afterAll(() => t.close());

  it('creates a draft with micro-influencer defaults and version 1 terms', async () => {
    const campaign = await createDraft();
    expect(campaign).toMatchObject({
      status: 'DRAFT',
      minFollowers: 10_000,
      maxFollowers: 100_000,
      budget: { amountMinor: '500000', currency: 'USD', formatted: '$5,000.00' },
      terms: { version: 1, commissionRateBps: 1500, flatAmount: null, attributionWindowDays: 30, holdDays: 30, disclosureRequired: true, platformFeeBps: 0 },
    });
  });

  it('walks every legal transition: publish, pause, resume, pause, end', async () => {
    const { id } = await createDraft();
    const published = (await run('publishCampaign', id)).data!.publishCampaign;
    expect(published).toMatchObject({ status: 'ACTIVE', endedAt: null });
    expect(published.publishedAt).not.toBeNull();
    expect((await run('pauseCampaign', id)).data!.pauseCampaign.status).toBe('PAUSED');
    expect((await run('resumeCampaign', id)).data!.resumeCampaign.status).toBe('ACTIVE');
    expect((await run('pauseCampaign', id)).data!.pauseCampaign.status).toBe('PAUSED');
    const ended = (await run('endCampaign', id)).data!.endCampaign;
    expect(ended.status).toBe('ENDED');
    expect(ended.endedAt).not.toBeNull();
  });

  it('refuses every illegal transition with CONFLICT and changes nothing', async () => {
    const draft = await createDraft();
    for (const name of ['pauseCampaign', 'resumeCampaign', 'endCampaign']) expect(errorCode(await run(name, draft.id))).toBe('CONFLICT');

    const active = await createDraft();
    await run('publishCampaign', active.id);
    for (const name of ['publishCampaign', 'resumeCampaign', 'deleteCampaign']) expect(errorCode(await run(name, active.id))).toBe('CONFLICT');

    const paused = await createDraft();
    await run('publishCampaign', paused.id);
    await run('pauseCampaign', paused.id);
    for (const name of ['publishCampaign', 'pauseCampaign', 'deleteCampaign']) expect(errorCode(await run(name, paused.id))).toBe('CONFLICT');

    const ended = await createDraft();
    await run('publishCampaign', ended.id);
    await run('endCampaign', ended.id);
    for (const name of ['publishCampaign', 'pauseCampaign', 'resumeCampaign', 'endCampaign', 'deleteCampaign']) {
      const result = await run(name, ended.id);
      expect(errorCode(result)).toBe('CONFLICT');
      expect(result.errors![0]!.message).toContain('is ENDED');
    }
    expect(errorCode(await t.gql.as(token).send(UPDATE, { id: ended.id, input: { title: 'Too late' } }))).toBe('CONFLICT');

    const statuses = await Promise.all([draft, active, paused, ended].map(async (c) => (await t.gql.as(token).ok(CAMPAIGN, { id: c.id })).campaign.status));
    expect(statuses).toEqual(['DRAFT', 'ACTIVE', 'PAUSED', 'ENDED']);
  });

  it('deletes a draft, which is then gone', async () => {
    const { id } = await createDraft();
    expect((await run('deleteCampaign', id)).data!.deleteCampaign.id).toBe(id);
    expect(errorCode(await t.gql.as(token).send(CAMPAIGN, { id }))).toBe('NOT_FOUND');
  });

  it('publishes only a complete campaign, naming each missing field', async () => {
    const { id } = await createDraft({ title: 'Bare draft', currency: 'USD' });
    const result = await run('publishCampaign', id);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(errorFields(result)).toEqual(['landingUrl', 'platforms', 'startsAt', 'endsAt', 'terms']);
    expect((await t.gql.as(token).ok(CAMPAIGN, { id })).campaign.status).toBe('DRAFT');

    const { endsAt: _unused, ...rest } = complete();
    void _unused;
    await t.gql.as(token).ok(UPDATE, { id, input: { ...rest, currency: undefined } });
    const stillMissing = await run('publishCampaign', id);
    expect(stillMissing.errors![0]!.extensions!.fields).toEqual([{ field: 'endsAt', message: 'endsAt is required to publish' }]);
  });

  it('edits terms in place while DRAFT, and versions them once published', async () => {
    const { id } = await createDraft();
    const draft = (await t.gql.as(token).ok(UPDATE, { id, input: { terms: { commissionRateBps: 2000, holdDays: 14 } } })).updateCampaign;
    expect(draft.terms).toMatchObject({ version: 1, commissionRateBps: 2000, holdDays: 14 });

    await run('publishCampaign', id);
    const before = Date.now();
    const changed = (await t.gql.as(token).ok(UPDATE, { id, input: { terms: { flatAmount: { amountMinor: '500', currency: 'USD' } } } })).updateCampaign;
    expect(changed.terms).toMatchObject({ version: 2, commissionRateBps: 2000, flatAmount: { amountMinor: '500' }, holdDays: 14 });
    expect(Date.parse(changed.terms.effectiveFrom)).toBeGreaterThanOrEqual(before - 1000);

    // The same terms again make no new version.
    expect((await t.gql.as(token).ok(UPDATE, { id, input: { terms: { holdDays: 14 } } })).updateCampaign.terms.version).toBe(2);

    const { campaign } = await t.gql.as(token).ok(CAMPAIGN, { id });
    expect(campaign.termsVersions.edges.map((e: { node: { version: number; commissionRateBps: number } }) => e.node)).toEqual([
      { version: 2, commissionRateBps: 2000 },
      { version: 1, commissionRateBps: 2000 },
    ]);
  });

  it("lets platform staff set the platform fee as a new terms version, so each sale is charged the fee in force when it was made, and nobody else", async () => {
    const SET_FEE = `mutation Fee($id: ID!, $bps: Int!) { setCampaignPlatformFee(id: $id, platformFeeBps: $bps) { id terms { version commissionRateBps platformFeeBps } } }`;
    const finance = (await logIn(t.gql, await t.make.user({ roles: [Role.FINANCE] }))).accessToken;
    const { id } = await createDraft();
    // On a draft the fee changes version 1 in place.
    expect((await t.gql.as(finance).ok(SET_FEE, { id, bps: 500 })).setCampaignPlatformFee.terms).toEqual({ version: 1, commissionRateBps: 1500, platformFeeBps: 500 });
    await run('publishCampaign', id);
    expect((await t.gql.as(finance).ok(SET_FEE, { id, bps: 750 })).setCampaignPlatformFee.terms).toEqual({ version: 2, commissionRateBps: 1500, platformFeeBps: 750 });
    // The brand's own terms changes keep the platform's fee.
    const changed = (await t.gql.as(token).ok(UPDATE, { id, input: { terms: { commissionRateBps: 1800 } } })).updateCampaign;
    expect(changed.terms).toMatchObject({ version: 3, commissionRateBps: 1800, platformFeeBps: 750 });
    const [{ fees }] = await t.db.query(`SELECT array_agg(platform_fee_bps ORDER BY version) AS fees FROM campaign_terms WHERE campaign_id = $1`, [id]);
    expect(fees).toEqual([500, 750, 750]);

    expect(errorCode(await t.gql.as(token).send(SET_FEE, { id, bps: 0 }))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql.as(token).send(UPDATE, { id, input: { terms: { platformFeeBps: 0 } } }))).toBe('BAD_USER_INPUT');
    for (const bps of [10_001, -1]) {
      const refused = await t.gql.as(finance).send(SET_FEE, { id, bps });
      expect({ code: errorCode(refused), fields: errorFields(refused) }).toEqual({ code: 'BAD_USER_INPUT', fields: ['platformFeeBps'] });
    }
    expect(errorCode(await t.gql.as(finance).send(SET_FEE, { id: '01a234bc-0000-7000-8000-000000000000', bps: 100 }))).toBe('NOT_FOUND');
    const [{ versions }] = await t.db.query(`SELECT count(*)::int AS versions FROM campaign_terms WHERE campaign_id = $1`, [id]);
    expect(versions).toBe(3);
  });

  it('pays old sales under old terms: termsAt picks the version in effect at the sale time', async () => {
    const { id } = await createDraft();
    await run('publishCampaign', id);
    const afterPublish = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await t.gql.as(token).ok(UPDATE, { id, input: { terms: { commissionRateBps: 900 } } });
    const terms = t.app.get(CampaignTermsService);
    expect((await terms.termsAt(id, afterPublish)).commissionRateBps).toBe(1500);
    expect((await terms.termsAt(id, new Date())).commissionRateBps).toBe(900);
    expect((await terms.termsAt(id, new Date(Date.now() - 365 * DAY))).version).toBe(1);
  });

  it('makes a draft restate its amounts when its currency changes', async () => {
    const { id } = await createDraft({ ...complete(), terms: { commissionRateBps: 1000, flatAmount: { amountMinor: '300', currency: 'USD' } } });
    expect(errorFields(await t.gql.as(token).send(UPDATE, { id, input: { currency: 'JPY' } }))).toEqual(['input.budget']);
    expect(errorFields(await t.gql.as(token).send(UPDATE, { id, input: { currency: 'JPY', budget: { amountMinor: '750000', currency: 'JPY' } } }))).toEqual([
      'input.terms.flatAmount',
    ]);
    const changed = (
      await t.gql.as(token).ok(UPDATE, {
        id,
        input: { currency: 'JPY', budget: { amountMinor: '750000', currency: 'JPY' }, terms: { flatAmount: { amountMinor: '450', currency: 'JPY' } } },
      })
    ).updateCampaign;
    expect(changed).toMatchObject({ currency: 'JPY', budget: { formatted: '¥750,000' }, terms: { version: 1, flatAmount: { amountMinor: '450' } } });
  });

  it('fixes currency and start date once published, and refuses terms that pay nothing', async () => {
    const { id } = await createDraft();
    await run('publishCampaign', id);
    const currency = await t.gql.as(token).send(UPDATE, { id, input: { currency: 'EUR' } });
    expect(errorCode(currency)).toBe('CONFLICT');
    expect(currency.errors![0]!.extensions!.fields).toEqual([expect.objectContaining({ field: 'input.currency' })]);
    const nothing = await t.gql.as(token).send(UPDATE, { id, input: { terms: { commissionRateBps: null } } });
    expect(nothing.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.terms' }] });
    expect((await t.gql.as(token).ok(CAMPAIGN, { id })).campaign.terms.version).toBe(1);
  });

  it('rejects bad input naming the field, and stores nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ landingUrl: 'https://elsewhere.example/x' }, 'input.landingUrl'],
      [{ landingUrl: 'http://glow.example/x' }, 'input.landingUrl'],
      [{ landingUrl: 'https://glow.example@evil.example/' }, 'input.landingUrl'],
      [{ minFollowers: 50_000, maxFollowers: 20_000 }, 'input.maxFollowers'],
      [{ endsAt: new Date(Date.now() - 2 * DAY).toISOString() }, 'input.endsAt'],
      [{ budget: { amountMinor: '100', currency: 'EUR' } }, 'input.budget.currency'],
      [{ budget: { amountMinor: '12.50', currency: 'USD' } }, 'input.budget.amountMinor'],
      [{ currency: 'XYZ' }, 'input.currency'],
      [{ targetCountries: ['USA'] }, 'input.targetCountries'],
      [{ terms: { commissionRateBps: 20_000 } }, 'input.terms.commissionRateBps'],
      [{ terms: { flatAmount: { amountMinor: '100', currency: 'GBP' } } }, 'input.terms.flatAmount.currency'],
      [{ minEngagementRate: 3 }, 'input.minEngagementRate'],
    ];
    const count = async () => (await t.db.query('SELECT count(*)::int AS n FROM campaigns'))[0].n;
    const before = await count();
    for (const [change, field] of cases) {
      const result = await t.gql.as(token).send(CREATE, { input: { ...complete(), ...change } });
      expect({ change, code: errorCode(result) }).toEqual({ change, code: 'BAD_USER_INPUT' });
      expect(errorFields(result)).toContain(field);
    }
    expect(await count()).toBe(before);
  });

  it('accepts landing URLs on subdomains and internationalized domains', async () => {
    await t.gql.as(token).ok(ADD_DOMAIN, { domain: 'bücher.example' });
    const campaign = await createDraft({ ...complete(), landingUrl: 'https://bücher.example/herbst' });
    expect(campaign.landingUrl).toBe('https://xn--bcher-kva.example/herbst');
    expect((await createDraft()).landingUrl).toBe('https://shop.glow.example/autumn');
  });

  it("keeps tenants apart: another brand's campaigns and drafts are NOT_FOUND, to read and to change", async () => {
    const draft = await createDraft();
    const active = await createDraft();
    await run('publishCampaign', active.id);
    for (const id of [draft.id, active.id]) {
      expect(errorCode(await t.gql.as(otherToken).send(CAMPAIGN, { id }))).toBe('NOT_FOUND');
      expect(errorCode(await t.gql.as(otherToken).send(UPDATE, { id, input: { title: 'Hijacked' } }))).toBe('NOT_FOUND');
      for (const name of ['publishCampaign', 'pauseCampaign', 'endCampaign', 'deleteCampaign']) {
        expect(errorCode(await run(name, id, otherToken))).toBe('NOT_FOUND');
      }
    }
    const theirs = await t.gql.as(otherToken).ok(CAMPAIGNS, { first: 100 });
    expect(theirs.campaigns.edges).toEqual([]);
    expect((await t.gql.as(token).ok(CAMPAIGN, { id: active.id })).campaign).toMatchObject({ status: 'ACTIVE', title: 'Autumn skincare' });
  });

  it('shows creators published OPEN campaigns only, never drafts or invite-only ones', async () => {
    const draft = await createDraft({ ...complete(), title: 'Secret draft' });
    const open = await createDraft({ ...complete(), title: 'Open call' });
    await run('publishCampaign', open.id);
    const inviteOnly = await createDraft({ ...complete(), title: 'Inner circle', visibility: 'INVITE_ONLY' });
    await run('publishCampaign', inviteOnly.id);

    const creator = await t.make.creatorProfile();
    const creatorToken = (await logIn(t.gql, creator.user)).accessToken;
    expect(errorCode(await t.gql.as(creatorToken).send(CAMPAIGN, { id: draft.id }))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql.as(creatorToken).send(CAMPAIGN, { id: inviteOnly.id }))).toBe('NOT_FOUND');
    expect((await t.gql.as(creatorToken).ok(CAMPAIGN, { id: open.id })).campaign.status).toBe('ACTIVE');
    const titles = (await t.gql.as(creatorToken).ok(CAMPAIGNS, { first: 100 })).campaigns.edges.map((e: { node: { title: string } }) => e.node.title);
    expect(titles).toContain('Open call');
    expect(titles).not.toContain('Secret draft');
    expect(titles).not.toContain('Inner circle');
    expect(errorCode(await t.gql.as(creatorToken).send(CREATE, { input: complete() }))).toBe('FORBIDDEN');
  });

  it('pages through campaigns with cursors, newest first, filtered by status', async () => {
    const brand3 = await t.make.brand();
    const token3 = (await logIn(t.gql, brand3.admin)).accessToken;
    await t.gql.as(token3).ok(ADD_DOMAIN, { domain: 'glow.example' });
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await t.gql.as(token3).ok(CREATE, { input: { ...complete(), title: `Campaign ${i}` } })).createCampaign.id);
    await t.gql.as(token3).send(action('publishCampaign'), { id: ids[1] });

    const first = (await t.gql.as(token3).ok(CAMPAIGNS, { first: 3 })).campaigns;
    const second = (await t.gql.as(token3).ok(CAMPAIGNS, { first: 3, after: first.pageInfo.endCursor })).campaigns;
    expect([...first.edges, ...second.edges].map((e: { node: { id: string } }) => e.node.id)).toEqual([...ids].reverse());
    expect([first.pageInfo.hasNextPage, second.pageInfo.hasNextPage]).toEqual([true, false]);
    const active = (await t.gql.as(token3).ok(CAMPAIGNS, { first: 10, filter: { status: ['ACTIVE'] } })).campaigns;
    expect(active.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[1]]);
    expect(errorCode(await t.gql.as(token3).send(CAMPAIGNS, { after: 'not-a-cursor' }))).toBe('BAD_USER_INPUT');
  });

  it('ends campaigns whose end date has passed', async () => {
    const { id } = await createDraft();
    await run('publishCampaign', id);
    await t.db.query(`UPDATE campaigns SET ends_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    expect(await t.app.get(CampaignLifecycleService).endExpired()).toBeGreaterThanOrEqual(1);
    expect((await t.gql.as(token).ok(CAMPAIGN, { id })).campaign.status).toBe('ENDED');
  });
});

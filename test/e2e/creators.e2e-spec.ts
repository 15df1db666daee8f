import { errorCode, type MadeUser } from '@app/testing';
import { SocialAccountEntity } from '@app/creators';
import { logIn, startApiTestApp, type ApiTestApp } from '../support/api-test-app.js';

const PROFILE_FIELDS = 'id displayName bio country languages niches createdAt updatedAt';
const ACCOUNT_FIELDS = 'id platform handle followers avgLikes avgComments avgViews engagementRate audienceCountries { country share } ratePerPost { amountMinor currency formatted } createdAt';

const UPSERT = `mutation Upsert($input: UpsertCreatorProfileInput!) { upsertCreatorProfile(input: $input) { ${PROFILE_FIELDS} } }`;
const MINE = `query { myCreatorProfile { ${PROFILE_FIELDS} socialAccounts { id handle } } }`;
const CREATOR = `query Creator($id: ID!) { creator(id: $id) { id displayName socialAccounts { handle platform engagementRate } } }`;
const ADD = `mutation Add($input: AddSocialAccountInput!) { addSocialAccount(input: $input) { ${ACCOUNT_FIELDS} } }`;
const UPDATE = `mutation Update($id: ID!, $input: UpdateSocialAccountInput!) { updateSocialAccount(id: $id, input: $input) { ${ACCOUNT_FIELDS} } }`;
const REMOVE = `mutation Remove($id: ID!) { removeSocialAccount(id: $id) { id handle } }`;

const instagram = (handle: string, extra: Record<string, unknown> = {}) => ({
  platform: 'INSTAGRAM',
  handle,
  followers: 40_000,
  avgLikes: 2_000,
  avgComments: 400,
  ...extra,
});

const fieldsOf = (response: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  ((response.errors?.[0]?.extensions?.fields ?? []) as { field: string }[]).map((problem) => problem.field);

describe('creator profiles and social accounts', () => {
  let t: ApiTestApp;

  beforeAll(async () => {
    t = await startApiTestApp();
  });
  afterAll(() => t.close());

  /** A signed-in CREATOR, with a profile when `displayName` is given. */
  async function creator(displayName?: string): Promise<{ user: MadeUser; token: string; creatorId?: string }> {
    const user = await t.make.creator();
    const token = (await logIn(t.gql, user)).accessToken;
    if (!displayName) return { user, token };
    const { upsertCreatorProfile } = await t.gql.as(token).ok(UPSERT, { input: { displayName } });
    return { user, token, creatorId: upsertCreatorProfile.id };
  }

  async function profileUpdatedAt(creatorId: string): Promise<Date> {
    const [row] = await t.db.query('SELECT updated_at FROM creator_profiles WHERE id = $1', [creatorId]);
    return row.updated_at;
  }

  it('creates a profile, then changes only the fields sent', async () => {
    const { token } = await creator();
    expect((await t.gql.as(token).ok(MINE)).myCreatorProfile).toBeNull();

    const created = (
      await t.gql.as(token).ok(UPSERT, {
        input: { displayName: '  Maya Makes ', bio: 'Slow fashion.', country: 'us', languages: ['en', 'ES'], niches: ['FASHION', 'SUSTAINABILITY'] },
      })
    ).upsertCreatorProfile;
    expect(created).toMatchObject({ displayName: 'Maya Makes', bio: 'Slow fashion.', country: 'US', languages: ['en', 'es'], niches: ['FASHION', 'SUSTAINABILITY'] });

    const updated = (await t.gql.as(token).ok(UPSERT, { input: { displayName: 'Maya', niches: ['DIY'] } })).upsertCreatorProfile;
    expect(updated).toMatchObject({ id: created.id, displayName: 'Maya', bio: 'Slow fashion.', country: 'US', languages: ['en', 'es'], niches: ['DIY'] });
    expect(new Date(updated.updatedAt).getTime()).toBeGreaterThan(new Date(created.updatedAt).getTime());

    const cleared = (await t.gql.as(token).ok(UPSERT, { input: { displayName: 'Maya', country: null, bio: null } })).upsertCreatorProfile;
    expect(cleared).toMatchObject({ country: null, bio: '', niches: ['DIY'] });
    expect((await t.gql.as(token).ok(MINE)).myCreatorProfile).toMatchObject({ id: created.id, displayName: 'Maya', socialAccounts: [] });
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM creator_profiles p JOIN users u ON u.id = p.user_id WHERE p.id = $1`, [created.id]);
    expect(count).toBe(1);
  });

  it('refuses a bad profile naming every field, and changes nothing', async () => {
    const { token } = await creator('Before');
    const before = (await t.gql.as(token).ok(MINE)).myCreatorProfile;
    const response = await t.gql.as(token).send(UPSERT, {
      input: {
        displayName: 'x'.repeat(81),
        bio: 'b'.repeat(2_001),
        country: 'XX',
        languages: ['english'],
        niches: ['FOOD', 'TECH', 'ART', 'DIY', 'PETS', 'BOOKS'],
      },
    });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(response)).toEqual(['input.displayName', 'input.bio', 'input.country', 'input.languages', 'input.niches']);
    expect(response.errors?.[0]?.message).toContain('input.country must be an ISO 3166-1 alpha-2 country code');
    expect((await t.gql.as(token).ok(MINE)).myCreatorProfile).toEqual(before);

    const badNiche = await t.gql.as(token).send(UPSERT, { input: { displayName: 'Ok', niches: ['COOKING'] } });
    expect(errorCode(badNiche)).toBe('BAD_USER_INPUT');
    expect(badNiche.errors?.[0]?.message).toContain('input.niches');
  });

  it('keeps profiles and accounts to creators: brands and admins are FORBIDDEN to edit', async () => {
    const brand = await t.make.brand();
    const brandToken = (await logIn(t.gql, brand.admin)).accessToken;
    const adminToken = (await logIn(t.gql, await t.make.admin())).accessToken;
    for (const token of [brandToken, adminToken]) {
      expect(errorCode(await t.gql.as(token).send(UPSERT, { input: { displayName: 'Brand' } }))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql.as(token).send(ADD, { input: instagram('brand.account') }))).toBe('FORBIDDEN');
    }
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM social_accounts WHERE handle = 'brand.account'`);
    expect(count).toBe(0);
  });

  it('asks for a profile before the first account', async () => {
    const { token } = await creator();
    const response = await t.gql.as(token).send(ADD, { input: instagram('no.profile.yet') });
    expect(errorCode(response)).toBe('CONFLICT');
    expect(response.errors?.[0]?.message).toMatch(/create your creator profile first/i);
  });

  it('adds an account with a normalized handle, derived engagement rate and audience, and bumps the profile', async () => {
    const { token, creatorId } = await creator('Maya');
    const before = await profileUpdatedAt(creatorId!);
    const { addSocialAccount } = await t.gql.as(token).ok(ADD, {
      input: instagram('  @Maya.Makes ', {
        avgViews: 90_000,
        audienceCountries: [{ country: 'gb', share: 20 }, { country: 'US', share: 61.5 }],
        ratePerPost: { amountMinor: '25000', currency: 'USD' },
      }),
    });
    expect(addSocialAccount).toMatchObject({
      platform: 'INSTAGRAM',
      handle: 'Maya.Makes',
      followers: 40_000,
      avgViews: 90_000,
      engagementRate: 0.06,
      audienceCountries: [{ country: 'US', share: 61.5 }, { country: 'GB', share: 20 }],
      ratePerPost: { amountMinor: '25000', currency: 'USD', formatted: '$250.00' },
    });
    const row = await t.db.getRepository(SocialAccountEntity).findOneByOrFail({ id: addSocialAccount.id });
    expect(row).toMatchObject({ creatorId, engagementRate: 0.06, audienceCountryCodes: ['GB', 'US'], audienceCountries: { US: 61.5, GB: 20 } });
    expect((await profileUpdatedAt(creatorId!)).getTime()).toBeGreaterThan(before.getTime());

    const blog = (await t.gql.as(token).ok(ADD, { input: { platform: 'BLOG', handle: 'https://MayaMakes.com/', followers: 0, avgLikes: 3, avgComments: 1 } }))
      .addSocialAccount;
    expect(blog).toMatchObject({ handle: 'mayamakes.com', engagementRate: 0, avgViews: null, audienceCountries: [], ratePerPost: null });
  });

  it('keeps a handle unique per platform whatever its case, across creators', async () => {
    const first = await creator('First');
    const second = await creator('Second');
    await t.gql.as(first.token).ok(ADD, { input: instagram('Unique.Handle') });

    for (const [token, handle] of [
      [second.token, 'unique.handle'],
      [second.token, '@UNIQUE.HANDLE'],
      [first.token, 'unique.HANDLE'],
    ] as const) {
      const taken = await t.gql.as(token).send(ADD, { input: instagram(handle) });
      expect(errorCode(taken)).toBe('CONFLICT');
      expect(fieldsOf(taken)).toEqual(['input.handle']);
    }
    // The same handle on another platform is someone else's business.
    await t.gql.as(second.token).ok(ADD, { input: { ...instagram('unique.handle'), platform: 'TIKTOK' } });

    // Renaming onto a taken handle is refused the same way, and leaves the account as it was.
    const own = (await t.gql.as(second.token).ok(ADD, { input: instagram('second.own') })).addSocialAccount;
    const rename = await t.gql.as(second.token).send(UPDATE, { id: own.id, input: { handle: 'UNIQUE.handle' } });
    expect(errorCode(rename)).toBe('CONFLICT');
    expect(fieldsOf(rename)).toEqual(['input.handle']);
    expect((await t.db.getRepository(SocialAccountEntity).findOneByOrFail({ id: own.id })).handle).toBe('second.own');
  });

  it('gives one of two racing creators a handle and the other CONFLICT', async () => {
    const racers = await Promise.all([creator('Racer A'), creator('Racer B')]);
    const responses = await Promise.all(racers.map(({ token }) => t.gql.as(token).send(ADD, { input: instagram('photo.finish') })));
    expect(responses.map((response) => errorCode(response) ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
  });

  it('refuses bad figures and audiences naming the field, and stores nothing', async () => {
    const { token, creatorId } = await creator('Figures');
    const cases: [Record<string, unknown>, string[]][] = [
      [{ audienceCountries: [{ country: 'US', share: 70 }, { country: 'GB', share: 30.5 }] }, ['input.audienceCountries']],
      [{ audienceCountries: [{ country: 'US', share: 10 }, { country: 'us', share: 10 }] }, ['input.audienceCountries']],
      [{ audienceCountries: [{ country: 'US', share: 12.345 }, { country: 'ZZ', share: 1 }] }, ['input.audienceCountries.0.share', 'input.audienceCountries.1.country']],
      [{ followers: -1, avgComments: -3, avgViews: -2 }, ['input.followers', 'input.avgComments', 'input.avgViews']],
      [{ handle: 'not a handle!' }, ['input.handle']],
      [{ platform: 'BLOG', handle: 'not-a-host' }, ['input.handle']],
      [{ ratePerPost: { amountMinor: '12.50', currency: 'USD' } }, ['input.ratePerPost.amountMinor']],
      [{ ratePerPost: { amountMinor: '100', currency: 'XYZ' } }, ['input.ratePerPost.currency']],
    ];
    for (const [change, fields] of cases) {
      const response = await t.gql.as(token).send(ADD, { input: { ...instagram('figures.account'), ...change } });
      expect({ change, code: errorCode(response), fields: fieldsOf(response) }).toEqual({ change, code: 'BAD_USER_INPUT', fields });
    }
    const sum = await t.gql.as(token).send(ADD, { input: instagram('figures.account', { audienceCountries: [{ country: 'US', share: 70 }, { country: 'GB', share: 30.5 }] }) });
    expect(sum.errors?.[0]?.message).toContain('input.audienceCountries shares must sum to at most 100 percent (got 100.5)');
    expect(await t.db.getRepository(SocialAccountEntity).countBy({ creatorId })).toBe(0);
  });

  it('updates part of an account, deriving the engagement rate again and bumping the profile', async () => {
    const { token, creatorId } = await creator('Updater');
    const account = (
      await t.gql.as(token).ok(ADD, {
        input: instagram('updater', { audienceCountries: [{ country: 'US', share: 50 }], ratePerPost: { amountMinor: '10000', currency: 'EUR' } }),
      })
    ).addSocialAccount;
    const before = await profileUpdatedAt(creatorId!);

    const updated = (await t.gql.as(token).ok(UPDATE, { id: account.id, input: { followers: 10_000, ratePerPost: null } })).updateSocialAccount;
    expect(updated).toMatchObject({ id: account.id, handle: 'updater', followers: 10_000, avgLikes: 2_000, engagementRate: 0.24, ratePerPost: null });
    expect(updated.audienceCountries).toEqual([{ country: 'US', share: 50 }]);
    expect((await profileUpdatedAt(creatorId!)).getTime()).toBeGreaterThan(before.getTime());

    const moved = (await t.gql.as(token).ok(UPDATE, { id: account.id, input: { audienceCountries: [{ country: 'DE', share: 99.99 }] } })).updateSocialAccount;
    expect(moved.audienceCountries).toEqual([{ country: 'DE', share: 99.99 }]);
    expect((await t.db.getRepository(SocialAccountEntity).findOneByOrFail({ id: account.id })).audienceCountryCodes).toEqual(['DE']);

    // The kept handle is no host name, so it cannot become a BLOG; nothing changes.
    const toBlog = await t.gql.as(token).send(UPDATE, { id: account.id, input: { platform: 'BLOG' } });
    expect(fieldsOf(toBlog)).toEqual(['input.handle']);
    const nulled = await t.gql.as(token).send(UPDATE, { id: account.id, input: { followers: null } });
    expect(fieldsOf(nulled)).toEqual(['input.followers']);
    expect(await t.db.getRepository(SocialAccountEntity).findOneByOrFail({ id: account.id })).toMatchObject({ platform: 'INSTAGRAM', followers: 10_000 });
  });

  it('removes an account, bumping the profile', async () => {
    const { token, creatorId } = await creator('Remover');
    const account = (await t.gql.as(token).ok(ADD, { input: instagram('remover') })).addSocialAccount;
    const before = await profileUpdatedAt(creatorId!);
    expect((await t.gql.as(token).ok(REMOVE, { id: account.id })).removeSocialAccount).toEqual({ id: account.id, handle: 'remover' });
    expect(await t.db.getRepository(SocialAccountEntity).countBy({ id: account.id })).toBe(0);
    expect((await profileUpdatedAt(creatorId!)).getTime()).toBeGreaterThan(before.getTime());
    expect(errorCode(await t.gql.as(token).send(REMOVE, { id: account.id }))).toBe('NOT_FOUND');
    // The handle is free again.
    await t.gql.as(token).ok(ADD, { input: instagram('REMOVER') });
  });

  it("answers another creator's profile and accounts with NOT_FOUND, and changes nothing", async () => {
    const owner = await creator('Owner');
    const account = (await t.gql.as(owner.token).ok(ADD, { input: instagram('owner.account') })).addSocialAccount;
    const intruder = await creator('Intruder');
    const noProfile = await creator();

    for (const token of [intruder.token, noProfile.token]) {
      expect(errorCode(await t.gql.as(token).send(UPDATE, { id: account.id, input: { followers: 1 } }))).toBe('NOT_FOUND');
      expect(errorCode(await t.gql.as(token).send(REMOVE, { id: account.id }))).toBe('NOT_FOUND');
    }
    const foreign = await t.gql.as(intruder.token).send(CREATOR, { id: owner.creatorId });
    const missing = await t.gql.as(intruder.token).send(CREATOR, { id: '0190d6a1-0000-7000-8000-000000000000' });
    expect(errorCode(foreign)).toBe('NOT_FOUND');
    expect(foreign.errors?.[0]?.message.replace(owner.creatorId!, 'ID')).toBe(missing.errors?.[0]?.message.replace('0190d6a1-0000-7000-8000-000000000000', 'ID'));
    // Upserting edits the caller's own profile only.
    await t.gql.as(intruder.token).ok(UPSERT, { input: { displayName: 'Hijacked?' } });

    expect((await t.gql.as(owner.token).ok(CREATOR, { id: owner.creatorId })).creator).toEqual({
      id: owner.creatorId,
      displayName: 'Owner',
      socialAccounts: [{ handle: 'owner.account', platform: 'INSTAGRAM', engagementRate: 0.06 }],
    });
    expect((await t.db.getRepository(SocialAccountEntity).findOneByOrFail({ id: account.id })).followers).toBe(40_000);
  });

  it('lets brand teams and admins read a creator, and nobody else', async () => {
    const { creatorId, token: creatorToken } = await creator('Readable');
    await t.gql.as(creatorToken).ok(ADD, { input: instagram('readable', { audienceCountries: [{ country: 'US', share: 70 }] }) });
    const brand = await t.make.brand();
    // Everything about a creator, down to the audience of each account, in one request.
    const full = `query Full($id: ID!) { creator(id: $id) { ${PROFILE_FIELDS} socialAccounts { ${ACCOUNT_FIELDS} } } }`;
    const { creator: profile } = await t.gql.as((await logIn(t.gql, brand.admin)).accessToken).ok(full, { id: creatorId });
    expect(profile.socialAccounts).toEqual([expect.objectContaining({ handle: 'readable', audienceCountries: [{ country: 'US', share: 70 }] })]);
    for (const user of [brand.admin, await t.make.member(brand), await t.make.admin()]) {
      const token = (await logIn(t.gql, user)).accessToken;
      expect((await t.gql.as(token).ok(CREATOR, { id: creatorId })).creator).toMatchObject({ id: creatorId, displayName: 'Readable' });
    }
    const finance = (await logIn(t.gql, await t.make.finance())).accessToken;
    expect(errorCode(await t.gql.as(finance).send(CREATOR, { id: creatorId }))).toBe('FORBIDDEN');
    const malformed = await t.gql.as((await logIn(t.gql, brand.admin)).accessToken).send(CREATOR, { id: 'not-an-id' });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'id' }] });
  });

  it('lists at most 12 accounts per creator', async () => {
    const { token, creatorId } = await creator('Busy');
    for (let i = 0; i < 12; i += 1) await t.make.socialAccount(creatorId!, { handle: `busy_${i}` });
    const response = await t.gql.as(token).send(ADD, { input: instagram('busy_12') });
    expect(errorCode(response)).toBe('CONFLICT');
    expect(response.errors?.[0]?.message).toContain('at most 12');
    expect(await t.db.getRepository(SocialAccountEntity).countBy({ creatorId })).toBe(12);
  });

  it('creates one profile when the same creator upserts twice at once', async () => {
    const { user, token } = await creator();
    const results = await Promise.all([
      t.gql.as(token).ok(UPSERT, { input: { displayName: 'Twice', country: 'PL' } }),
      t.gql.as(token).ok(UPSERT, { input: { displayName: 'Twice', niches: ['ART'] } }),
    ]);
    expect(results[0].upsertCreatorProfile.id).toBe(results[1].upsertCreatorProfile.id);
    const rows = await t.db.query('SELECT country, niches FROM creator_profiles WHERE user_id = $1', [user.id]);
    expect(rows).toEqual([{ country: 'PL', niches: ['ART'] }]);
  });
});

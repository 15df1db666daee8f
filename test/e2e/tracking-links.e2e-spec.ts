import { Platform } from '@app/creators';
import { errorCode, errorFields, type MadeBrand, type MadeCampaign } from '@app/testing';
import { logIn, startApiTestApp, type ApiTestApp } from '../support/api-test-app.js';
import {
  campaignSlug,
  CLAIM_LINK,
  countRows,
  creatorWithToken,
  enrolledCreator,
  DISABLE_LINK,
  LINK,
  LINKS,
  MY_LINKS,
  nodeIds,
  REMOVE_FROM_CAMPAIGN,
  brandAndRival,
} from '../support/tracking-api.js';

describe('referral links', () => {
  let t: ApiTestApp;
  let brand: MadeBrand;
  let brandToken: string;
  let memberToken: string;
  let rival: MadeBrand;
  let rivalToken: string;

  const claim = (who: { token: string }, input: Record<string, unknown>) => t.gql.as(who.token).send(CLAIM_LINK, { input });
  const claimOk = async (who: { token: string }, input: Record<string, unknown>) => (await t.gql.as(who.token).ok(CLAIM_LINK, { input })).claimReferralLink;
  const linksOf = (enrollmentId: string) => countRows(t, 'referral_links', 'enrollment_id = $1', [enrollmentId]);
  const enrolled = (campaign: MadeCampaign, options: Parameters<typeof enrolledCreator>[2] = {}) => enrolledCreator(t, campaign, options);

  beforeAll(async () => {
    t = await startApiTestApp();
    ({ brand, brandToken, memberToken, rival, rivalToken } = await brandAndRival(t));
  });
  afterAll(() => t.close());

  it('gives an APPROVED creator a random slug, a short URL and the landing URL with UTM parameters', async () => {
    const campaign = await t.make.campaign(brand);
    // The handle comes from the biggest account on one of the campaign's platforms, not the biggest overall.
    const { creator: maya, enrollmentId } = await enrolled(campaign, {
      accounts: [
        { handle: 'maya.on.trails', platform: Platform.INSTAGRAM, followers: 30_000 },
        { handle: 'maya-long-videos', platform: Platform.YOUTUBE, followers: 90_000 },
      ],
    });
    const link = await claimOk(maya, { enrollmentId });
    const slug = await campaignSlug(t, campaign.campaignId);

    expect(link.slug).toMatch(/^[0-9A-Za-z]{7,}$/);
    expect(link.shortUrl.endsWith(`/r/${link.slug}`)).toBe(true);
    expect(link.shortUrl).toBe(`${t.config.tracking.redirectorPublicUrl}/r/${link.slug}`);
    expect(link.destinationUrl).toBe(`https://${campaign.domain}/spring?utm_source=maya.on.trails&utm_medium=influencer&utm_campaign=${slug}`);
    expect(link).toMatchObject({
      alias: null,
      destinationPath: null,
      status: 'ACTIVE',
      disabledAt: null,
      disabledReason: null,
      clicks: 0,
      uniqueClicks: 0,
      enrollment: { id: enrollmentId, status: 'APPROVED' },
      campaign: { id: campaign.campaignId, slug },
      creator: { id: maya.creatorId },
    });
    // Stored, and read back the same.
    expect((await t.gql.as(maya.token).ok(LINK, { id: link.id })).referralLink).toEqual(link);
    expect(await linksOf(enrollmentId)).toBe(1);

    // Every claim gets a slug of its own.
    const second = await claimOk(maya, { enrollmentId });
    expect(second.slug).toMatch(/^[0-9A-Za-z]{7,}$/);
    expect(second.slug).not.toBe(link.slug);
  });

  it('keeps vanity aliases as typed, unique whatever their case and apart from every slug', async () => {
    const campaign = await t.make.campaign(brand);
    const { creator: maya, enrollmentId } = await enrolled(campaign);
    const vanity = await claimOk(maya, { enrollmentId, alias: 'Maya-Ridge30' });
    expect(vanity.alias).toBe('Maya-Ridge30');
    expect(vanity.shortUrl).toBe(`${t.config.tracking.redirectorPublicUrl}/r/Maya-Ridge30`);
    expect(vanity.slug).toMatch(/^[0-9A-Za-z]{7,}$/);

    // Aliases are global: a creator of another brand cannot take it in another case either.
    const elsewhere = await enrolled(await t.make.campaign(rival));
    for (const alias of ['maya-ridge30', 'MAYA-RIDGE30']) {
      const taken = await claim(elsewhere.creator, { enrollmentId: elsewhere.enrollmentId, alias });
      expect(errorCode(taken)).toBe('CONFLICT');
      expect(errorFields(taken)).toEqual(['input.alias']);
    }
    // Nor an alias that reads as an existing slug, in any case.
    const asSlug = await claim(elsewhere.creator, { enrollmentId: elsewhere.enrollmentId, alias: vanity.slug.toLowerCase() });
    expect(errorCode(asSlug)).toBe('CONFLICT');
    expect(errorFields(asSlug)).toEqual(['input.alias']);

    for (const alias of ['ab', 'x'.repeat(33), 'admin', 'Admin', 'graphql', '-maya', 'maya_', 'maya ridge', 'maya/ridge', 'mäya', 'maya.ridge']) {
      const bad = await claim(maya, { enrollmentId, alias });
      expect([alias, errorCode(bad)]).toEqual([alias, 'BAD_USER_INPUT']);
      expect(errorFields(bad)).toEqual(['input.alias']);
    }
    expect(await linksOf(enrollmentId)).toBe(1);
    expect(await linksOf(elsewhere.enrollmentId)).toBe(0);

    // Two creators racing for one alias: one gets it, the other a CONFLICT, never a server error.
    const racers = [await enrolled(campaign), await enrolled(campaign)];
    const raced = await Promise.all(racers.map(({ creator, enrollmentId: id }) => claim(creator, { enrollmentId: id, alias: 'Spring-Race' })));
    expect(raced.filter((r) => !r.errors).length).toBe(1);
    expect(raced.filter((r) => errorCode(r) === 'CONFLICT' && errorFields(r)[0] === 'input.alias').length).toBe(1);
  });

  it('holds a creator to the campaign limit of active links; a disabled link frees its place', async () => {
    const campaign = await t.make.campaign(brand, { maxLinksPerCreator: 2 });
    const { creator: maya, enrollmentId } = await enrolled(campaign);
    const first = await claimOk(maya, { enrollmentId });
    await claimOk(maya, { enrollmentId });
    const third = await claim(maya, { enrollmentId });
    expect(errorCode(third)).toBe('CONFLICT');
    expect(third.errors![0]!.message).toMatch(/limit of 2/);
    expect(await linksOf(enrollmentId)).toBe(2);

    // The limit is per creator: another creator in the campaign still gets links.
    const other = await enrolled(campaign);
    await claimOk(other.creator, { enrollmentId: other.enrollmentId });

    await t.gql.as(maya.token).ok(DISABLE_LINK, { id: first.id });
    expect((await claimOk(maya, { enrollmentId })).status).toBe('ACTIVE');
    expect(errorCode(await claim(maya, { enrollmentId }))).toBe('CONFLICT');
    expect(await countRows(t, 'referral_links', "enrollment_id = $1 AND status = 'ACTIVE'", [enrollmentId])).toBe(2);
  });

  it('holds the limit when claims race', async () => {
    const campaign = await t.make.campaign(brand, { maxLinksPerCreator: 2 });
    const { creator: maya, enrollmentId } = await enrolled(campaign);
    const results = await Promise.all(Array.from({ length: 4 }, () => claim(maya, { enrollmentId })));
    expect(results.filter((r) => !r.errors).length).toBe(2);
    expect(results.filter((r) => errorCode(r) === 'CONFLICT').length).toBe(2);
    expect(await linksOf(enrollmentId)).toBe(2);
  });

  it('refuses links to enrollments that are not APPROVED, not the caller\'s, or in an ended campaign, and to brand users', async () => {
    const campaign = await t.make.campaign(brand);
    const maya = await creatorWithToken(t);
    const applied = await t.make.enrollment(campaign, maya, 'APPLIED');
    const result = await claim(maya, { enrollmentId: applied });
    expect(errorCode(result)).toBe('CONFLICT');
    expect(result.errors![0]!.message).toContain('APPLIED');

    const ben = await enrolled(campaign);
    expect(errorCode(await claim(maya, { enrollmentId: ben.enrollmentId }))).toBe('NOT_FOUND');
    expect(errorCode(await claim(maya, { enrollmentId: '0190d6a1-0000-7000-8000-0000000000ff' }))).toBe('NOT_FOUND');

    const ended = await enrolled(await t.make.campaign(brand, { status: 'ENDED' }));
    expect(errorCode(await claim(ended.creator, { enrollmentId: ended.enrollmentId }))).toBe('CONFLICT');
    // Past its end date counts as ended before the worker gets to it.
    const lapsedCampaign = await t.make.campaign(brand);
    const lapsed = await enrolled(lapsedCampaign);
    await t.db.query(`UPDATE campaigns SET ends_at = now() - interval '1 minute' WHERE id = $1`, [lapsedCampaign.campaignId]);
    expect(errorCode(await claim(lapsed.creator, { enrollmentId: lapsed.enrollmentId }))).toBe('CONFLICT');

    expect(errorCode(await claim({ token: brandToken }, { enrollmentId: ben.enrollmentId }))).toBe('FORBIDDEN');
    for (const enrollmentId of [applied, ben.enrollmentId, ended.enrollmentId, lapsed.enrollmentId]) expect(await linksOf(enrollmentId)).toBe(0);
  });

  it('lets the creator or the brand team disable a link, once; other tenants get NOT_FOUND', async () => {
    const campaign = await t.make.campaign(brand);
    const { creator: maya, enrollmentId } = await enrolled(campaign);
    const own = await claimOk(maya, { enrollmentId });
    const byBrand = await claimOk(maya, { enrollmentId });

    const before = Date.now();
    const disabled = (await t.gql.as(maya.token).ok(DISABLE_LINK, { id: own.id, reason: '  Product sold out  ' })).disableReferralLink;
    expect(disabled).toMatchObject({ id: own.id, status: 'DISABLED', disabledReason: 'Product sold out' });
    expect(Date.parse(disabled.disabledAt)).toBeGreaterThanOrEqual(before - 1000);
    const again = await t.gql.as(maya.token).send(DISABLE_LINK, { id: own.id });
    expect(errorCode(again)).toBe('CONFLICT');
    expect(again.errors![0]!.message).toContain('DISABLED');

    const outsider = await creatorWithToken(t);
    for (const token of [rivalToken, outsider.token]) {
      expect(errorCode(await t.gql.as(token).send(DISABLE_LINK, { id: byBrand.id, reason: 'Not yours' }))).toBe('NOT_FOUND');
    }
    expect((await t.gql.as(brandToken).ok(LINK, { id: byBrand.id })).referralLink.status).toBe('ACTIVE');

    const byMember = (await t.gql.as(memberToken).ok(DISABLE_LINK, { id: byBrand.id, reason: 'Wrong product' })).disableReferralLink;
    expect(byMember).toMatchObject({ status: 'DISABLED', disabledReason: 'Wrong product' });
    expect(byMember.disabledAt).not.toBeNull();
    expect((await t.gql.as(maya.token).ok(LINK, { id: byBrand.id })).referralLink).toMatchObject({ status: 'DISABLED', disabledReason: 'Wrong product' });
    expect(errorCode(await t.gql.as(brandToken).send(DISABLE_LINK, { id: byBrand.id }))).toBe('CONFLICT');
  });

  it('reads a link as ENDED once the brand removes its creator from the campaign', async () => {
    const campaign = await t.make.campaign(brand);
    const { creator: maya, enrollmentId } = await enrolled(campaign);
    const link = await claimOk(maya, { enrollmentId });
    expect(link.status).toBe('ACTIVE');

    await t.gql.as(brandToken).ok(REMOVE_FROM_CAMPAIGN, { id: enrollmentId, reason: 'INACTIVE' });
    expect((await t.gql.as(maya.token).ok(LINK, { id: link.id })).referralLink).toMatchObject({ status: 'ENDED', enrollment: { status: 'REMOVED' } });
    const listed = (await t.gql.as(brandToken).ok(`query { referralLinks(filter: { campaignId: "${campaign.campaignId}" }) { edges { node { id status } } } }`))
      .referralLinks.edges;
    expect(listed).toEqual([{ node: { id: link.id, status: 'ENDED' } }]);
    // A removed creator claims nothing more.
    expect(errorCode(await claim(maya, { enrollmentId }))).toBe('CONFLICT');
  });

  it("lists a creator's own links newest first, page by page, and a campaign's links to its brand", async () => {
    const [spring, autumn] = [await t.make.campaign(brand), await t.make.campaign(brand)];
    const maya = await creatorWithToken(t);
    const [inSpring, inAutumn] = [await t.make.enrollment(spring, maya), await t.make.enrollment(autumn, maya)];
    const ben = await enrolled(spring);
    const mine: string[] = [];
    for (const enrollmentId of [inSpring, inAutumn, inSpring]) mine.push((await claimOk(maya, { enrollmentId })).id);
    const bens = (await claimOk(ben.creator, { enrollmentId: ben.enrollmentId })).id;

    const page1 = (await t.gql.as(maya.token).ok(MY_LINKS, { first: 2 })).myLinks;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await t.gql.as(maya.token).ok(MY_LINKS, { first: 2, after: page1.pageInfo.endCursor })).myLinks;
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect([...nodeIds(page1), ...nodeIds(page2)]).toEqual([...mine].reverse());
    expect(nodeIds((await t.gql.as(maya.token).ok(MY_LINKS, { filter: { campaignId: autumn.campaignId } })).myLinks)).toEqual([mine[1]]);
    // referralLinks answers a creator with their own links too.
    expect(nodeIds((await t.gql.as(maya.token).ok(LINKS, {})).referralLinks)).toEqual([...mine].reverse());
    expect(errorCode(await t.gql.as(brandToken).send(MY_LINKS, {}))).toBe('FORBIDDEN');

    const forBrand = (await t.gql.as(brandToken).ok(LINKS, { filter: { campaignId: spring.campaignId } })).referralLinks;
    expect(nodeIds(forBrand)).toEqual([bens, mine[2], mine[0]]);
    expect(nodeIds((await t.gql.as(memberToken).ok(LINKS, { filter: { campaignId: spring.campaignId, creatorId: maya.creatorId } })).referralLinks)).toEqual([
      mine[2],
      mine[0],
    ]);
  });

  it("keeps one brand's links from another: NOT_FOUND by id and by campaign, absent from its lists", async () => {
    const campaign = await t.make.campaign(brand);
    const { creator: maya, enrollmentId } = await enrolled(campaign);
    const link = await claimOk(maya, { enrollmentId });
    const rivalCampaign = await t.make.campaign(rival);
    const rivalCreator = await enrolled(rivalCampaign);
    const rivalLink = await claimOk(rivalCreator.creator, { enrollmentId: rivalCreator.enrollmentId });

    expect(errorCode(await t.gql.as(rivalToken).send(LINK, { id: link.id }))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql.as(rivalToken).send(LINKS, { filter: { campaignId: campaign.campaignId } }))).toBe('NOT_FOUND');
    const rivalIds = (await t.db.query('SELECT id FROM referral_links WHERE organization_id = $1 ORDER BY id DESC', [rival.organizationId])).map((r: { id: string }) => r.id);
    expect(rivalIds).toContain(rivalLink.id);
    expect(nodeIds((await t.gql.as(rivalToken).ok(LINKS, { first: 100 })).referralLinks)).toEqual(rivalIds);
    expect(nodeIds((await t.gql.as(rivalToken).ok(LINKS, { first: 100, filter: { creatorId: maya.creatorId } })).referralLinks)).toEqual([]);
    expect(nodeIds((await t.gql.as(rivalToken).ok(LINKS, { first: 100, filter: { enrollmentId } })).referralLinks)).toEqual([]);

    // Creators see their own links only.
    expect(errorCode(await t.gql.as(rivalCreator.creator.token).send(LINK, { id: link.id }))).toBe('NOT_FOUND');
    expect(nodeIds((await t.gql.as(rivalCreator.creator.token).ok(LINKS, { filter: { campaignId: campaign.campaignId } })).referralLinks)).toEqual([]);
    // Only brands, creators and platform staff read links at all.
    expect(errorCode(await t.gql.send(LINKS, {}))).toBe('UNAUTHENTICATED');
    const bystanderToken = (await logIn(t.gql, await t.make.user())).accessToken;
    expect(errorCode(await t.gql.as(bystanderToken).send(LINK, { id: link.id }))).toBe('FORBIDDEN');
    // The brand sees its own.
    expect((await t.gql.as(brandToken).ok(LINK, { id: link.id })).referralLink.id).toBe(link.id);
    expect(nodeIds((await t.gql.as(brandToken).ok(LINKS, { first: 100 })).referralLinks)).not.toContain(rivalLink.id);
  });

  it('takes no new links while the landing page is off the brand\'s verified domains', async () => {
    const other = await t.make.brand({ name: 'Moved' });
    const campaign = await t.make.campaign(other);
    const { creator, enrollmentId } = await enrolled(campaign);
    await t.db.query('DELETE FROM organization_domains WHERE organization_id = $1', [other.organizationId]);
    for (const destinationPath of [null, '/products/ridge-30']) {
      const refused = await claim(creator, { enrollmentId, destinationPath });
      expect(errorCode(refused)).toBe('CONFLICT');
      expect(refused.errors![0]!.message).toMatch(/landing page is not on the brand's verified domains/);
    }
    expect(await linksOf(enrollmentId)).toBe(0);
  });
});

import { Platform } from '@app/creators';
import { errorCode, errorFields, type MadeBrand, type MadeCampaign } from '@app/testing';
import { startApiTestApp, type ApiTestApp } from '../support/api-test-app.js';
import {
  CLAIM_CODE,
  CODE,
  CODES,
  countRows,
  creatorWithToken,
  enrolledCreator,
  MY_CODES,
  nodeIds,
  REMOVE_FROM_CAMPAIGN,
  REVOKE_CODE,
  brandAndRival,
} from '../support/tracking-api.js';

const UPDATE_DISCOUNT = `mutation U($id: ID!, $input: UpdateCampaignInput!) { updateCampaign(id: $id, input: $input) { id discount { type percentBps } } }`;
const PERCENT_15 = { type: 'PERCENTAGE', percentBps: 1500, amount: null };

describe('discount codes', () => {
  let t: ApiTestApp;
  let brand: MadeBrand;
  let brandToken: string;
  let memberToken: string;
  let rival: MadeBrand;
  let rivalToken: string;

  const claim = (who: { token: string }, input: Record<string, unknown>) => t.gql.as(who.token).send(CLAIM_CODE, { input });
  const claimOk = async (who: { token: string }, input: Record<string, unknown>) => (await t.gql.as(who.token).ok(CLAIM_CODE, { input })).claimDiscountCode;
  const codesOf = (enrollmentId: string) => countRows(t, 'discount_codes', 'enrollment_id = $1', [enrollmentId]);
  const enrolled = (campaign: MadeCampaign, options: Parameters<typeof enrolledCreator>[2] = {}) => enrolledCreator(t, campaign, options);

  beforeAll(async () => {
    t = await startApiTestApp();
    ({ brand, brandToken, memberToken, rival, rivalToken } = await brandAndRival(t));
  });
  afterAll(() => t.close());

  it('issues a proposed code in upper case with the campaign discount', async () => {
    const campaign = await t.make.campaign(brand, { discount: { percentBps: 1500 } });
    const { creator: maya, enrollmentId } = await enrolled(campaign);
    const code = await claimOk(maya, { enrollmentId, code: '  trail15 ' });
    expect(code).toMatchObject({
      code: 'TRAIL15',
      status: 'ACTIVE',
      revokedAt: null,
      discount: PERCENT_15,
      enrollment: { id: enrollmentId },
      campaign: { id: campaign.campaignId },
      creator: { id: maya.creatorId },
    });
    expect((await t.gql.as(maya.token).ok(CODE, { id: code.id })).discountCode).toEqual(code);

    const fixed = await t.make.campaign(brand, { discount: { amountMinor: 500n }, currency: 'EUR' });
    const leo = await enrolled(fixed);
    expect((await claimOk(leo.creator, { enrollmentId: leo.enrollmentId, code: 'Leo5off' })).discount).toEqual({
      type: 'FIXED_AMOUNT',
      percentBps: null,
      amount: { amountMinor: '500', currency: 'EUR' },
    });

    const other = await enrolled(campaign);
    for (const bad of ['abc', 'x'.repeat(21), 'MAYA-15', 'MAYA 15', 'MÄYA15']) {
      const result = await claim(other.creator, { enrollmentId: other.enrollmentId, code: bad });
      expect([bad, errorCode(result)]).toEqual([bad, 'BAD_USER_INPUT']);
      expect(errorFields(result)).toEqual(['input.code']);
    }
    expect(await codesOf(other.enrollmentId)).toBe(0);
  });

  it('makes a code from the handle and the discount, and returns the same code when claimed again', async () => {
    const campaign = await t.make.campaign(brand, { discount: { percentBps: 1500 } });
    const { creator: maya, enrollmentId } = await enrolled(campaign, { accounts: [{ handle: 'maya.on.trails', platform: Platform.INSTAGRAM }] });
    const code = await claimOk(maya, { enrollmentId });
    expect(code).toMatchObject({ code: 'MAYA15', discount: PERCENT_15 });

    expect((await claimOk(maya, { enrollmentId })).id).toBe(code.id);
    expect((await claimOk(maya, { enrollmentId, code: 'maya15' })).id).toBe(code.id);
    const different = await claim(maya, { enrollmentId, code: 'MAYA20' });
    expect(errorCode(different)).toBe('CONFLICT');
    expect(different.errors![0]!.message).toContain('MAYA15');
    expect(await codesOf(enrollmentId)).toBe(1);

    // A second creator whose handle reads the same gets MAYA15 and a few unambiguous characters.
    const twin = await enrolled(campaign, { accounts: [{ handle: 'maya_on_trails', platform: Platform.TIKTOK }] });
    expect((await claimOk(twin.creator, { enrollmentId: twin.enrollmentId })).code).toMatch(/^MAYA15[2-9A-HJKMNP-Z]{2,4}$/);

    const fixed = await t.make.campaign(brand, { discount: { amountMinor: 1000n } });
    const leo = await enrolled(fixed, { accounts: [{ handle: 'leo_cooks' }] });
    expect((await claimOk(leo.creator, { enrollmentId: leo.enrollmentId })).code).toBe('LEOCOOKS10');
  });

  it('issues one code when claims race', async () => {
    const campaign = await t.make.campaign(brand, { discount: { percentBps: 1500 } });
    const { creator: maya, enrollmentId } = await enrolled(campaign);
    const results = await Promise.all(Array.from({ length: 3 }, () => claimOk(maya, { enrollmentId })));
    expect(new Set(results.map((code) => code.id)).size).toBe(1);
    expect(await codesOf(enrollmentId)).toBe(1);
  });

  it('keeps codes unique within a brand whatever their case and across look-alike characters', async () => {
    // A brand of its own, so no other test has taken MAYA15 in it.
    const glow = await t.make.brand({ name: 'Glow' });
    const [spring, autumn] = [await t.make.campaign(glow, { discount: { percentBps: 1500 } }), await t.make.campaign(glow, { discount: { percentBps: 1000 } })];
    const maya = await enrolled(spring);
    await claimOk(maya.creator, { enrollmentId: maya.enrollmentId, code: 'MAYA15' });

    const ben = await enrolled(autumn);
    for (const code of ['MAYA15', 'maya15', 'MAYAI5', 'mayal5', 'MAYAi5']) {
      const taken = await claim(ben.creator, { enrollmentId: ben.enrollmentId, code });
      expect([code, errorCode(taken)]).toEqual([code, 'CONFLICT']);
      expect(errorFields(taken)).toEqual(['input.code']);
    }
    expect(await codesOf(ben.enrollmentId)).toBe(0);
    // O and 0 read the same too.
    await claimOk(ben.creator, { enrollmentId: ben.enrollmentId, code: 'BEN0GLOW' });
    const lookAlike = await enrolled(spring);
    expect(errorCode(await claim(lookAlike.creator, { enrollmentId: lookAlike.enrollmentId, code: 'BENOGLOW' }))).toBe('CONFLICT');

    // Two creators racing for one code: one gets it, the other a CONFLICT, never a server error.
    const racers = [await enrolled(spring), await enrolled(autumn)];
    const raced = await Promise.all(racers.map(({ creator, enrollmentId }) => claim(creator, { enrollmentId, code: 'RACE15' })));
    expect(raced.filter((r) => !r.errors).length).toBe(1);
    expect(raced.filter((r) => errorCode(r) === 'CONFLICT' && errorFields(r)[0] === 'input.code').length).toBe(1);

    // Another brand has codes of its own.
    const elsewhere = await enrolled(await t.make.campaign(rival, { discount: { percentBps: 1500 } }));
    expect((await claimOk(elsewhere.creator, { enrollmentId: elsewhere.enrollmentId, code: 'MAYA15' })).code).toBe('MAYA15');
  });

  it('offers no codes without a discount, and keeps an issued code\'s discount when the campaign changes', async () => {
    const bare = await enrolled(await t.make.campaign(brand));
    const none = await claim(bare.creator, { enrollmentId: bare.enrollmentId });
    expect(errorCode(none)).toBe('CONFLICT');
    expect(none.errors![0]!.message).toContain('no discount');
    expect(await codesOf(bare.enrollmentId)).toBe(0);

    const campaign = await t.make.campaign(brand, { discount: { percentBps: 1500 } });
    const maya = await enrolled(campaign);
    const issued = await claimOk(maya.creator, { enrollmentId: maya.enrollmentId, code: 'EARLY15' });
    const changed = (await t.gql.as(brandToken).ok(UPDATE_DISCOUNT, { id: campaign.campaignId, input: { discount: { percentBps: 2000 } } })).updateCampaign;
    expect(changed.discount).toEqual({ type: 'PERCENTAGE', percentBps: 2000 });

    expect((await t.gql.as(brandToken).ok(CODE, { id: issued.id })).discountCode.discount).toEqual(PERCENT_15);
    expect((await claimOk(maya.creator, { enrollmentId: maya.enrollmentId })).discount).toEqual(PERCENT_15);
    const later = await enrolled(campaign);
    expect((await claimOk(later.creator, { enrollmentId: later.enrollmentId })).discount).toEqual({ type: 'PERCENTAGE', percentBps: 2000, amount: null });
  });

  it('refuses codes to enrollments that are not APPROVED, not the caller\'s, or in an ended campaign, and to brand users', async () => {
    const campaign = await t.make.campaign(brand, { discount: { percentBps: 1500 } });
    const maya = await creatorWithToken(t);
    const applied = await t.make.enrollment(campaign, maya, 'APPLIED');
    expect(errorCode(await claim(maya, { enrollmentId: applied }))).toBe('CONFLICT');
    const ben = await enrolled(campaign);
    expect(errorCode(await claim(maya, { enrollmentId: ben.enrollmentId }))).toBe('NOT_FOUND');
    const ended = await enrolled(await t.make.campaign(brand, { status: 'ENDED', discount: { percentBps: 1500 } }));
    expect(errorCode(await claim(ended.creator, { enrollmentId: ended.enrollmentId }))).toBe('CONFLICT');
    expect(errorCode(await claim({ token: brandToken }, { enrollmentId: ben.enrollmentId }))).toBe('FORBIDDEN');
    for (const enrollmentId of [applied, ben.enrollmentId, ended.enrollmentId]) expect(await codesOf(enrollmentId)).toBe(0);
  });

  it('lets only the brand revoke, with a reason, once; the revoked code is never issued again in that brand', async () => {
    const campaign = await t.make.campaign(brand, { discount: { percentBps: 1500 } });
    const { creator: rosa, enrollmentId } = await enrolled(campaign, { accounts: [{ handle: 'rosa.rides' }] });
    const code = await claimOk(rosa, { enrollmentId });
    expect(code.code).toBe('ROSA15');

    expect(errorCode(await t.gql.as(rosa.token).send(REVOKE_CODE, { id: code.id, reason: 'Leaked' }))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql.as(rivalToken).send(REVOKE_CODE, { id: code.id, reason: 'Leaked' }))).toBe('NOT_FOUND');
    for (const reason of ['', '   ']) {
      const blank = await t.gql.as(brandToken).send(REVOKE_CODE, { id: code.id, reason });
      expect(errorCode(blank)).toBe('BAD_USER_INPUT');
      expect(errorFields(blank)).toEqual(['reason']);
    }
    expect((await t.gql.as(rosa.token).ok(CODE, { id: code.id })).discountCode.status).toBe('ACTIVE');

    const before = Date.now();
    const revoked = (await t.gql.as(memberToken).ok(REVOKE_CODE, { id: code.id, reason: 'Posted on a coupon site' })).revokeDiscountCode;
    expect(revoked).toMatchObject({ id: code.id, status: 'REVOKED', revokedReason: 'Posted on a coupon site' });
    expect(Date.parse(revoked.revokedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(errorCode(await t.gql.as(brandToken).send(REVOKE_CODE, { id: code.id, reason: 'Again' }))).toBe('CONFLICT');

    // The creator may claim again, but not the revoked code, which a shopper may still hold.
    const reused = await claim(rosa, { enrollmentId, code: 'rosa15' });
    expect(errorCode(reused)).toBe('CONFLICT');
    expect(errorFields(reused)).toEqual(['input.code']);
    const fresh = await claimOk(rosa, { enrollmentId });
    expect(fresh.code).toMatch(/^ROSA15[2-9A-HJKMNP-Z]{2,4}$/);
    expect(fresh).toMatchObject({ status: 'ACTIVE', discount: PERCENT_15 });
    const other = await enrolled(await t.make.campaign(brand, { discount: { percentBps: 1500 } }));
    expect(errorCode(await claim(other.creator, { enrollmentId: other.enrollmentId, code: 'ROSA15' }))).toBe('CONFLICT');
    expect((await t.gql.as(rosa.token).ok(CODE, { id: code.id })).discountCode.status).toBe('REVOKED');
  });

  it('reads a code as ENDED once the brand removes its creator from the campaign', async () => {
    const campaign = await t.make.campaign(brand, { discount: { percentBps: 1500 } });
    const { creator: maya, enrollmentId } = await enrolled(campaign);
    const code = await claimOk(maya, { enrollmentId, code: 'GONE15' });
    await t.gql.as(brandToken).ok(REMOVE_FROM_CAMPAIGN, { id: enrollmentId, reason: 'INACTIVE' });
    expect((await t.gql.as(maya.token).ok(CODE, { id: code.id })).discountCode.status).toBe('ENDED');
    expect(errorCode(await claim(maya, { enrollmentId }))).toBe('CONFLICT');
  });

  it("lists a creator's own codes newest first, page by page, and a campaign's codes to its brand", async () => {
    const campaigns = [
      await t.make.campaign(brand, { discount: { percentBps: 1000 } }),
      await t.make.campaign(brand, { discount: { percentBps: 1000 } }),
      await t.make.campaign(brand, { discount: { percentBps: 1000 } }),
    ];
    const maya = await creatorWithToken(t);
    const mine: string[] = [];
    for (const [i, campaign] of campaigns.entries()) {
      mine.push((await claimOk(maya, { enrollmentId: await t.make.enrollment(campaign, maya), code: `LISTMAYA${i}` })).id);
    }
    const ben = await enrolled(campaigns[0]!);
    const bens = (await claimOk(ben.creator, { enrollmentId: ben.enrollmentId, code: 'LISTBEN' })).id;

    const page1 = (await t.gql.as(maya.token).ok(MY_CODES, { first: 2 })).myDiscountCodes;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await t.gql.as(maya.token).ok(MY_CODES, { first: 2, after: page1.pageInfo.endCursor })).myDiscountCodes;
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect([...nodeIds(page1), ...nodeIds(page2)]).toEqual([...mine].reverse());
    expect(nodeIds((await t.gql.as(maya.token).ok(MY_CODES, { filter: { campaignId: campaigns[1]!.campaignId } })).myDiscountCodes)).toEqual([mine[1]]);
    expect(errorCode(await t.gql.as(brandToken).send(MY_CODES, {}))).toBe('FORBIDDEN');

    expect(nodeIds((await t.gql.as(brandToken).ok(CODES, { filter: { campaignId: campaigns[0]!.campaignId } })).discountCodes)).toEqual([bens, mine[0]]);
    expect(nodeIds((await t.gql.as(memberToken).ok(CODES, { filter: { creatorId: ben.creator.creatorId } })).discountCodes)).toEqual([bens]);
  });

  it("keeps one brand's codes from another: NOT_FOUND by id and by campaign, absent from its lists", async () => {
    const campaign = await t.make.campaign(brand, { discount: { percentBps: 1500 } });
    const maya = await enrolled(campaign);
    const code = await claimOk(maya.creator, { enrollmentId: maya.enrollmentId, code: 'TENANT15' });
    const rivalCreator = await enrolled(await t.make.campaign(rival, { discount: { percentBps: 1500 } }));
    const rivalCode = await claimOk(rivalCreator.creator, { enrollmentId: rivalCreator.enrollmentId, code: 'TENANT15' });

    expect(errorCode(await t.gql.as(rivalToken).send(CODE, { id: code.id }))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql.as(rivalToken).send(CODES, { filter: { campaignId: campaign.campaignId } }))).toBe('NOT_FOUND');
    const rivalIds = (await t.db.query('SELECT id FROM discount_codes WHERE organization_id = $1 ORDER BY id DESC', [rival.organizationId])).map((r: { id: string }) => r.id);
    expect(rivalIds).toContain(rivalCode.id);
    expect(nodeIds((await t.gql.as(rivalToken).ok(CODES, { first: 100 })).discountCodes)).toEqual(rivalIds);
    expect(nodeIds((await t.gql.as(rivalToken).ok(CODES, { filter: { creatorId: maya.creator.creatorId } })).discountCodes)).toEqual([]);

    expect(errorCode(await t.gql.as(rivalCreator.creator.token).send(CODE, { id: code.id }))).toBe('NOT_FOUND');
    expect(nodeIds((await t.gql.as(rivalCreator.creator.token).ok(CODES, { filter: { campaignId: campaign.campaignId } })).discountCodes)).toEqual([]);
    expect((await t.gql.as(brandToken).ok(CODE, { id: code.id })).discountCode.code).toBe('TENANT15');
    expect(nodeIds((await t.gql.as(brandToken).ok(CODES, { first: 100 })).discountCodes)).not.toContain(rivalCode.id);
  });
});

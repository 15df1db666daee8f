import { Platform } from '@app/creators';
import { errorCode, errorFields, type MadeBrand, type MadeCampaign, type MadeCreator } from '@app/testing';
import { logIn, startApiTestApp, type ApiTestApp } from '../support/api-test-app.js';

const FIELDS = 'id status origin pitch invitationMessage reason reasonNote decidedAt approvedAt endedAt campaign { id title }';
const APPLY = `mutation Apply($campaignId: ID!, $pitch: String!) { applyToCampaign(campaignId: $campaignId, pitch: $pitch) { ${FIELDS} } }`;
const INVITE = `mutation Invite($campaignId: ID!, $creatorId: ID!, $message: String) { inviteCreator(campaignId: $campaignId, creatorId: $creatorId, message: $message) { ${FIELDS} } }`;
const REVIEW = `mutation Review($id: ID!, $decision: ReviewDecision!, $reason: RejectionReason, $note: String) {
  reviewApplication(enrollmentId: $id, decision: $decision, reason: $reason, note: $note) { ${FIELDS} } }`;
const RESPOND = `mutation Respond($id: ID!, $accept: Boolean!) { respondToInvitation(enrollmentId: $id, accept: $accept) { ${FIELDS} } }`;
const REMOVE = `mutation Remove($id: ID!, $reason: RemovalReason!, $note: String) { removeFromCampaign(enrollmentId: $id, reason: $reason, note: $note) { ${FIELDS} } }`;
const LEAVE = `mutation Leave($id: ID!) { leaveCampaign(enrollmentId: $id) { ${FIELDS} } }`;
const LIST = `query L($filter: EnrollmentFilter, $first: Int, $after: String) { enrollments(filter: $filter, first: $first, after: $after) {
  edges { node { id status campaign { id } } } pageInfo { hasNextPage endCursor } } }`;
const BAN = `mutation Ban($creatorId: ID!, $reason: String!) { banCreator(creatorId: $creatorId, reason: $reason) { id creatorId reason } }`;
const UNBAN = `mutation Unban($creatorId: ID!) { unbanCreator(creatorId: $creatorId) { id } }`;

describe('enrollments: applications and invitations', () => {
  let t: ApiTestApp;
  let brand: MadeBrand;
  let brandToken: string;
  let rival: MadeBrand;
  let rivalToken: string;

  const creator = async (options: Parameters<ApiTestApp['make']['creatorProfile']>[0] = {}) => {
    const made = await t.make.creatorProfile(options);
    return { ...made, token: (await logIn(t.gql, made.user)).accessToken };
  };
  const apply = (who: { token: string }, campaign: MadeCampaign, pitch = 'I make morning-routine reels for 40k skincare fans.') =>
    t.gql.as(who.token).send(APPLY, { campaignId: campaign.campaignId, pitch });
  const statusOf = async (id: string) => (await t.db.query('SELECT status FROM enrollments WHERE id = $1', [id]))[0]?.status;

  beforeAll(async () => {
    t = await startApiTestApp();
    brand = await t.make.brand({ name: 'Glow' });
    brandToken = (await logIn(t.gql, brand.admin)).accessToken;
    rival = await t.make.brand({ name: 'Rival' });
    rivalToken = (await logIn(t.gql, rival.admin)).accessToken;
  });
  afterAll(() => t.close());

  it('takes an application to APPLIED, then the brand approves it', async () => {
    const campaign = await t.make.campaign(brand);
    const maya = await creator();
    const applied = (await apply(maya, campaign)).data!.applyToCampaign;
    expect(applied).toMatchObject({ status: 'APPLIED', origin: 'APPLICATION', pitch: expect.stringContaining('morning-routine'), campaign: { id: campaign.campaignId } });
    const approved = (await t.gql.as(brandToken).ok(REVIEW, { id: applied.id, decision: 'APPROVE' })).reviewApplication;
    expect(approved).toMatchObject({ status: 'APPROVED', reason: null });
    expect(approved.approvedAt).not.toBeNull();
  });

  it('rejects with a reason from the list plus free text, and requires the note for OTHER', async () => {
    const campaign = await t.make.campaign(brand);
    const applied = (await apply(await creator(), campaign)).data!.applyToCampaign;
    expect(errorFields(await t.gql.as(brandToken).send(REVIEW, { id: applied.id, decision: 'REJECT' }))).toEqual(['reason']);
    expect(errorFields(await t.gql.as(brandToken).send(REVIEW, { id: applied.id, decision: 'REJECT', reason: 'OTHER' }))).toEqual(['note']);
    expect(await statusOf(applied.id)).toBe('APPLIED');
    const rejected = (await t.gql.as(brandToken).ok(REVIEW, { id: applied.id, decision: 'REJECT', reason: 'AUDIENCE_MISMATCH', note: 'Mostly outside the US.' }))
      .reviewApplication;
    expect(rejected).toMatchObject({ status: 'REJECTED', reason: 'AUDIENCE_MISMATCH', reasonNote: 'Mostly outside the US.' });
    expect(rejected.endedAt).not.toBeNull();
    // Final: no second decision, no re-application.
    expect(errorCode(await t.gql.as(brandToken).send(REVIEW, { id: applied.id, decision: 'APPROVE' }))).toBe('CONFLICT');
  });

  it('approves at once when the campaign auto-approves', async () => {
    const campaign = await t.make.campaign(brand, { autoApprove: true });
    const enrollment = (await apply(await creator(), campaign)).data!.applyToCampaign;
    expect(enrollment.status).toBe('APPROVED');
  });

  it('refuses creators who miss a hard requirement, naming which one', async () => {
    const campaign = await t.make.campaign(brand, { platforms: [Platform.INSTAGRAM, Platform.TIKTOK], minEngagementRate: 0.02 });
    const cases: [Parameters<ApiTestApp['make']['creatorProfile']>[0], string, RegExp][] = [
      [{ accounts: [{ platform: Platform.YOUTUBE, followers: 50_000 }] }, 'PLATFORM', /an account on INSTAGRAM or TIKTOK/],
      [{ accounts: [{ platform: Platform.INSTAGRAM, followers: 4_200 }] }, 'FOLLOWER_BAND', /10,000–100,000 followers .*4,200 on INSTAGRAM/],
      [{ accounts: [{ platform: Platform.TIKTOK, followers: 2_000_000 }] }, 'FOLLOWER_BAND', /2,000,000 on TIKTOK/],
      [{ accounts: [{ platform: Platform.INSTAGRAM, followers: 50_000, avgLikes: 400, avgComments: 50 }] }, 'ENGAGEMENT_RATE', /engagement rate of at least 2%/],
    ];
    for (const [options, requirement, message] of cases) {
      const result = await apply(await creator(options), campaign);
      expect(errorCode(result)).toBe('FORBIDDEN');
      expect(result.errors![0]!.extensions!.unmetRequirements).toEqual([requirement]);
      expect(result.errors![0]!.message).toMatch(message);
    }
    expect(Number((await t.db.query('SELECT count(*) FROM enrollments WHERE campaign_id = $1', [campaign.campaignId]))[0].count)).toBe(0);
  });

  it('lets creators apply only to OPEN, ACTIVE campaigns, once, and only with a profile and a pitch', async () => {
    const maya = await creator();
    const inviteOnly = await t.make.campaign(brand, { visibility: 'INVITE_ONLY' });
    expect(errorCode(await apply(maya, inviteOnly))).toBe('FORBIDDEN');
    expect(errorCode(await apply(maya, await t.make.campaign(brand, { status: 'PAUSED' })))).toBe('CONFLICT');
    expect(errorCode(await apply(maya, await t.make.campaign(brand, { status: 'ENDED' })))).toBe('CONFLICT');
    expect(errorCode(await apply(maya, await t.make.campaign(brand, { status: 'DRAFT' })))).toBe('NOT_FOUND');
    // Past its end date but not yet ended by the worker: closed all the same.
    const lapsed = await t.make.campaign(brand);
    await t.db.query(`UPDATE campaigns SET starts_at = now() - interval '10 days', ends_at = now() - interval '1 minute' WHERE id = $1`, [lapsed.campaignId]);
    const late = await apply(maya, lapsed);
    expect(errorCode(late)).toBe('CONFLICT');
    expect(late.errors![0]!.message).toContain('past its end date');

    const open = await t.make.campaign(brand);
    expect(errorFields(await apply(maya, open, '   '))).toEqual(['pitch']);
    await apply(maya, open);
    expect(errorCode(await apply(maya, open))).toBe('CONFLICT');

    const noProfile = await t.make.creator();
    const noProfileToken = (await logIn(t.gql, noProfile)).accessToken;
    const result = await t.gql.as(noProfileToken).send(APPLY, { campaignId: open.campaignId, pitch: 'Hi' });
    expect(errorCode(result)).toBe('CONFLICT');
    expect(result.errors![0]!.message).toContain('upsertCreatorProfile');
    expect(errorCode(await t.gql.as(brandToken).send(APPLY, { campaignId: open.campaignId, pitch: 'Hi' }))).toBe('FORBIDDEN');
  });

  it('runs the invitation flow: INVITED, then accepted or declined by the creator', async () => {
    const campaign = await t.make.campaign(brand, { visibility: 'INVITE_ONLY' });
    const [ana, ben] = [await creator(), await creator()];
    const invited = (await t.gql.as(brandToken).ok(INVITE, { campaignId: campaign.campaignId, creatorId: ana.creatorId, message: 'We love your routines!' })).inviteCreator;
    expect(invited).toMatchObject({ status: 'INVITED', origin: 'INVITATION', invitationMessage: 'We love your routines!' });
    // Invite-only campaigns become visible to the invited creator.
    expect((await t.gql.as(ana.token).ok(`query { campaign(id: "${campaign.campaignId}") { id } }`)).campaign.id).toBe(campaign.campaignId);
    // Someone else's invitation is not theirs to answer.
    expect(errorCode(await t.gql.as(ben.token).send(RESPOND, { id: invited.id, accept: true }))).toBe('NOT_FOUND');
    expect((await t.gql.as(ana.token).ok(RESPOND, { id: invited.id, accept: true })).respondToInvitation.status).toBe('APPROVED');
    expect(errorCode(await t.gql.as(ana.token).send(RESPOND, { id: invited.id, accept: false }))).toBe('CONFLICT');

    const declined = (await t.gql.as(brandToken).ok(INVITE, { campaignId: campaign.campaignId, creatorId: ben.creatorId })).inviteCreator;
    expect((await t.gql.as(ben.token).ok(RESPOND, { id: declined.id, accept: false })).respondToInvitation.status).toBe('DECLINED');
    expect(errorCode(await t.gql.as(brandToken).send(INVITE, { campaignId: campaign.campaignId, creatorId: ben.creatorId }))).toBe('CONFLICT');

    // An invitation cannot be reviewed as an application, nor an application answered as an invitation.
    expect(errorCode(await t.gql.as(brandToken).send(REVIEW, { id: declined.id, decision: 'APPROVE' }))).toBe('CONFLICT');
  });

  it('invites only to running campaigns and existing creators', async () => {
    const maya = await creator();
    const draft = await t.make.campaign(brand, { status: 'DRAFT' });
    expect(errorCode(await t.gql.as(brandToken).send(INVITE, { campaignId: draft.campaignId, creatorId: maya.creatorId }))).toBe('CONFLICT');
    const active = await t.make.campaign(brand);
    expect(errorCode(await t.gql.as(brandToken).send(INVITE, { campaignId: active.campaignId, creatorId: '0190d6a1-0000-7000-8000-0000000000ff' }))).toBe('NOT_FOUND');
    const ended = await t.make.campaign(brand);
    const invited = (await t.gql.as(brandToken).ok(INVITE, { campaignId: ended.campaignId, creatorId: maya.creatorId })).inviteCreator;
    await t.db.query(`UPDATE campaigns SET status = 'ENDED' WHERE id = $1`, [ended.campaignId]);
    expect(errorCode(await t.gql.as(maya.token).send(RESPOND, { id: invited.id, accept: true }))).toBe('CONFLICT');
    expect(await statusOf(invited.id)).toBe('INVITED');
  });

  it('lets the brand remove, and the creator leave, with the transitions the table allows', async () => {
    const campaign = await t.make.campaign(brand, { autoApprove: true });
    const [ana, ben] = [await creator(), await creator()];
    const anaEnrollment = (await apply(ana, campaign)).data!.applyToCampaign;
    const benEnrollment = (await apply(ben, campaign)).data!.applyToCampaign;

    expect(errorFields(await t.gql.as(brandToken).send(REMOVE, { id: anaEnrollment.id, reason: 'OTHER' }))).toEqual(['note']);
    expect(errorFields(await t.gql.as(brandToken).send(REMOVE, { id: anaEnrollment.id, reason: 'BANNED' }))).toEqual(['reason']);
    const removed = (await t.gql.as(brandToken).ok(REMOVE, { id: anaEnrollment.id, reason: 'DISCLOSURE_MISSING', note: 'No #ad on two posts.' })).removeFromCampaign;
    expect(removed).toMatchObject({ status: 'REMOVED', reason: 'DISCLOSURE_MISSING', reasonNote: 'No #ad on two posts.' });
    expect(errorCode(await t.gql.as(ana.token).send(LEAVE, { id: anaEnrollment.id }))).toBe('CONFLICT');

    expect(errorCode(await t.gql.as(ana.token).send(LEAVE, { id: benEnrollment.id }))).toBe('NOT_FOUND');
    expect((await t.gql.as(ben.token).ok(LEAVE, { id: benEnrollment.id })).leaveCampaign.status).toBe('LEFT');
    expect(errorCode(await t.gql.as(brandToken).send(REMOVE, { id: benEnrollment.id, reason: 'INACTIVE' }))).toBe('CONFLICT');
  });

  it('bans a creator: open enrollments end, and they cannot apply or be invited until unbanned', async () => {
    const [first, second] = [await t.make.campaign(brand), await t.make.campaign(brand)];
    const otherBrandCampaign = await t.make.campaign(rival);
    const maya = await creator();
    const enrollment = (await apply(maya, first)).data!.applyToCampaign;
    const elsewhere = (await apply(maya, otherBrandCampaign)).data!.applyToCampaign;

    await t.gql.as(brandToken).ok(BAN, { creatorId: maya.creatorId, reason: 'Fake followers' });
    expect(await statusOf(enrollment.id)).toBe('REMOVED');
    expect(await statusOf(elsewhere.id)).toBe('APPLIED');
    expect(errorCode(await apply(maya, second))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql.as(brandToken).send(INVITE, { campaignId: second.campaignId, creatorId: maya.creatorId }))).toBe('CONFLICT');

    await t.gql.as(brandToken).ok(UNBAN, { creatorId: maya.creatorId });
    expect((await apply(maya, second)).data!.applyToCampaign.status).toBe('APPLIED');
  });

  it("keeps tenants apart: another brand's enrollments are NOT_FOUND to read and to change", async () => {
    const campaign = await t.make.campaign(brand);
    const maya = await creator();
    const enrollment = (await apply(maya, campaign)).data!.applyToCampaign;

    expect(errorCode(await t.gql.as(rivalToken).send(REVIEW, { id: enrollment.id, decision: 'APPROVE' }))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql.as(rivalToken).send(REMOVE, { id: enrollment.id, reason: 'INACTIVE' }))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql.as(rivalToken).send(INVITE, { campaignId: campaign.campaignId, creatorId: maya.creatorId }))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql.as(rivalToken).send(`query { enrollment(id: "${enrollment.id}") { id } }`))).toBe('NOT_FOUND');
    const rivalList = (await t.gql.as(rivalToken).ok(LIST, { filter: { campaignId: campaign.campaignId }, first: 100 })).enrollments.edges;
    expect(rivalList).toEqual([]);
    expect(await statusOf(enrollment.id)).toBe('APPLIED');

    // The creator sees their own, and only their own.
    const own = (await t.gql.as(maya.token).ok(LIST, { first: 100 })).enrollments.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(own).toEqual([enrollment.id]);
  });

  it('pages through a campaign\'s enrollments with cursors, filtered by status', async () => {
    const campaign = await t.make.campaign(brand);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await apply(await creator(), campaign)).data!.applyToCampaign.id);
    await t.gql.as(brandToken).ok(REVIEW, { id: ids[2], decision: 'APPROVE' });

    const page1 = (await t.gql.as(brandToken).ok(LIST, { filter: { campaignId: campaign.campaignId }, first: 2 })).enrollments;
    const page2 = (await t.gql.as(brandToken).ok(LIST, { filter: { campaignId: campaign.campaignId }, first: 2, after: page1.pageInfo.endCursor })).enrollments;
    const page3 = (await t.gql.as(brandToken).ok(LIST, { filter: { campaignId: campaign.campaignId }, first: 2, after: page2.pageInfo.endCursor })).enrollments;
    const seen = [...page1.edges, ...page2.edges, ...page3.edges].map((e: { node: { id: string } }) => e.node.id);
    expect(seen).toEqual([...ids].reverse());
    expect(page3.pageInfo.hasNextPage).toBe(false);
    const approved = (await t.gql.as(brandToken).ok(LIST, { filter: { campaignId: campaign.campaignId, status: ['APPROVED'] } })).enrollments.edges;
    expect(approved.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[2]]);
  });

  it('serialises racing applications: one enrollment per creator and campaign', async () => {
    const campaign = await t.make.campaign(brand);
    const maya: MadeCreator & { token: string } = await creator();
    const results = await Promise.all([apply(maya, campaign), apply(maya, campaign), apply(maya, campaign)]);
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => errorCode(r) === 'CONFLICT').length).toBe(2);
  });
});

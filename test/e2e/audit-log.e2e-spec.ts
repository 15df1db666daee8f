import { jest } from '@jest/globals';
import { AuditService } from '@app/audit';
import { Role } from '@app/core';
import { errorCode, errorFields, type MadeBrand, type MadeUser } from '@app/testing';
import type { EntityManager } from 'typeorm';
import { APPROVE, RELEASE, sell, seller, selfReferral } from '../support/commission-review.js';
import { approvedCommissions, CREATE_RUN, eventually, fund, payableCreator, type PayoutsStack, startPayoutsStack } from '../support/payouts-stack.js';
import { creatorToken, tokenOf } from '../support/sales-api.js';
import { placeOrder } from '../support/sales-orders.js';
import { compliantPost, OVERRIDE, SUBMIT } from '../support/sponsored-posts.js';
import { CLAIM_CODE, CLAIM_LINK, DISABLE_LINK, REVOKE_CODE } from '../support/tracking-api.js';

/**
 * Every kind of change the audit log must hold, each driven through the API here, each
 * checked to write exactly one entry for the record it changed, in the request's
 * transaction, naming the request:
 *
 * | kind                 | test                              |
 * |----------------------|-----------------------------------|
 * | campaign status      | campaign status                   |
 * | enrollment status    | enrollment status                 |
 * | link status          | referral link status              |
 * | code status          | discount code status              |
 * | commission decision  | commission decision               |
 * | commission hold      | commission hold                   |
 * | payout               | payout run                        |
 * | role grant           | role grant / membership role      |
 * | integration secret   | integration secret                |
 * | disclosure override  | disclosure override               |
 * | manual attribution   | manual attribution                |
 *
 * The rest of the file reads the log back: auditLog, its access rules and its CSV export.
 */

const ENTRY_FIELDS = `id organizationId actor { type id } action entityType entityId before after reason requestId createdAt`;
const AUDIT_LOG = `query Log($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) { edges { cursor node { ${ENTRY_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
const EXPORT = `query Export($filter: AuditLogFilter) { exportAuditLog(filter: $filter) { filename contentType rowCount csv } }`;

const PAUSE = `mutation Pause($id: ID!) { pauseCampaign(id: $id) { id status } }`;
const RESUME = `mutation Resume($id: ID!) { resumeCampaign(id: $id) { id status } }`;
const REVIEW = `mutation Review($id: ID!, $decision: ReviewDecision!, $reason: RejectionReason, $note: String) {
  reviewApplication(enrollmentId: $id, decision: $decision, reason: $reason, note: $note) { id status } }`;
const GRANT = `mutation Grant($userId: ID!, $role: Role!) { grantRole(userId: $userId, role: $role) { id roles } }`;
const REVOKE_ROLE = `mutation Revoke($userId: ID!, $role: Role!) { revokeRole(userId: $userId, role: $role) { id roles } }`;
const MEMBER_ROLE = `mutation MemberRole($userId: ID!, $role: Role!) { updateMemberRole(userId: $userId, role: $role) { role } }`;
const BAN = `mutation Ban($creatorId: ID!, $reason: String!) { banCreator(creatorId: $creatorId, reason: $reason) { id } }`;
const REMOVE_MEMBER = `mutation RemoveMember($userId: ID!) { removeMember(userId: $userId) { role } }`;
const INVITE = `mutation Invite($email: String!, $role: Role!) { inviteMember(email: $email, role: $role) { token } }`;
const ACCEPT = `mutation Accept($token: String!) { acceptInvitation(token: $token) { id } }`;
const ROTATE = `mutation Rotate($id: ID!) { rotateIntegrationSecret(id: $id) { signingSecret } }`;
const ASSIGN = `mutation Assign($orderId: ID!, $enrollmentId: ID!, $reason: String!) {
  assignOrderAttribution(orderId: $orderId, enrollmentId: $enrollmentId, reason: $reason) { id creatorId } }`;

interface EntryRow {
  action: string;
  entity_type: string;
  entity_id: string;
  organization_id: string | null;
  actor_type: string;
  actor_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
  request_id: string | null;
}

describe('the audit log', () => {
  let stack: PayoutsStack;
  let brandA: MadeBrand;
  let brandB: MadeBrand;
  let admin: MadeUser;
  let tokens: { brandA: string; brandB: string; finance: string; admin: string };
  let requests = 0;

  const entriesOf = (requestId: string): Promise<EntryRow[]> =>
    stack.db.query(
      `SELECT action, entity_type, entity_id, organization_id, actor_type, actor_id, before, after, reason, request_id FROM audit_log WHERE request_id = $1 ORDER BY created_at, id`,
      [requestId],
    );

  /** Sends a mutation with a request id of its own; answers its data and the entries that request wrote. */
  async function change(token: string, query: string, variables: Record<string, unknown>) {
    requests += 1;
    const requestId = `audit-e2e-${requests}-${Date.now()}`;
    const data = await stack.gql.as(token).ok<Record<string, any>>(query, variables, { headers: { 'x-request-id': requestId } });
    return { data, requestId, entries: await entriesOf(requestId) };
  }

  beforeAll(async () => {
    stack = await startPayoutsStack();
    brandA = await stack.make.brand({ name: 'Glow Labs' });
    brandB = await stack.make.brand({ name: 'Other Brand' });
    admin = await stack.make.user({ roles: [Role.ADMIN] });
    tokens = {
      brandA: await tokenOf(stack, brandA.admin),
      brandB: await tokenOf(stack, brandB.admin),
      finance: stack.finance.token,
      admin: await tokenOf(stack, admin),
    };
  }, 120_000);
  afterAll(() => stack.close());

  describe('every audited change writes exactly one entry, in its request', () => {
    it('campaign status: pausing and resuming, by the brand, with the request id the API answered with', async () => {
      const campaign = await stack.make.campaign(brandA);
      const { entries, requestId } = await change(tokens.brandA, PAUSE, { id: campaign.campaignId });
      expect(entries).toEqual([
        {
          action: 'campaign.status_changed',
          entity_type: 'campaign',
          entity_id: campaign.campaignId,
          organization_id: brandA.organizationId,
          actor_type: 'USER',
          actor_id: brandA.admin.id,
          before: { status: 'ACTIVE' },
          after: { status: 'PAUSED' },
          reason: null,
          request_id: requestId,
        },
      ]);

      // Without an X-Request-Id the API makes one, answers with it, and the entry carries it.
      const response = await stack.gql.as(tokens.brandA).send(RESUME, { id: campaign.campaignId });
      expect(response.data?.resumeCampaign.status).toBe('ACTIVE');
      const made = response.headers['x-request-id'];
      expect(made).toMatch(/^[0-9a-f-]{36}$/);
      expect(await entriesOf(made!)).toMatchObject([{ action: 'campaign.status_changed', before: { status: 'PAUSED' }, after: { status: 'ACTIVE' } }]);

      // A refused change (pausing a paused campaign is CONFLICT) writes nothing.
      await change(tokens.brandA, PAUSE, { id: campaign.campaignId });
      const refused = await stack.gql.as(tokens.brandA).send(PAUSE, { id: campaign.campaignId }, { headers: { 'x-request-id': `refused-${requestId}` } });
      expect(errorCode(refused)).toBe('CONFLICT');
      expect(await entriesOf(`refused-${requestId}`)).toEqual([]);
    });

    it('enrollment status: a rejected application, with the note as the reason', async () => {
      const campaign = await stack.make.campaign(brandA);
      const creator = await stack.make.creatorProfile();
      const enrollmentId = await stack.make.enrollment(campaign, creator, 'APPLIED');
      const note = 'Audience is mostly outside the US';
      const { entries, requestId } = await change(tokens.brandA, REVIEW, { id: enrollmentId, decision: 'REJECT', reason: 'AUDIENCE_MISMATCH', note });
      expect(entries).toEqual([
        {
          action: 'enrollment.status_changed',
          entity_type: 'enrollment',
          entity_id: enrollmentId,
          organization_id: brandA.organizationId,
          actor_type: 'USER',
          actor_id: brandA.admin.id,
          before: { status: 'APPLIED', reasonCode: null, reasonNote: null, decidedAt: null, decidedByUserId: null, endedAt: null },
          after: { status: 'REJECTED', reasonCode: 'AUDIENCE_MISMATCH', reasonNote: note, decidedAt: expect.any(String), decidedByUserId: brandA.admin.id, endedAt: expect.any(String) },
          reason: note,
          request_id: requestId,
        },
      ]);
    });

    it('enrollment status: a ban ends each open enrollment of the creator with the brand, one entry each', async () => {
      const creator = await stack.make.creatorProfile();
      const open = [
        await stack.make.enrollment(await stack.make.campaign(brandA), creator, 'APPROVED'),
        await stack.make.enrollment(await stack.make.campaign(brandA), creator, 'APPLIED'),
      ];
      await stack.make.enrollment(await stack.make.campaign(brandA), creator, 'LEFT');
      const reason = 'Bought followers';
      const { entries } = await change(tokens.brandA, BAN, { creatorId: creator.creatorId, reason });
      expect(entries.map((entry) => [entry.entity_id, entry.action, entry.before?.status, entry.after?.status, entry.reason]).sort()).toEqual(
        [
          [open[0], 'enrollment.status_changed', 'APPROVED', 'REMOVED', reason],
          [open[1], 'enrollment.status_changed', 'APPLIED', 'REMOVED', reason],
        ].sort(),
      );
    });

    it('referral link status: a link claimed by its creator, then disabled by the brand, with its reason', async () => {
      const sold = await seller(stack, brandA);
      const claimed = await change(await creatorToken(stack, sold.creatorId), CLAIM_LINK, { input: { enrollmentId: sold.enrollmentId } });
      const linkId: string = claimed.data.claimReferralLink.id;
      expect(claimed.entries).toEqual([
        expect.objectContaining({
          action: 'referral_link.created',
          entity_id: linkId,
          organization_id: brandA.organizationId,
          actor_id: sold.creator.user.id,
          before: null,
          after: expect.objectContaining({ enrollmentId: sold.enrollmentId, status: 'ACTIVE' }),
        }),
      ]);
      const reason = 'Posted on a coupon site';
      const { entries, requestId } = await change(tokens.brandA, DISABLE_LINK, { id: linkId, reason });
      expect(entries).toEqual([
        {
          action: 'referral_link.status_changed',
          entity_type: 'referral_link',
          entity_id: linkId,
          organization_id: brandA.organizationId,
          actor_type: 'USER',
          actor_id: brandA.admin.id,
          before: { status: 'ACTIVE', disabledAt: null, disabledByUserId: null, disabledReason: null },
          after: { status: 'DISABLED', disabledAt: expect.any(String), disabledByUserId: brandA.admin.id, disabledReason: reason },
          reason,
          request_id: requestId,
        },
      ]);
    });

    it('discount code status: a code claimed by its creator, then revoked by the brand, with its reason', async () => {
      const campaign = await stack.make.campaign(brandA, { discount: { percentBps: 1_500 } });
      const creator = await stack.make.creatorProfile();
      const enrollmentId = await stack.make.enrollment(campaign, creator, 'APPROVED');
      const claimed = await change(await creatorToken(stack, creator.creatorId), CLAIM_CODE, { input: { enrollmentId } });
      const code = claimed.data.claimDiscountCode;
      expect(claimed.entries).toEqual([
        expect.objectContaining({
          action: 'discount_code.created',
          entity_id: code.id,
          organization_id: brandA.organizationId,
          actor_id: creator.user.id,
          before: null,
          // A code often spells its creator's handle: the log names it by id only, so erasing the creator never needs the log.
          after: { enrollmentId, code: '[redacted]', status: 'ACTIVE' },
        }),
      ]);
      const reason = 'Leaked to a deals forum';
      const { entries, requestId } = await change(tokens.brandA, REVOKE_CODE, { id: code.id, reason });
      expect(entries).toEqual([
        expect.objectContaining({
          action: 'discount_code.status_changed',
          entity_type: 'discount_code',
          entity_id: code.id,
          organization_id: brandA.organizationId,
          actor_type: 'USER',
          actor_id: brandA.admin.id,
          before: { status: 'ACTIVE', revokedAt: null, revokedByUserId: null, revokedReason: null },
          after: { status: 'REVOKED', revokedAt: expect.any(String), revokedByUserId: brandA.admin.id, revokedReason: reason },
          reason,
          request_id: requestId,
        }),
      ]);
    });

    it('commission decision: an approval by finance, with its note', async () => {
      const sale = await sell(stack, await seller(stack, brandA));
      const { entries, requestId } = await change(tokens.finance, APPROVE, { ids: [sale.id], note: 'March batch' });
      expect(entries).toEqual([
        {
          action: 'commission.status_changed',
          entity_type: 'commission',
          entity_id: sale.id,
          organization_id: brandA.organizationId,
          actor_type: 'USER',
          actor_id: stack.finance.id,
          before: { status: 'ELIGIBLE' },
          after: { status: 'APPROVED' },
          reason: 'March batch',
          request_id: requestId,
        },
      ]);
    });

    it('commission hold: a fraud hold released by finance, with its reason', async () => {
      const by = await seller(stack, brandA);
      const held = await sell(stack, by, selfReferral(by));
      const [row] = await stack.db.query(`SELECT status, hold_reasons FROM commissions WHERE id = $1`, [held.id]);
      expect(row).toEqual({ status: 'ON_HOLD', hold_reasons: ['FRAUD'] });
      const reason = 'The creator bought for a giveaway; receipt checked';
      const { entries, requestId } = await change(tokens.finance, RELEASE, { id: held.id, reason });
      expect(entries).toEqual([
        expect.objectContaining({
          action: 'commission.status_changed',
          entity_id: held.id,
          organization_id: brandA.organizationId,
          actor_type: 'USER',
          actor_id: stack.finance.id,
          before: { status: 'ON_HOLD', holdReasons: ['FRAUD'] },
          after: { status: expect.not.stringMatching(/^ON_HOLD$/), holdReasons: [] },
          reason,
          request_id: requestId,
        }),
      ]);
    });

    it('payout run: one entry for the run and one per commission it takes; the transfers the worker sends name no request', async () => {
      const creator = await payableCreator(stack);
      const ids = await approvedCommissions(stack, creator, [2_500, 1_500]);
      await fund(stack, creator.campaign.organizationId);
      const { data, entries, requestId } = await change(tokens.finance, CREATE_RUN, { input: { currency: 'USD' } });
      const runId = data.createPayoutRun.id;
      expect(entries.filter((entry) => entry.entity_id === runId)).toEqual([
        expect.objectContaining({ action: 'payout_run.created', entity_type: 'payout_run', actor_type: 'USER', actor_id: stack.finance.id, before: null, request_id: requestId }),
      ]);
      for (const id of ids) {
        expect(entries.filter((entry) => entry.entity_id === id)).toEqual([
          expect.objectContaining({ action: 'commission.status_changed', actor_type: 'USER', actor_id: stack.finance.id, before: { status: 'APPROVED' }, request_id: requestId }),
        ]);
      }
      const [payout] = await eventually(async () => {
        const rows = await stack.db.query(`SELECT id FROM payouts WHERE run_id = $1 AND status = 'SENT'`, [runId]);
        return rows.length > 0 ? rows : null;
      }, 'the payout to be sent');
      const sent: EntryRow[] = await stack.db.query(`SELECT actor_type, request_id, after FROM audit_log WHERE entity_id = $1 AND action = 'payout.status_changed'`, [payout.id]);
      expect(sent).toEqual([expect.objectContaining({ actor_type: 'SYSTEM', request_id: null, after: expect.objectContaining({ status: 'SENT' }) })]);
      const completed = await eventually(async () => {
        const rows: EntryRow[] = await stack.db.query(`SELECT actor_type, actor_id, before, after, request_id FROM audit_log WHERE entity_id = $1 AND action = 'payout_run.status_changed'`, [runId]);
        return rows.length > 0 ? rows : null;
      }, 'the run to complete');
      expect(completed).toEqual([{ actor_type: 'SYSTEM', actor_id: expect.stringMatching(/^payouts\.(transfer|sweep)$/), before: { status: 'SENDING' }, after: { status: 'COMPLETED' }, request_id: null }]);
    }, 60_000);

    it('role grant: a platform role granted and revoked by an admin, and a brand role changed; granting a held role writes nothing', async () => {
      const user = await stack.make.user();
      const granted = await change(tokens.admin, GRANT, { userId: user.id, role: 'FINANCE' });
      expect(granted.entries).toEqual([
        {
          action: 'user.role_granted',
          entity_type: 'user',
          entity_id: user.id,
          organization_id: null,
          actor_type: 'USER',
          actor_id: admin.id,
          before: { platformRoles: [] },
          after: { platformRoles: ['FINANCE'] },
          reason: null,
          request_id: granted.requestId,
        },
      ]);
      expect((await change(tokens.admin, GRANT, { userId: user.id, role: 'FINANCE' })).entries).toEqual([]);
      const revoked = await change(tokens.admin, REVOKE_ROLE, { userId: user.id, role: 'FINANCE' });
      expect(revoked.entries).toMatchObject([{ action: 'user.role_revoked', entity_id: user.id, before: { platformRoles: ['FINANCE'] }, after: { platformRoles: [] } }]);

      const member = await stack.make.member(brandA);
      const promoted = await change(tokens.brandA, MEMBER_ROLE, { userId: member.id, role: 'BRAND_ADMIN' });
      const [membership] = await stack.db.query(`SELECT id FROM memberships WHERE user_id = $1`, [member.id]);
      expect(promoted.entries).toEqual([
        expect.objectContaining({
          action: 'membership.role_changed',
          entity_type: 'membership',
          entity_id: membership.id,
          organization_id: brandA.organizationId,
          actor_id: brandA.admin.id,
          before: { role: 'BRAND_MEMBER' },
          after: { role: 'BRAND_ADMIN' },
        }),
      ]);
      expect((await change(tokens.brandA, MEMBER_ROLE, { userId: member.id, role: 'BRAND_ADMIN' })).entries).toEqual([]);

      const removed = await change(tokens.brandA, REMOVE_MEMBER, { userId: member.id });
      expect(removed.entries).toEqual([
        expect.objectContaining({ action: 'membership.removed', entity_id: membership.id, before: { userId: member.id, role: 'BRAND_ADMIN' }, after: null }),
      ]);

      // Joining a team by invitation grants its role: the entry names the member who joined.
      const invitee = await stack.make.user();
      const invited = await change(tokens.brandA, INVITE, { email: invitee.email, role: 'BRAND_MEMBER' });
      const [invitation] = await stack.db.query(`SELECT id FROM invitations WHERE email = $1`, [invitee.email]);
      expect(invited.entries).toEqual([
        expect.objectContaining({ action: 'invitation.created', entity_id: invitation.id, organization_id: brandA.organizationId, before: null, after: { role: 'BRAND_MEMBER', expiresAt: expect.any(String) } }),
      ]);
      expect(JSON.stringify(invited.entries)).not.toContain(invitee.email);
      const joined = await change(await tokenOf(stack, invitee), ACCEPT, { token: invited.data.inviteMember.token });
      const [joinedMembership] = await stack.db.query(`SELECT id FROM memberships WHERE user_id = $1`, [invitee.id]);
      expect(joined.entries).toEqual([
        expect.objectContaining({
          action: 'membership.created',
          entity_id: joinedMembership.id,
          organization_id: brandA.organizationId,
          actor_id: invitee.id,
          before: null,
          after: { userId: invitee.id, role: 'BRAND_MEMBER' },
        }),
      ]);
    });

    it('integration secret: a rotation by the brand, without the secret in the entry', async () => {
      const shop = await stack.sales.integration(brandA.organizationId, brandA.admin.id);
      const { data, entries, requestId } = await change(tokens.brandA, ROTATE, { id: shop.id });
      expect(entries).toEqual([
        expect.objectContaining({
          action: 'merchant_integration.secret_rotated',
          entity_id: shop.id,
          organization_id: brandA.organizationId,
          actor_type: 'USER',
          actor_id: brandA.admin.id,
          request_id: requestId,
        }),
      ]);
      expect(JSON.stringify(entries)).not.toContain(data.rotateIntegrationSecret.signingSecret);
    });

    it('disclosure override: a brand overriding a check, with its note', async () => {
      const maya = await stack.make.creatorProfile();
      const gated = await seller(stack, brandA, { disclosureRequired: true, creator: maya });
      const creator = await creatorToken(stack, maya.creatorId);
      const input = compliantPost(gated.enrollmentId, { caption: 'Morning routine with @glowlabs serum', disclosureMethods: ['ON_SCREEN_TEXT'] });
      const { submitSponsoredPost: post } = await stack.gql.as(creator).ok(SUBMIT, { input });
      const note = 'Watched the video: "AD" is on screen throughout';
      const { entries, requestId } = await change(tokens.brandA, OVERRIDE, { postId: post.id, decision: 'COMPLIANT', note });
      expect(entries).toEqual([
        expect.objectContaining({
          action: 'sponsored_post.disclosure_overridden',
          entity_id: post.id,
          organization_id: brandA.organizationId,
          actor_id: brandA.admin.id,
          reason: note,
          request_id: requestId,
        }),
      ]);
    });

    it('manual attribution: one entry for the order, and one for the commission it creates', async () => {
      const by = await seller(stack, brandA);
      const order = await placeOrder(stack, by.shop, {});
      const reason = 'The shopper emailed the code after checkout';
      const { entries, requestId } = await change(tokens.finance, ASSIGN, { orderId: order.id, enrollmentId: by.enrollmentId, reason });
      expect(entries.filter((entry) => entry.entity_id === order.id)).toEqual([
        {
          action: 'order.attribution_assigned',
          entity_type: 'order',
          entity_id: order.id,
          organization_id: brandA.organizationId,
          actor_type: 'USER',
          actor_id: stack.finance.id,
          before: { creatorId: null, enrollmentId: null },
          after: { creatorId: by.creatorId, enrollmentId: by.enrollmentId },
          reason,
          request_id: requestId,
        },
      ]);
      expect(entries.filter((entry) => entry.entity_id !== order.id)).toEqual([expect.objectContaining({ action: 'commission.created', entity_type: 'commission' })]);
    });
  });

  describe('a change that fails after its entry was written', () => {
    afterEach(() => jest.restoreAllMocks());

    /** Makes the next audit write succeed, then fails the transaction it is in; counts the request's entries the transaction saw. */
    function failAfterTheAuditWrite(requestId: string): { seen: () => number } {
      const audit = stack.api.get(AuditService);
      const recordMany = audit.recordMany.bind(audit);
      let seen = 0;
      jest.spyOn(audit, 'recordMany').mockImplementationOnce(async (manager: EntityManager, entries) => {
        await recordMany(manager, entries);
        seen = (await manager.query(`SELECT count(*)::int AS n FROM audit_log WHERE request_id = $1`, [requestId]))[0].n;
        throw new Error('a later step of the change failed');
      });
      return { seen: () => seen };
    }

    it('leaves no entry and no change (campaign status)', async () => {
      const campaign = await stack.make.campaign(brandA);
      const requestId = `audit-rollback-campaign-${Date.now()}`;
      const failure = failAfterTheAuditWrite(requestId);
      const response = await stack.gql.as(tokens.brandA).send(PAUSE, { id: campaign.campaignId }, { headers: { 'x-request-id': requestId } });
      expect(errorCode(response)).toBe('INTERNAL_SERVER_ERROR');
      // Inside the transaction the entry was there; it went with the rollback.
      expect(failure.seen()).toBe(1);
      expect(await entriesOf(requestId)).toEqual([]);
      const [row] = await stack.db.query(`SELECT status FROM campaigns WHERE id = $1`, [campaign.campaignId]);
      expect(row.status).toBe('ACTIVE');
    });

    it('leaves no entry and no change (commission decision)', async () => {
      const sale = await sell(stack, await seller(stack, brandA));
      const requestId = `audit-rollback-commission-${Date.now()}`;
      const failure = failAfterTheAuditWrite(requestId);
      const response = await stack.gql.as(tokens.finance).send(APPROVE, { ids: [sale.id] }, { headers: { 'x-request-id': requestId } });
      expect(errorCode(response)).toBe('INTERNAL_SERVER_ERROR');
      expect(failure.seen()).toBe(1);
      expect(await entriesOf(requestId)).toEqual([]);
      const [row] = await stack.db.query(`SELECT status FROM commissions WHERE id = $1`, [sale.id]);
      expect(row.status).toBe('ELIGIBLE');
    });
  });

  describe('reading it back', () => {
    interface Node {
      id: string;
      organizationId: string | null;
      actor: { type: string; id: string | null };
      action: string;
      entityId: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
      requestId: string | null;
    }
    type Page = { edges: { cursor: string; node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    let campaignA: string;
    let campaignB: string;
    let creatorToken_: string;

    const log = async (token: string, variables: Record<string, unknown> = {}): Promise<Page> => (await stack.gql.as(token).ok<{ auditLog: Page }>(AUDIT_LOG, variables)).auditLog;
    const statuses = (page: Page) => page.edges.map((edge) => edge.node.after?.status);

    beforeAll(async () => {
      campaignA = (await stack.make.campaign(brandA)).campaignId;
      campaignB = (await stack.make.campaign(brandB)).campaignId;
      // Five changes of campaign A: PAUSED, ACTIVE, PAUSED, ACTIVE, PAUSED; one of campaign B.
      for (let i = 0; i < 5; i += 1) await change(tokens.brandA, i % 2 === 0 ? PAUSE : RESUME, { id: campaignA });
      await change(tokens.brandB, PAUSE, { id: campaignB });
      const creator = await stack.make.creatorProfile();
      creatorToken_ = await creatorToken(stack, creator.creatorId);
    });

    it('shows a brand its own entries, newest first, with everything an entry holds', async () => {
      const page = await log(tokens.brandA, { filter: { entityType: 'campaign', entityId: campaignA } });
      expect(statuses(page)).toEqual(['PAUSED', 'ACTIVE', 'PAUSED', 'ACTIVE', 'PAUSED']);
      expect(page.edges[0]!.node).toEqual({
        id: expect.any(String),
        organizationId: brandA.organizationId,
        actor: { type: 'USER', id: brandA.admin.id },
        action: 'campaign.status_changed',
        entityType: 'campaign',
        entityId: campaignA,
        before: { status: 'ACTIVE' },
        after: { status: 'PAUSED' },
        reason: null,
        requestId: expect.stringMatching(/^audit-e2e-/),
        createdAt: expect.any(String),
      });
      const everything = await log(tokens.brandA, { first: 100 });
      expect(everything.edges.length).toBeGreaterThan(5);
      expect(new Set(everything.edges.map((edge) => edge.node.organizationId))).toEqual(new Set([brandA.organizationId]));
    });

    it("shows another brand nothing of it: an entity of brand A filters to nothing, naming brand A's organization is NOT_FOUND", async () => {
      expect((await log(tokens.brandB, { filter: { entityId: campaignA } })).edges).toEqual([]);
      const everything = await log(tokens.brandB, { first: 100 });
      expect(everything.edges.map((edge) => edge.node.entityId)).toEqual([campaignB]);
      expect(errorCode(await stack.gql.as(tokens.brandB).send(AUDIT_LOG, { filter: { organizationId: brandA.organizationId } }))).toBe('NOT_FOUND');
    });

    it('shows finance and admins every entry, and lets them narrow by organization, actor and action', async () => {
      for (const token of [tokens.finance, tokens.admin]) {
        expect(statuses(await log(token, { filter: { entityId: campaignA } }))).toHaveLength(5);
        expect((await log(token, { filter: { entityId: campaignB } })).edges).toHaveLength(1);
      }
      const ofB = await log(tokens.finance, { first: 100, filter: { organizationId: brandB.organizationId } });
      expect(ofB.edges.map((edge) => edge.node.entityId)).toEqual([campaignB]);
      const byAdminOfA = await log(tokens.finance, { first: 100, filter: { actorType: 'USER', actorId: brandA.admin.id, action: 'campaign.status_changed', entityId: campaignA } });
      expect(byAdminOfA.edges).toHaveLength(5);
      expect((await log(tokens.finance, { filter: { actorType: 'SYSTEM', entityId: campaignA } })).edges).toEqual([]);
      const future = new Date(Date.now() + 3_600_000).toISOString();
      expect((await log(tokens.finance, { filter: { entityId: campaignA, from: future } })).edges).toEqual([]);
      expect((await log(tokens.finance, { filter: { entityId: campaignA, to: future } })).edges).toHaveLength(5);
    });

    it('refuses creators', async () => {
      expect(errorCode(await stack.gql.as(creatorToken_).send(AUDIT_LOG, {}))).toBe('FORBIDDEN');
      expect(errorCode(await stack.gql.as(creatorToken_).send(EXPORT, {}))).toBe('FORBIDDEN');
    });

    it('pages with first and after, newest first, without gaps or repeats', async () => {
      const all = await log(tokens.brandA, { first: 10, filter: { entityId: campaignA } });
      const seen: string[] = [];
      let after: string | null = null;
      const sizes: number[] = [];
      for (;;) {
        const page: Page = await log(tokens.brandA, { first: 2, after, filter: { entityId: campaignA } });
        sizes.push(page.edges.length);
        seen.push(...page.edges.map((edge) => edge.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(sizes).toEqual([2, 2, 1]);
      expect(seen).toEqual(all.edges.map((edge) => edge.node.id));
      expect(new Set(seen).size).toBe(5);
    });

    it('names the field of a bad filter or cursor, and reads nothing', async () => {
      for (const [variables, field] of [
        [{ filter: { organizationId: 'not-a-uuid' } }, 'filter.organizationId'],
        [{ filter: { entityType: '' } }, 'filter.entityType'],
        [{ filter: { action: 'x'.repeat(101) } }, 'filter.action'],
        [{ filter: { from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' } }, 'filter.to'],
        [{ after: 'bogus' }, 'after'],
        [{ first: 1_000 }, 'first'],
      ] as const) {
        const response = await stack.gql.as(tokens.finance).send(AUDIT_LOG, variables);
        expect({ code: errorCode(response), fields: errorFields(response), data: response.data ?? null }).toEqual({ code: 'BAD_USER_INPUT', fields: [field], data: null });
      }
      const response = await stack.gql.as(tokens.finance).send(EXPORT, { filter: { from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' } });
      expect({ code: errorCode(response), fields: errorFields(response) }).toEqual({ code: 'BAD_USER_INPUT', fields: ['filter.to'] });
    });

    it('exports the same entries as CSV, newest first, with the same access, and defuses formulas', async () => {
      const { exportAuditLog: file } = await stack.gql.as(tokens.brandA).ok(EXPORT, { filter: { entityId: campaignA } });
      expect(file).toMatchObject({ filename: expect.stringMatching(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/), contentType: 'text/csv; charset=utf-8', rowCount: 5 });
      const lines = file.csv.split('\r\n').filter((line: string) => line !== '');
      expect(lines[0]).toBe('created_at,id,organization_id,actor_type,actor_id,action,entity_type,entity_id,before,after,reason,request_id');
      expect(lines).toHaveLength(6);
      const page = await log(tokens.brandA, { filter: { entityId: campaignA } });
      expect(lines.slice(1).map((line: string) => line.split(',')[1])).toEqual(page.edges.map((edge) => edge.node.id));
      expect(lines[1]).toContain(`,${brandA.organizationId},USER,${brandA.admin.id},campaign.status_changed,campaign,${campaignA},"{""status"":""ACTIVE""}","{""status"":""PAUSED""}",,audit-e2e-`);

      expect((await stack.gql.as(tokens.brandB).ok(EXPORT, { filter: { entityId: campaignA } })).exportAuditLog).toMatchObject({ rowCount: 0 });
      expect(errorCode(await stack.gql.as(tokens.brandB).send(EXPORT, { filter: { organizationId: brandA.organizationId } }))).toBe('NOT_FOUND');
      expect((await stack.gql.as(tokens.finance).ok(EXPORT, { filter: { entityId: campaignA } })).exportAuditLog.rowCount).toBe(5);

      // A reason that reads like a formula is written so a spreadsheet shows it as text.
      const campaign = await stack.make.campaign(brandA);
      const enrollmentId = await stack.make.enrollment(campaign, await stack.make.creatorProfile(), 'APPLIED');
      await change(tokens.brandA, REVIEW, { id: enrollmentId, decision: 'REJECT', reason: 'OTHER', note: '=HYPERLINK("http://evil.test","x")' });
      const { exportAuditLog: defused } = await stack.gql.as(tokens.brandA).ok(EXPORT, { filter: { entityId: enrollmentId } });
      expect(defused.rowCount).toBe(1);
      expect(defused.csv).toContain(`"'=HYPERLINK(""http://evil.test"",""x"")"`);
    });
  });
});

import { Role } from '@app/core';
import { errorCode, errorFields, genericOrderPayload, type MadeBrand, type MadeCreator, type Participation, TEST_PASSWORD } from '@app/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { createWorkerApp } from '../../apps/worker/src/worker.app.js';
import { LOG_IN } from '../support/api-test-app.js';
import { expectLedgerBalanced } from '../support/ledger.js';
import { approvedCommissions, CREATE_RUN, eventually, fund, onboard, type PayoutsStack, startPayoutsStack } from '../support/payouts-stack.js';
import { tokenOf } from '../support/sales-api.js';
import { postGeneric } from '../support/sales-stack.js';
import { compliantPost, SUBMIT } from '../support/sponsored-posts.js';
import { CLAIM_CODE, CLAIM_LINK } from '../support/tracking-api.js';

const EXPORT = `query { exportMyData { filename contentType json } }`;
const ERASE_MINE = `mutation Erase($input: EraseMyAccountInput!) { eraseMyAccount(input: $input) { userId erasedAt } }`;
const ERASE = `mutation Erase($userId: ID!, $reason: String!) { eraseAccount(userId: $userId, reason: $reason) { userId erasedAt } }`;
const ME = `query { me { id email } }`;
const CONFIRMATION = 'ERASE MY ACCOUNT';

const NAME = 'Maya Quintanilla';
const HANDLE = 'maya.quintanilla.glow';

/** Every text-like column of every table: what a database dump would show. */
async function textColumns(stack: PayoutsStack): Promise<{ table_name: string; column_name: string }[]> {
  return stack.db.query(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        AND (c.data_type IN ('text', 'character varying', 'character', 'jsonb', 'json') OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar')))
      ORDER BY 1, 2`,
  );
}

/** `table.column: needle` for each needle found (case-insensitively) in any text, varchar, jsonb or text[] column. */
async function scan(stack: PayoutsStack, needles: readonly string[]): Promise<string[]> {
  const hits: string[] = [];
  const lowered = needles.map((n) => n.toLowerCase());
  for (const { table_name, column_name } of await textColumns(stack)) {
    const found: { needle: string }[] = await stack.db.query(
      `SELECT n AS needle FROM unnest($1::text[]) AS n WHERE EXISTS (SELECT 1 FROM "${table_name}" WHERE strpos(lower("${column_name}"::text), n) > 0)`,
      [lowered],
    );
    hits.push(...found.map(({ needle }) => `${table_name}.${column_name}: ${needle}`));
  }
  return hits;
}

describe('personal data: export and erasure (e2e)', () => {
  let stack: PayoutsStack;
  let worker: INestApplicationContext | null = null;
  let brand: MadeBrand;
  let maya: MadeCreator;
  let mayaToken: string;
  let mayaSeller: Participation;
  let other: MadeCreator;
  let otherHandle: string;
  let code: string;
  let commissionIds: string[];
  let adminToken: string;

  beforeAll(async () => {
    // No worker yet: the payout run's payouts stay open (PENDING) until one starts.
    stack = await startPayoutsStack({ worker: false, env: { MINIMUM_PAYOUT_MINOR: '100' } });
    brand = await stack.make.brand({ name: 'Glow Labs' });
    const campaign = await stack.make.campaign(brand, { effectiveFrom: new Date(Date.now() - 40 * 86_400_000), discount: { percentBps: 1_500 }, terms: { disclosureRequired: false } });
    maya = await stack.make.creatorProfile({ displayName: NAME, bio: `Skincare by ${NAME}, find me at @${HANDLE}`, accounts: [{ handle: HANDLE }] });
    other = await stack.make.creatorProfile({ displayName: 'Otto Brandvold' });
    [{ handle: otherHandle }] = await stack.db.query(`SELECT handle FROM social_accounts WHERE creator_id = $1`, [other.creatorId]);
    const enrollmentId = await stack.make.enrollment(campaign, maya, 'APPROVED', { decidedAt: new Date(Date.now() - 35 * 86_400_000) });
    await stack.db.query(`UPDATE enrollments SET pitch = $2 WHERE id = $1`, [enrollmentId, `Hi, ${NAME} here (@${HANDLE})`]);
    const otherEnrollment = await stack.make.enrollment(campaign, other, 'APPROVED', { decidedAt: new Date(Date.now() - 35 * 86_400_000) });
    mayaSeller = { campaign, enrollmentId, creatorId: maya.creatorId, createdByUserId: brand.admin.id };
    mayaToken = await tokenOf(stack, maya.user);
    const otherToken = await tokenOf(stack, other.user);

    await stack.gql.as(mayaToken).ok(CLAIM_LINK, { input: { enrollmentId } });
    ({ claimDiscountCode: { code } } = await stack.gql.as(mayaToken).ok(CLAIM_CODE, { input: { enrollmentId } }));
    await stack.gql.as(otherToken).ok(CLAIM_LINK, { input: { enrollmentId: otherEnrollment } });
    await stack.gql.as(mayaToken).ok(SUBMIT, {
      input: compliantPost(enrollmentId, { url: `https://www.instagram.com/p/Mq${Date.now().toString(36)}/`, caption: `#ad ${NAME} (@${HANDLE}) tries the serum` }),
    });
    await onboard(stack, maya.creatorId);
    commissionIds = await approvedCommissions(stack, mayaSeller, [5_000, 2_500]);
    await fund(stack, brand.organizationId);
    await stack.gql.as(stack.finance.token).ok(CREATE_RUN, { input: { currency: 'USD' } });
    const admin = await stack.make.user({ roles: [Role.ADMIN] });
    adminToken = await tokenOf(stack, admin);
  }, 180_000);

  afterAll(async () => {
    await worker?.close();
    await stack.close();
  });

  const exportOf = async (token: string) => {
    const { exportMyData } = await stack.gql.as(token).ok(EXPORT);
    expect(exportMyData).toMatchObject({ filename: expect.stringMatching(/^personal-data-\d{4}-\d{2}-\d{2}\.json$/), contentType: 'application/json' });
    return { text: exportMyData.json as string, document: JSON.parse(exportMyData.json) };
  };

  it("exports every kind of record held about a creator, and nobody else's", async () => {
    const { text, document } = await exportOf(mayaToken);
    const [payout] = await stack.db.query(`SELECT id, amount_minor FROM payouts WHERE creator_id = $1`, [maya.creatorId]);
    expect(document).toMatchObject({
      format: 'marketplace-personal-data/1',
      user: { id: maya.user.id, email: maya.user.email, displayName: NAME, status: 'ACTIVE' },
      roles: [expect.objectContaining({ role: 'CREATOR' })],
      sessions: expect.arrayContaining([expect.objectContaining({ id: expect.any(String) })]),
      creator: {
        profile: { id: maya.creatorId, displayName: NAME, bio: expect.stringContaining(HANDLE) },
        socialAccounts: [expect.objectContaining({ platform: 'INSTAGRAM', handle: HANDLE })],
        enrollments: [expect.objectContaining({ id: mayaSeller.enrollmentId, status: 'APPROVED', pitch: expect.stringContaining(NAME) })],
        referralLinks: [expect.objectContaining({ enrollmentId: mayaSeller.enrollmentId, status: 'ACTIVE', destinationUrl: expect.stringContaining(HANDLE) })],
        discountCodes: [expect.objectContaining({ code, status: 'ACTIVE' })],
        sponsoredPosts: [expect.objectContaining({ platform: 'INSTAGRAM', revisions: [expect.objectContaining({ revision: 1, caption: expect.stringContaining(HANDLE) })] })],
        commissions: expect.arrayContaining(commissionIds.map((id) => expect.objectContaining({ id, status: 'IN_PAYOUT' }))),
        payoutAccount: expect.objectContaining({ stripeAccountId: expect.stringMatching(/^acct_/), status: 'ACTIVE' }),
        payouts: [expect.objectContaining({ id: payout.id, status: 'PENDING', amount: { amountMinor: payout.amount_minor, currency: 'USD' } })],
      },
    });
    expect(document.creator.commissions).toHaveLength(2);
    expect(document.creator.commissions.map((c: any) => c.amount)).toEqual(
      expect.arrayContaining([
        { amountMinor: '5000', currency: 'USD' },
        { amountMinor: '2500', currency: 'USD' },
      ]),
    );
    // Audit entries about the creator's records: the post, the commissions, the payout account.
    const audited = new Set(document.auditEntries.map((e: any) => e.action));
    for (const action of ['sponsored_post.submitted', 'payout_account.created']) expect(audited.has(action)).toBe(true);
    expect(document.auditEntries.some((e: any) => commissionIds.includes(e.entityId))).toBe(true);
    // Never a secret, never someone else.
    expect(text).not.toMatch(/password|token_?hash|\$argon2/i);
    for (const foreign of [other.creatorId, other.user.email, otherHandle, 'Otto Brandvold', brand.admin.email]) expect(text).not.toContain(foreign);
  });

  it("exports a brand user's account, memberships and sessions, without the creators they work with", async () => {
    const { text, document } = await exportOf(await tokenOf(stack, brand.admin));
    expect(document).toMatchObject({
      user: { id: brand.admin.id, email: brand.admin.email },
      memberships: [expect.objectContaining({ organizationId: brand.organizationId, organizationName: 'Glow Labs', role: 'BRAND_ADMIN' })],
      sessions: expect.arrayContaining([expect.objectContaining({ id: expect.any(String) })]),
      creator: null,
    });
    for (const foreign of [maya.user.email, NAME, HANDLE, other.user.email]) expect(text).not.toContain(foreign);
  });

  it('asks for the password and the confirmation phrase, and changes nothing without them', async () => {
    const wrong = await stack.gql.as(mayaToken).send(ERASE_MINE, { input: { password: 'not-my-password', confirmation: 'erase' } });
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
    expect(errorFields(wrong).sort()).toEqual(['input.confirmation', 'input.password']);
    const [user] = await stack.db.query(`SELECT email, status FROM users WHERE id = $1`, [maya.user.id]);
    expect(user).toEqual({ email: maya.user.email, status: 'ACTIVE' });
  });

  it('lets only platform admins erase someone else, with a reason that names nobody', async () => {
    const erase = { userId: maya.user.id, reason: 'Request #4411 received by email' };
    expect(errorCode(await stack.gql.as(mayaToken).send(ERASE, erase))).toBe('FORBIDDEN');
    expect(errorCode(await stack.gql.as(stack.finance.token).send(ERASE, erase))).toBe('FORBIDDEN');
    const named = await stack.gql.as(adminToken).send(ERASE, { userId: maya.user.id, reason: `Email from ${maya.user.email}` });
    expect(errorCode(named)).toBe('BAD_USER_INPUT');
    expect(errorFields(named)).toEqual(['reason']);
  });

  it('refuses while a payout is open, naming it, and changes nothing', async () => {
    const [payout] = await stack.db.query(`SELECT id FROM payouts WHERE creator_id = $1 AND status = 'PENDING'`, [maya.creatorId]);
    const before = await exportOf(mayaToken);
    const refused = await stack.gql.as(mayaToken).send(ERASE_MINE, { input: { password: TEST_PASSWORD, confirmation: CONFIRMATION } });
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.message).toContain(`${payout.id} (PENDING)`);
    const after = await exportOf(mayaToken);
    expect({ ...after.document, generatedAt: null }).toEqual({ ...before.document, generatedAt: null });
  });

  it('erases the creator once the payout is sent: nothing in the database names them, the money stays', async () => {
    worker = await createWorkerApp(stack.config, { shutdownHooks: false });
    await eventually(async () => {
      const [row] = await stack.db.query(`SELECT status FROM payouts WHERE creator_id = $1`, [maya.creatorId]);
      return row.status === 'SENT';
    }, "Maya's payout", 60_000);
    // A sale through her code, landing with her handle in the URL, as a shop reports it.
    const integration = await stack.sales.integration(brand.organizationId, brand.admin.id);
    const payload = genericOrderPayload({
      id: 'evt-maya-1',
      order: { id: 'maya-order-1', discountCodes: [code], clickId: null, landingUrl: `https://shop.example/serum?utm_source=${HANDLE}`, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() },
    });
    expect((await postGeneric(stack, integration.id, integration.signingSecret, payload)).status).toBe(202);
    await stack.settled();
    const [sale] = await stack.db.query(`SELECT id FROM orders WHERE external_id = 'maya-order-1' AND creator_id = $1`, [maya.creatorId]);
    expect(sale).toBeDefined();
    // The shopper's email and shop customer id are kept only as keyed hashes, anywhere in the database.
    expect(await scan(stack, ['ada.lovelace@example.com', 'cus_5001'])).toEqual([]);

    const money = async () =>
      stack.db.query(
        `SELECT 'commission' AS kind, id, amount_minor::text AS amount, status FROM commissions WHERE creator_id = $1
         UNION ALL SELECT 'payout', id, amount_minor::text, status FROM payouts WHERE creator_id = $1 ORDER BY 1, 2`,
        [maya.creatorId],
      );
    const moneyBefore = await money();
    const needles = [maya.user.email, NAME, HANDLE, code];
    // Before: the person is named in their own records and in what others hold about their sales.
    expect(await scan(stack, needles)).toEqual(
      expect.arrayContaining([
        `users.email: ${maya.user.email.toLowerCase()}`,
        `creator_profiles.bio: ${HANDLE}`,
        `social_accounts.handle: ${HANDLE}`,
        `enrollments.pitch: ${NAME.toLowerCase()}`,
        `referral_links.destination_url: ${HANDLE}`,
        `discount_codes.code: ${code.toLowerCase()}`,
        `sponsored_post_revisions.caption: ${HANDLE}`,
        `orders.landing_url: ${HANDLE}`,
        `orders.discount_codes: ${code.toLowerCase()}`,
        `order_events.raw_body: ${HANDLE}`,
      ]),
    );

    const { eraseMyAccount } = await stack.gql.as(mayaToken).ok(ERASE_MINE, { input: { password: TEST_PASSWORD, confirmation: 'erase my account' } });
    expect(eraseMyAccount.userId).toBe(maya.user.id);

    expect(await scan(stack, needles)).toEqual([]);
    // Someone else's data is untouched.
    expect((await scan(stack, [otherHandle, 'Otto Brandvold'])).length).toBeGreaterThan(0);
    expect(await money()).toEqual(moneyBefore);
    await expectLedgerBalanced(stack.db);
    // Signed out everywhere, and the old address no longer logs in.
    expect(errorCode(await stack.gql.as(mayaToken).send(ME))).toBe('UNAUTHENTICATED');
    expect(errorCode(await stack.gql.send(LOG_IN, { input: { email: maya.user.email, password: TEST_PASSWORD } }))).toBe('UNAUTHENTICATED');
    const [user] = await stack.db.query(`SELECT email, status FROM users WHERE id = $1`, [maya.user.id]);
    expect(user).toEqual({ email: `erased-${maya.user.id}@invalid`, status: 'ERASED' });
    const [audit] = await stack.db.query(`SELECT actor_id, before, after, reason FROM audit_log WHERE action = 'user.erased' AND entity_id = $1`, [maya.user.id]);
    expect(audit).toMatchObject({ actor_id: maya.user.id, reason: null, after: expect.objectContaining({ status: 'ERASED', creatorId: maya.creatorId }) });
    // Posts stay evidence: only blanking their personal content was allowed, nothing else.
    const [post] = await stack.db.query(`SELECT id, url FROM sponsored_posts WHERE creator_id = $1`, [maya.creatorId]);
    expect(post.url).toBe(`erased:${post.id}`);
    await expect(stack.db.query(`UPDATE sponsored_post_revisions SET caption = 'rewritten' WHERE post_id = $1`, [post.id])).rejects.toThrow(/append-only/);
    await expect(stack.db.query(`UPDATE sponsored_post_revisions SET caption = '', check_result = 'NON_COMPLIANT' WHERE post_id = $1`, [post.id])).rejects.toThrow(/append-only/);
    await expect(stack.db.query(`UPDATE sponsored_posts SET url = 'https://www.instagram.com/p/x/', url_key = 'x' WHERE id = $1`, [post.id])).rejects.toThrow(/keeps its identity/);
    await expect(stack.db.query(`DELETE FROM sponsored_post_revisions WHERE post_id = $1`, [post.id])).rejects.toThrow(/append-only/);
    // An erased account is not erased twice.
    expect(errorCode(await stack.gql.as(adminToken).send(ERASE, { userId: maya.user.id, reason: 'Request #4412' }))).toBe('CONFLICT');
  }, 120_000);

  it('lets an admin erase a brand user on a request received by email, audited with the reason', async () => {
    const member = await stack.make.member(brand);
    const memberToken = await tokenOf(stack, member);
    const { eraseAccount } = await stack.gql.as(adminToken).ok(ERASE, { userId: member.id, reason: 'Request #4413 received by email' });
    expect(eraseAccount.userId).toBe(member.id);
    expect(await scan(stack, [member.email])).toEqual([]);
    expect(await stack.db.query(`SELECT 1 FROM memberships WHERE user_id = $1`, [member.id])).toEqual([]);
    expect(errorCode(await stack.gql.as(memberToken).send(ME))).toBe('UNAUTHENTICATED');
    const [admin] = await stack.db.query(`SELECT id FROM users WHERE id IN (SELECT user_id FROM user_roles WHERE role = 'ADMIN')`);
    const [audit] = await stack.db.query(`SELECT actor_id, reason FROM audit_log WHERE action = 'user.erased' AND entity_id = $1`, [member.id]);
    expect(audit).toEqual({ actor_id: admin.id, reason: 'Request #4413 received by email' });
    expect(errorCode(await stack.gql.as(adminToken).send(ERASE, { userId: '0190d3b4-0000-7000-8000-000000000001', reason: 'Request #1' }))).toBe('NOT_FOUND');
  });

  it("refuses to erase a brand's only admin while other members remain, naming the organization", async () => {
    const team = await stack.make.brand({ name: 'Second Brand' });
    const member = await stack.make.member(team);
    const refused = await stack.gql.as(adminToken).send(ERASE, { userId: team.admin.id, reason: 'Request #4414' });
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.message).toContain(team.organizationId);
    expect((await stack.db.query(`SELECT status FROM users WHERE id = $1`, [team.admin.id]))[0].status).toBe('ACTIVE');
    // Once the member has gone, nobody is left without an admin.
    await stack.gql.as(adminToken).ok(ERASE, { userId: member.id, reason: 'Request #4415' });
    await stack.gql.as(adminToken).ok(ERASE, { userId: team.admin.id, reason: 'Request #4414' });
  });

  it("refuses to erase the platform's only active admin, and erases an admin while another remains", async () => {
    const refused = await stack.gql.as(adminToken).send(ERASE_MINE, { input: { password: TEST_PASSWORD, confirmation: CONFIRMATION } });
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.message).toContain("the platform's only active ADMIN");
    expect(await stack.db.query(`SELECT u.status FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'ADMIN'`)).toEqual([{ status: 'ACTIVE' }]);

    const second = await stack.make.user({ roles: [Role.ADMIN] });
    await stack.gql.as(adminToken).ok(ERASE, { userId: second.id, reason: 'Request #4416' });
    expect((await stack.db.query(`SELECT status FROM users WHERE id = $1`, [second.id]))[0].status).toBe('ERASED');
  });
});

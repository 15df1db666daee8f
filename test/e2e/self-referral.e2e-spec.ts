import { genericOrderPayload, TEST_PASSWORD } from '@app/testing';
import { VisitorSalts, visitorHash } from '@app/tracking';

import { logIn } from '../support/api-test-app.js';
import { postGeneric, type SalesStack, sellingCreator, startSalesStack } from '../support/sales-stack.js';

const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148';

describe('self-referral by visitor', () => {
  let stack: SalesStack;
  beforeAll(async () => {
    stack = await startSalesStack();
  });
  afterAll(() => stack.close());

  it("holds the commission of an order whose click came from the creator's own browser", async () => {
    const seller = await sellingCreator(stack, { budgetMinor: null });
    const [user] = await stack.db.query(`SELECT u.email FROM creator_profiles p JOIN users u ON u.id = p.user_id WHERE p.id = $1`, [seller.creatorId]);
    const token = (await logIn(stack.gql, { email: user.email, password: TEST_PASSWORD })).accessToken;
    await stack.gql.ok('{ myCommissions(first: 1) { edges { node { id } } } }', {}, { token, headers: { 'user-agent': PHONE } });

    // The creator's visitor hash for today, as the redirector would make it from the same browser.
    let hashes: { visitor_hash: string }[] = [];
    for (let i = 0; i < 40 && hashes.length === 0; i += 1) {
      hashes = await stack.db.query(`SELECT v.visitor_hash FROM creator_visitors v JOIN creator_profiles p ON p.user_id = v.user_id WHERE p.id = $1 AND v.day = current_date`, [seller.creatorId]);
      if (hashes.length === 0) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(hashes).toHaveLength(1);
    const salt = stack.api.get(VisitorSalts).saltFor(Date.now());
    expect([visitorHash('::ffff:127.0.0.1', PHONE, salt), visitorHash('127.0.0.1', PHONE, salt)]).toContain(hashes[0]!.visitor_hash);

    const linkId = await stack.sales.referralLink(seller);
    const own = await stack.sales.click({ linkId, participation: seller, at: new Date(Date.now() - 120_000), visitorHash: hashes[0]!.visitor_hash });
    const stranger = await stack.sales.click({ linkId, participation: seller, at: new Date(Date.now() - 120_000) });
    const shop = await stack.sales.integration(seller.campaign.organizationId, seller.brand.admin.id);
    const order = (id: string, cid: string) =>
      genericOrderPayload({ id: `evt-${id}`, order: { id, createdAt: new Date().toISOString(), discountCodes: [], clickId: cid, landingUrl: null, customer: { id: `c-${id}`, email: `${id}@example.com` } } });
    expect((await postGeneric(stack, shop.id, shop.signingSecret, order('own', own))).status).toBe(202);
    expect((await postGeneric(stack, shop.id, shop.signingSecret, order('stranger', stranger))).status).toBe(202);
    await stack.settled();

    const rows: { external_id: string; status: string; hold_reasons: string[] }[] = await stack.db.query(
      `SELECT o.external_id, c.status, c.hold_reasons FROM commissions c JOIN orders o ON o.id = c.order_id ORDER BY o.external_id`,
    );
    expect(rows).toEqual([
      { external_id: 'own', status: 'ON_HOLD', hold_reasons: ['FRAUD'] },
      { external_id: 'stranger', status: 'PENDING', hold_reasons: [] },
    ]);
    const [signal] = await stack.db.query(`SELECT rule, detail FROM fraud_signals WHERE scope = 'ORDER'`);
    expect(signal).toMatchObject({ rule: 'SELF_REFERRAL', detail: expect.objectContaining({ visitorMatch: true }) });
  });
});

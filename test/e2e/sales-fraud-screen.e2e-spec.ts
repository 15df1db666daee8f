import { genericOrderPayload } from '@app/testing';
import { postGeneric, type SalesStack, sellingCreator, startSalesStack } from '../support/sales-stack.js';

const MINUTE = 60_000;

/** The order rules read their facts from the database: each must see what it is about, and nothing else. */
describe('sales pipeline: the fraud screen of attributed orders', () => {
  let stack: SalesStack;
  beforeAll(async () => {
    stack = await startSalesStack();
  });
  afterAll(() => stack.close());

  const signalsOf = async (orderId: string): Promise<string[]> =>
    (await stack.db.query(`SELECT f.rule FROM fraud_signals f JOIN orders o ON o.id = f.order_id WHERE o.external_id = $1 ORDER BY f.rule`, [orderId])).map(
      (row: { rule: string }) => row.rule,
    );

  it('holds self-referrals, a customer\'s sixth order in a day and a visitor\'s click burst, and nothing else', async () => {
    const seller = await sellingCreator(stack, { budgetMinor: null });
    await stack.sales.discountCode(seller, 'RIVER10');
    const linkId = await stack.sales.referralLink(seller);
    const shop = await stack.sales.integration(seller.campaign.organizationId, seller.brand.admin.id);
    const [creator] = await stack.db.query(`SELECT u.email FROM creator_profiles p JOIN users u ON u.id = p.user_id WHERE p.id = $1`, [seller.creatorId]);
    const now = Date.now();
    const at = (ms: number) => new Date(ms).toISOString();
    const send = async (id: string, order: Record<string, unknown>) => {
      const body = genericOrderPayload({ id: `evt-${id}`, order: { id, createdAt: at(now), clickId: null, landingUrl: null, discountCodes: ['RIVER10'], ...order } });
      expect((await postGeneric(stack, shop.id, shop.signingSecret, body)).status).toBe(202);
    };

    await send('self', { customer: { id: 'cus-self', email: creator.email.toUpperCase() } });
    // One at a time: an order counts the customer's orders already recorded, not those the worker applies beside it.
    for (let i = 1; i <= 6; i += 1) {
      await send(`burst-${i}`, { createdAt: at(now - (7 - i) * MINUTE), customer: { id: `cus-burst-${i}`, email: 'same.buyer@example.com' } });
      await stack.settled();
    }
    const visitor = 'v'.repeat(32);
    let clickId = '';
    for (let i = 0; i < 31; i += 1) clickId = await stack.sales.click({ linkId, participation: seller, at: new Date(now - 50 * MINUTE + i * 1_000), visitorHash: visitor });
    await send('clicky', { discountCodes: [], clickId, customer: { id: 'cus-clicky', email: 'clicky@example.com' } });
    const calmClick = await stack.sales.click({ linkId, participation: seller, at: new Date(now - 20 * MINUTE) });
    await send('calm', { discountCodes: [], clickId: calmClick, customer: { id: 'cus-calm', email: 'calm@example.com' } });
    await stack.settled();

    expect(await signalsOf('self')).toEqual(['SELF_REFERRAL']);
    for (let i = 1; i <= 5; i += 1) expect(await signalsOf(`burst-${i}`)).toEqual([]);
    expect(await signalsOf('burst-6')).toEqual(['CUSTOMER_ORDER_BURST']);
    expect(await signalsOf('clicky')).toEqual(['VISITOR_CLICK_BURST']);
    expect(await signalsOf('calm')).toEqual([]);
  });
});

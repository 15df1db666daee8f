import { genericOrderPayload } from '@app/testing';
import request from 'supertest';
import { postGeneric, type SalesStack, sellingCreator, startSalesStack } from '../support/sales-stack.js';

describe('sales pipeline (smoke)', () => {
  let stack: SalesStack;
  beforeAll(async () => {
    stack = await startSalesStack();
  });
  afterAll(() => stack.close());

  it('turns a signed order webhook with a code into an attributed order and a pending commission', async () => {
    const seller = await sellingCreator(stack);
    await stack.sales.discountCode(seller, 'MAYA15');
    const shop = await stack.sales.integration(seller.campaign.organizationId, seller.brand.admin.id);
    const body = genericOrderPayload({ id: 'evt-1', order: { id: 'order-1', createdAt: new Date().toISOString(), discountCodes: ['maya15'], clickId: null, landingUrl: null } });
    const response = await postGeneric(stack, shop.id, shop.signingSecret, body);
    expect(response.status).toBe(202);
    await stack.settled();
    const [order] = await stack.db.query(`SELECT * FROM orders WHERE external_id = 'order-1'`);
    expect(order.creator_id).toBe(seller.creatorId);
    const [commission] = await stack.db.query(`SELECT * FROM commissions WHERE order_id = $1`, [order.id]);
    expect(commission).toMatchObject({ status: 'PENDING', kind: 'SALE', currency: 'USD' });
    expect(BigInt(commission.amount_minor)).toBeGreaterThan(0n);
  });

  it('refuses a webhook body over 2 MB with 413 and stores nothing, and leaves other routes to the framework', async () => {
    const seller = await sellingCreator(stack);
    const shop = await stack.sales.integration(seller.campaign.organizationId, seller.brand.admin.id);
    const huge = JSON.stringify({ id: 'evt-huge', padding: 'x'.repeat(2 * 1024 * 1024) });
    const response = await request(stack.server).post(`/webhooks/orders/${shop.id}`).set('content-type', 'application/json').send(huge);
    expect(response.status).toBe(413);
    expect((await stack.db.query(`SELECT count(*)::int AS n FROM order_events WHERE integration_id = $1`, [shop.id]))[0].n).toBe(0);
    expect((await request(stack.server).get('/health/live')).status).toBe(200);
    expect((await request(stack.server).get(`/webhooks/orders/${shop.id}`)).status).toBe(404);
  });
});

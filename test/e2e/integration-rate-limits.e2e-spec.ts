import { errorCode, type MadeBrand, type Participation } from '@app/testing';
import { rowsOf, simpleOrder } from '../support/sales-api.js';
import { postGeneric, type SalesStack, sellingCreator, startSalesStack } from '../support/sales-stack.js';

const RECORD_ORDER = `mutation Record($input: RecordOrderInput!) { recordOrder(input: $input) { eventId accepted } }`;
const LIMIT = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('per-integration rate limits', () => {
  let stack: SalesStack;
  let seller: Participation & { brand: MadeBrand };
  let sequence = 0;
  const nextId = (label: string) => `${label}-${(sequence += 1)}`;
  const shop = () => stack.sales.integration(seller.campaign.organizationId, seller.brand.admin.id);

  beforeAll(async () => {
    stack = await startSalesStack({ env: { INTEGRATION_RATE_LIMIT: String(LIMIT), INTEGRATION_RATE_WINDOW_SECONDS: '2' } });
    seller = await sellingCreator(stack);
  }, 120_000);
  afterAll(() => stack.close());

  it('answers 429 to the webhook over the limit, keeps and applies every one before it, and accepts the retry after the window', async () => {
    const integration = await shop();
    const orders = Array.from({ length: LIMIT + 1 }, () => simpleOrder({ orderId: nextId('burst') }));
    for (const order of orders.slice(0, LIMIT)) expect((await postGeneric(stack, integration.id, integration.signingSecret, order)).status).toBe(202);

    const refused = await postGeneric(stack, integration.id, integration.signingSecret, orders[LIMIT]);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error: 'rate_limited', retryAfterSeconds: expect.any(Number) });
    expect(refused.body.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.body.retryAfterSeconds).toBeLessThanOrEqual(2);
    expect(refused.headers['retry-after']).toBe(String(refused.body.retryAfterSeconds));

    await stack.settled();
    expect(await rowsOf(stack, 'order_events', integration.id)).toBe(LIMIT);
    expect(await rowsOf(stack, 'orders', integration.id)).toBe(LIMIT);
    const [{ applied }] = await stack.db.query(`SELECT count(*)::int AS applied FROM order_events WHERE integration_id = $1 AND status = 'APPLIED'`, [integration.id]);
    expect(applied).toBe(LIMIT);

    await sleep(refused.body.retryAfterSeconds * 1000 + 100);
    expect((await postGeneric(stack, integration.id, integration.signingSecret, orders[LIMIT])).status).toBe(202);
    await stack.settled();
    expect(await rowsOf(stack, 'orders', integration.id)).toBe(LIMIT + 1);
  });

  it('counts only deliveries the shop signed, so forged ones cannot use up its allowance', async () => {
    const integration = await shop();
    for (let i = 0; i < LIMIT + 2; i += 1) {
      expect((await postGeneric(stack, integration.id, 'whsec_not_the_secret', simpleOrder({ orderId: nextId('forged') }))).status).toBe(401);
    }
    for (let i = 0; i < LIMIT; i += 1) {
      expect((await postGeneric(stack, integration.id, integration.signingSecret, simpleOrder({ orderId: nextId('genuine') }))).status).toBe(202);
    }
  });

  it('limits one integration without touching another', async () => {
    const [busy, quiet] = [await shop(), await shop()];
    for (let i = 0; i <= LIMIT; i += 1) await postGeneric(stack, busy.id, busy.signingSecret, simpleOrder({ orderId: nextId('busy') }));
    expect((await postGeneric(stack, busy.id, busy.signingSecret, simpleOrder({ orderId: nextId('busy') }))).status).toBe(429);
    expect((await postGeneric(stack, quiet.id, quiet.signingSecret, simpleOrder({ orderId: nextId('quiet') }))).status).toBe(202);
  });

  it('refuses recordOrder over the limit with RATE_LIMITED and stores nothing for it', async () => {
    const integration = await shop();
    const record = (orderId: string) =>
      stack.gql.send(
        RECORD_ORDER,
        {
          input: {
            eventId: `evt-${orderId}`,
            order: { id: orderId, createdAt: new Date().toISOString(), currency: 'USD', subtotal: '100.00', total: '100.00', lineItems: [{ sku: 'S', quantity: 1, price: '100.00' }] },
          },
        },
        { headers: { 'x-api-key': integration.apiKey } },
      );
    for (let i = 0; i < LIMIT; i += 1) expect((await record(nextId('api'))).data?.recordOrder.accepted).toBe(true);
    const refusedId = nextId('api');
    const refused = await record(refusedId);
    expect(errorCode(refused)).toBe('RATE_LIMITED');
    expect(refused.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.headers['retry-after']).toBe(String(refused.errors![0]!.extensions!.retryAfterSeconds));
    const [{ n }] = await stack.db.query(`SELECT count(*)::int AS n FROM order_events WHERE external_event_id = $1`, [`evt-${refusedId}`]);
    expect(n).toBe(0);
    expect(await rowsOf(stack, 'order_events', integration.id)).toBe(LIMIT);
  });
});

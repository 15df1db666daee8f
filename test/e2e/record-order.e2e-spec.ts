import { errorCode, errorFields, type MadeBrand, type MadeIntegration, type Participation } from '@app/testing';
import { commissionAdjustments, commissionOf, eventStatuses, ORDER, orderRow, rowsOf, tokenOf } from '../support/sales-api.js';
import { type SalesStack, sellingCreator, startSalesStack } from '../support/sales-stack.js';

const RECORD_ORDER = `mutation Record($input: RecordOrderInput!) { recordOrder(input: $input) { eventId accepted } }`;
const RECORD_REFUND = `mutation Refund($input: RecordRefundInput!) { recordRefund(input: $input) { eventId accepted } }`;

describe('recordOrder and recordRefund', () => {
  let stack: SalesStack;
  let seller: Participation & { brand: MadeBrand };
  let shop: MadeIntegration;
  let sequence = 0;

  const nextId = (label: string) => `${label}-${(sequence += 1)}`;
  const withKey = (apiKey: string) => ({ headers: { 'X-Api-Key': apiKey } });
  /** An order of 100.00 (one line, no discount), ordered now by a customer of its own. */
  const orderInput = (orderId: string, order: Record<string, unknown> = {}, eventId = `evt-${orderId}`) => ({
    eventId,
    order: {
      id: orderId,
      createdAt: new Date().toISOString(),
      currency: 'USD',
      subtotal: '100.00',
      shipping: '5.00',
      tax: '8.00',
      total: '113.00',
      discountCodes: ['maya15'],
      customer: { id: `cus-${orderId}`, email: `${orderId}@shopper.test` },
      lineItems: [{ sku: 'SERUM-30', quantity: 1, price: '100.00' }],
      ...order,
    },
  });
  const record = (input: Record<string, unknown>, apiKey = shop.apiKey) => stack.gql.send(RECORD_ORDER, { input }, withKey(apiKey));
  const refund = (input: Record<string, unknown>, apiKey = shop.apiKey) => stack.gql.send(RECORD_REFUND, { input }, withKey(apiKey));
  const eventsNamed = async (externalEventId: string) => {
    const [row] = await stack.db.query(`SELECT count(*)::int AS n FROM order_events WHERE external_event_id = $1`, [externalEventId]);
    return row.n as number;
  };

  beforeAll(async () => {
    stack = await startSalesStack();
    seller = await sellingCreator(stack);
    await stack.sales.discountCode(seller, 'MAYA15');
    shop = await stack.sales.integration(seller.campaign.organizationId, seller.brand.admin.id);
  }, 120_000);
  afterAll(() => stack.close());

  it('stores an order sent with a valid API key, and the worker attributes it', async () => {
    const orderId = nextId('api-order');
    const response = await record(orderInput(orderId));
    expect(response.errors).toBeUndefined();
    expect(response.data!.recordOrder).toEqual({ eventId: expect.any(String), accepted: true });
    await stack.settled();

    const [event] = await stack.db.query(`SELECT id, source, topic, status FROM order_events WHERE external_event_id = $1`, [`evt-${orderId}`]);
    expect(event).toEqual({ id: response.data!.recordOrder.eventId, source: 'API', topic: 'order.created', status: 'APPLIED' });
    const order = await orderRow(stack, shop.id, orderId);
    expect(order).toMatchObject({ creator_id: seller.creatorId, enrollment_id: seller.enrollmentId, subtotal_minor: '10000', total_minor: '11300' });
    expect(await commissionOf(stack, order!.id)).toMatchObject({ status: 'PENDING', amount_minor: '1500' });

    const token = await tokenOf(stack, seller.brand.admin);
    const { order: seen } = await stack.gql.as(token).ok(ORDER, { id: order!.id });
    expect(seen.attribution).toMatchObject({ rule: 'CODE_WINS', winner: { kind: 'CODE', ref: 'maya15', outcome: 'WON', creatorId: seller.creatorId } });
  });

  it('accepts an event id once: the second time says accepted: false and changes nothing', async () => {
    const orderId = nextId('api-order');
    const first = await record(orderInput(orderId));
    const second = await record(orderInput(orderId, { subtotal: '999.00', total: '1012.00' }));
    expect(first.data!.recordOrder.accepted).toBe(true);
    expect(second.errors).toBeUndefined();
    expect(second.data!.recordOrder).toEqual({ eventId: first.data!.recordOrder.eventId, accepted: false });
    await stack.settled();
    expect((await record(orderInput(orderId))).data!.recordOrder.accepted).toBe(false);
    await stack.settled();

    expect(await eventsNamed(`evt-${orderId}`)).toBe(1);
    const [orders] = await stack.db.query(`SELECT count(*)::int AS n, min(subtotal_minor) AS subtotal FROM orders WHERE integration_id = $1 AND external_id = $2`, [shop.id, orderId]);
    expect(orders).toEqual({ n: 1, subtotal: '10000' });
    const [commissions] = await stack.db.query(`SELECT count(*)::int AS n FROM commissions c JOIN orders o ON o.id = c.order_id WHERE o.external_id = $1`, [orderId]);
    expect(commissions.n).toBe(1);
  });

  it('refuses a missing, wrong or disabled key with UNAUTHENTICATED and stores nothing', async () => {
    const disabled = await stack.sales.integration(seller.campaign.organizationId, seller.brand.admin.id);
    await stack.db.query(`UPDATE merchant_integrations SET status = 'DISABLED' WHERE id = $1`, [disabled.id]);
    const before = await rowsOf(stack, 'order_events', shop.id);
    const cases: [string, string | null][] = [
      ['missing', null],
      ['wrong', `${shop.apiKey.slice(0, -4)}abcd`],
      ['the signing secret instead of the key', shop.signingSecret],
      ['disabled', disabled.apiKey],
    ];
    for (const [label, key] of cases) {
      const orderId = nextId('api-unauth');
      const response = key === null ? await stack.gql.send(RECORD_ORDER, { input: orderInput(orderId) }) : await record(orderInput(orderId), key);
      expect({ label, code: errorCode(response), data: response.data }).toEqual({ label, code: 'UNAUTHENTICATED', data: null });
      const refused = key === null ? await stack.gql.send(RECORD_REFUND, { input: { eventId: `r-${orderId}`, orderId, refundId: 'r', amount: '1.00' } }) : await refund({ eventId: `r-${orderId}`, orderId, refundId: 'r', amount: '1.00' }, key);
      expect(errorCode(refused)).toBe('UNAUTHENTICATED');
      expect(await eventsNamed(`evt-${orderId}`)).toBe(0);
      expect(await eventsNamed(`r-${orderId}`)).toBe(0);
    }
    expect(await rowsOf(stack, 'order_events', shop.id)).toBe(before);
    expect(await rowsOf(stack, 'order_events', disabled.id)).toBe(0);
  });

  it('refuses bad amounts with BAD_USER_INPUT naming the input field, and stores nothing', async () => {
    const before = await rowsOf(stack, 'order_events', shop.id);
    const cases: [string, Record<string, unknown>][] = [
      ['input.order.subtotal', { subtotal: 'abc' }],
      ['input.order.total', { total: '-113.00' }],
      ['input.order.shipping', { shipping: '5,00' }],
      ['input.order.lineItems[0].price', { lineItems: [{ sku: 'SERUM-30', quantity: 1, price: '1e3' }] }],
      ['input.order.currency', { currency: 'ZZ' }],
    ];
    for (const [field, order] of cases) {
      const response = await record(orderInput(nextId('api-bad'), order));
      expect({ field, code: errorCode(response), fields: errorFields(response) }).toEqual({ field, code: 'BAD_USER_INPUT', fields: [field] });
      expect(response.errors![0]!.message).toContain(field);
    }
    const refundCases: [string, Record<string, unknown>][] = [
      ['input.amount', { amount: 'ten dollars' }],
      ['input.lineItems[0].amount', { lineItems: [{ quantity: 1, amount: 'x' }] }],
      ['input.currency', { currency: 'US' }],
      // An order not recorded yet: nothing says which currency the amount is in.
      ['input.currency', { currency: undefined }],
    ];
    for (const [field, change] of refundCases) {
      const response = await refund({ eventId: nextId('r-bad'), orderId: nextId('not-yet'), refundId: 'r-1', amount: '1.00', currency: 'USD', ...change });
      expect({ field, code: errorCode(response), fields: errorFields(response) }).toEqual({ field, code: 'BAD_USER_INPUT', fields: [field] });
    }
    await stack.settled();
    expect(await rowsOf(stack, 'order_events', shop.id)).toBe(before);
  });

  it('applies a refund recorded with recordRefund once, in proportion', async () => {
    const orderId = nextId('api-order');
    await record(orderInput(orderId));
    await stack.settled();
    const order = await orderRow(stack, shop.id, orderId);
    const commission = await commissionOf(stack, order!.id);
    expect(commission).toMatchObject({ amount_minor: '1500' });

    const refundId = nextId('refund');
    const first = await refund({ eventId: nextId('evt-refund'), orderId, refundId, amount: '20.00' });
    expect(first.data!.recordRefund.accepted).toBe(true);
    await stack.settled();
    expect(await orderRow(stack, shop.id, orderId)).toMatchObject({ refunded_net_minor: '2000', status: 'OPEN' });
    expect(await commissionOf(stack, order!.id)).toMatchObject({ status: 'PENDING', amount_minor: '1200' });

    // The same refund again under a new event id (a retry from a shop that lost the answer): no second effect.
    expect((await refund({ eventId: nextId('evt-refund'), orderId, refundId, amount: '20.00' })).data!.recordRefund.accepted).toBe(true);
    await stack.settled();
    expect((await eventStatuses(stack, shop.id, orderId)).map((event) => [event.topic, event.status])).toEqual([
      ['order.created', 'APPLIED'],
      ['order.refunded', 'APPLIED'],
      ['order.refunded', 'SKIPPED'],
    ]);
    expect(await commissionAdjustments(stack, commission!.id)).toEqual([
      { kind: 'CREATED', delta: 1500n, after: 1500n },
      { kind: 'REFUND', delta: -300n, after: 1200n },
    ]);

    // A refund in another currency than the order's is refused.
    const foreign = await refund({ eventId: nextId('evt-refund'), orderId, refundId: nextId('refund'), amount: '1.00', currency: 'EUR' });
    expect({ code: errorCode(foreign), fields: errorFields(foreign) }).toEqual({ code: 'BAD_USER_INPUT', fields: ['input.currency'] });

    // The rest of the order, by lines this time: the commission is reversed.
    await refund({ eventId: nextId('evt-refund'), orderId, refundId: nextId('refund'), amount: '0.00', lineItems: [{ sku: 'SERUM-30', quantity: 1, amount: '80.00' }] });
    await stack.settled();
    expect(await orderRow(stack, shop.id, orderId)).toMatchObject({ refunded_net_minor: '10000', status: 'REFUNDED' });
    expect(await commissionOf(stack, order!.id)).toMatchObject({ status: 'REVERSED', amount_minor: '0' });
  });

  it('keeps a refund recorded before its order waiting, with its currency, until the order comes', async () => {
    const orderId = nextId('api-order');
    const early = await refund({ eventId: nextId('evt-refund'), orderId, refundId: nextId('refund'), amount: '50.00', currency: 'usd' });
    expect(early.data!.recordRefund.accepted).toBe(true);
    await stack.settled();
    expect((await eventStatuses(stack, shop.id, orderId)).map((event) => event.status)).toEqual(['WAITING_FOR_ORDER']);
    await record(orderInput(orderId));
    await stack.settled();
    const order = await orderRow(stack, shop.id, orderId);
    expect(order).toMatchObject({ refunded_net_minor: '5000' });
    expect(await commissionOf(stack, order!.id)).toMatchObject({ status: 'PENDING', amount_minor: '750' });
  });

  it('records an update and a cancellation through change', async () => {
    const orderId = nextId('api-order');
    const createdAt = new Date().toISOString();
    await record(orderInput(orderId, { createdAt }));
    await stack.settled();
    const updated = await record({ ...orderInput(orderId, { createdAt, subtotal: '60.00', total: '73.00', lineItems: [{ sku: 'SERUM-30', quantity: 1, price: '60.00' }] }, nextId('evt-upd')), change: 'UPDATED' });
    expect(updated.data!.recordOrder.accepted).toBe(true);
    await stack.settled();
    const order = await orderRow(stack, shop.id, orderId);
    expect(order).toMatchObject({ subtotal_minor: '6000' });
    expect(await commissionOf(stack, order!.id)).toMatchObject({ status: 'PENDING', amount_minor: '900' });

    await record({ ...orderInput(orderId, { createdAt }, nextId('evt-cancel')), change: 'CANCELLED' });
    await stack.settled();
    expect(await orderRow(stack, shop.id, orderId)).toMatchObject({ status: 'CANCELLED' });
    expect(await commissionOf(stack, order!.id)).toMatchObject({ status: 'REVERSED', amount_minor: '0' });
  });
});

import { randomUUID } from 'node:crypto';
import { signShopifyPayload } from '@app/attribution';
import { type MadeIntegration, type PayloadObject, shopifyOrderPayload, shopifyRefundPayload } from '@app/testing';
import request from 'supertest';
import { commissionAdjustments, commissionOf, eventStatuses, ORDER, orderRow, rowsOf, tokenOf } from '../support/sales-api.js';
import { postShopify, type SalesStack, sellingCreator, startSalesStack } from '../support/sales-stack.js';

describe('Shopify order webhooks', () => {
  let stack: SalesStack;
  let seller: Awaited<ReturnType<typeof sellingCreator>>;
  let linkId: string;
  let brandToken: string;
  let sequence = 0;

  const shop = () => stack.sales.integration(seller.campaign.organizationId, seller.brand.admin.id, 'SHOPIFY');
  /** A Shopify order id (a number, as Shopify sends them) and a webhook id of their own per call. */
  const nextOrderId = () => 6_100_000_000_000 + (sequence += 1);
  const webhookId = () => randomUUID();

  /** A realistic `orders/create` body, ordered now by a customer of its own. */
  const orderBody = (id: number, overrides: PayloadObject = {}) =>
    shopifyOrderPayload({
      id,
      name: `#${id % 100_000}`,
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
      processed_at: new Date().toISOString(),
      email: `buyer-${id}@shopper.test`,
      contact_email: `buyer-${id}@shopper.test`,
      customer: { id: id + 1, email: `buyer-${id}@shopper.test` },
      ...overrides,
    });

  beforeAll(async () => {
    stack = await startSalesStack();
    seller = await sellingCreator(stack);
    await stack.sales.discountCode(seller, 'MAYA15');
    linkId = await stack.sales.referralLink(seller);
    brandToken = await tokenOf(stack, seller.brand.admin);
  }, 120_000);
  afterAll(() => stack.close());

  it('attributes a realistic orders/create with the creator\'s code and click, and explains the decision', async () => {
    const integration = await shop();
    const cid = await stack.sales.click({ linkId, participation: seller, at: new Date(Date.now() - 5 * 60_000) });
    const id = nextOrderId();
    const body = orderBody(id, {
      discount_codes: [{ code: 'maya15', amount: '8.05', type: 'percentage' }],
      discount_applications: [{ target_type: 'line_item', type: 'discount_code', value: '10.0', value_type: 'percentage', allocation_method: 'across', target_selection: 'all', code: 'maya15' }],
      landing_site: `/products/organic-cotton-tee?utm_source=instagram&utm_medium=creator&cid=${cid}`,
    });
    const response = await postShopify(stack, integration.id, integration.signingSecret, 'orders/create', webhookId(), body);
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ status: 'accepted', eventId: expect.any(String) });
    await stack.settled();

    const order = await orderRow(stack, integration.id, String(id));
    // As placed: 80.50 of merchandise, 8.05 off with the code, 5.99 shipping.
    expect(order).toMatchObject({
      creator_id: seller.creatorId,
      enrollment_id: seller.enrollmentId,
      subtotal_minor: '8050',
      discount_minor: '805',
      shipping_minor: '599',
      click_id: cid,
      discount_codes: ['maya15'],
    });
    const { order: seen } = await stack.gql.as(brandToken).ok(ORDER, { id: order!.id });
    expect(seen).toMatchObject({ externalId: String(id), creatorId: seller.creatorId, net: { amountMinor: '7245', currency: 'USD' } });
    expect(seen.attribution).toMatchObject({
      rule: 'CODE_WINS',
      method: 'RULES',
      winnerCreatorId: seller.creatorId,
      winner: { kind: 'CODE', ref: 'maya15', creatorId: seller.creatorId, outcome: 'WON' },
    });
    expect(seen.attribution.candidates.map((c: any) => ({ kind: c.kind, outcome: c.outcome, reasonCode: c.reasonCode, creatorId: c.creatorId }))).toEqual([
      { kind: 'CODE', outcome: 'WON', reasonCode: 'WON_CODE_WINS', creatorId: seller.creatorId },
      { kind: 'CLICK', outcome: 'LOST', reasonCode: 'CODE_BEATS_CLICK', creatorId: seller.creatorId },
    ]);
    // 15% of 72.45 is 10.8675, rounded half-even to 10.87.
    expect(await commissionOf(stack, order!.id)).toMatchObject({ status: 'PENDING', amount_minor: '1087', creator_id: seller.creatorId });
  });

  it('attributes an order by its landing page cid alone', async () => {
    const integration = await shop();
    const cid = await stack.sales.click({ linkId, participation: seller, at: new Date(Date.now() - 2 * 60_000) });
    const id = nextOrderId();
    const body = orderBody(id, { discount_codes: [], discount_applications: [], landing_site: `https://shop.example/?cid=${cid}` });
    expect((await postShopify(stack, integration.id, integration.signingSecret, 'orders/create', webhookId(), body)).status).toBe(202);
    await stack.settled();
    const order = await orderRow(stack, integration.id, String(id));
    const { order: seen } = await stack.gql.as(brandToken).ok(ORDER, { id: order!.id });
    expect(seen.attribution).toMatchObject({ rule: 'CODE_WINS', winner: { kind: 'CLICK', ref: cid, outcome: 'WON' } });
    expect(seen.attribution.candidates.map((c: any) => [c.kind, c.outcome])).toEqual([['CLICK', 'WON']]);
    expect(await commissionOf(stack, order!.id)).toMatchObject({ status: 'PENDING', hold_reasons: [] });
  });

  it('answers 401 to a bad HMAC and stores nothing', async () => {
    const integration = await shop();
    const body = orderBody(nextOrderId());
    const raw = JSON.stringify(body);
    const post = (hmac: string | null, payload = raw) => {
      let call = request(stack.server)
        .post(`/webhooks/shopify/${integration.id}`)
        .set('content-type', 'application/json')
        .set('x-shopify-topic', 'orders/create')
        .set('x-shopify-webhook-id', webhookId());
      if (hmac !== null) call = call.set('x-shopify-hmac-sha256', hmac);
      return call.send(payload);
    };
    const genuine = signShopifyPayload(integration.signingSecret, raw);
    const tampered = raw.replace('"8.05"', '"0.01"');
    expect(tampered).not.toBe(raw);
    const responses = [
      await post(null),
      await post(signShopifyPayload('not-the-secret', raw)),
      await post(genuine, tampered),
      await post(Buffer.from(genuine, 'base64').subarray(0, 31).toString('base64')),
      await post(Buffer.from(genuine, 'base64').toString('hex')),
      await postShopify(stack, integration.id, `${integration.signingSecret}x`, 'orders/create', webhookId(), body),
    ];
    for (const response of responses) expect({ status: response.status, body: response.body }).toEqual({ status: 401, body: { error: 'invalid_signature' } });
    await stack.settled();
    expect(await rowsOf(stack, 'order_events', integration.id)).toBe(0);
    expect(await rowsOf(stack, 'orders', integration.id)).toBe(0);
    // The genuine signature of the same body is accepted: it was the HMACs that were refused.
    expect((await post(genuine)).status).toBe(202);
  });

  it('applies one X-Shopify-Webhook-Id once, however often it is delivered', async () => {
    const integration = await shop();
    const id = nextOrderId();
    const body = orderBody(id, { discount_codes: [{ code: 'MAYA15', amount: '8.05', type: 'percentage' }], landing_site: null });
    const delivery = webhookId();
    const first = await postShopify(stack, integration.id, integration.signingSecret, 'orders/create', delivery, body);
    const second = await postShopify(stack, integration.id, integration.signingSecret, 'orders/create', delivery, body);
    expect([first.status, second.status]).toEqual([202, 200]);
    expect(second.body).toEqual({ status: 'duplicate', eventId: first.body.eventId });
    await stack.settled();
    expect((await postShopify(stack, integration.id, integration.signingSecret, 'orders/create', delivery, body)).status).toBe(200);

    // Shopify may also send the same order again as a new webhook: the order is already recorded.
    expect((await postShopify(stack, integration.id, integration.signingSecret, 'orders/create', webhookId(), body)).status).toBe(202);
    await stack.settled();
    expect((await eventStatuses(stack, integration.id, String(id))).map((event) => event.status)).toEqual(['APPLIED', 'SKIPPED']);
    expect(await rowsOf(stack, 'orders', integration.id)).toBe(1);
    const order = await orderRow(stack, integration.id, String(id));
    const [commissions] = await stack.db.query(`SELECT count(*)::int AS n FROM commissions WHERE order_id = $1`, [order!.id]);
    expect(commissions.n).toBe(1);
    const [adjustments] = await stack.db.query(`SELECT count(*)::int AS n FROM order_adjustments WHERE order_id = $1`, [order!.id]);
    expect(adjustments.n).toBe(1);
  });

  it('keeps a refunds/create that comes before its orders/create waiting, then applies it once', async () => {
    const integration = await shop();
    const id = nextOrderId();
    const refund = shopifyRefundPayload({ id: id + 500, order_id: id });
    const refundDelivery = webhookId();
    expect((await postShopify(stack, integration.id, integration.signingSecret, 'refunds/create', refundDelivery, refund)).status).toBe(202);
    await stack.settled();
    expect(await eventStatuses(stack, integration.id, String(id))).toEqual([{ topic: 'refunds/create', status: 'WAITING_FOR_ORDER', outcome: 'waiting for the order' }]);
    expect(await rowsOf(stack, 'orders', integration.id)).toBe(0);

    const body = orderBody(id, { discount_codes: [{ code: 'MAYA15', amount: '8.05', type: 'percentage' }], landing_site: null });
    expect((await postShopify(stack, integration.id, integration.signingSecret, 'orders/create', webhookId(), body)).status).toBe(202);
    await stack.settled();
    expect((await eventStatuses(stack, integration.id, String(id))).map((event) => [event.topic, event.status])).toEqual([
      ['refunds/create', 'APPLIED'],
      ['orders/create', 'APPLIED'],
    ]);
    const order = await orderRow(stack, integration.id, String(id));
    // One tee back: 22.50 net of its share of the code (tax and shipping are not merchandise).
    expect(order).toMatchObject({ refunded_net_minor: '2250', status: 'OPEN' });
    const commission = await commissionOf(stack, order!.id);
    // 10.87 on 72.45 net; 49.95 of it remains: 10.87 × 49.95 / 72.45 = 7.494…, so 7.49.
    expect(commission).toMatchObject({ status: 'PENDING', amount_minor: '749' });
    expect(await commissionAdjustments(stack, commission!.id)).toEqual([
      { kind: 'CREATED', delta: 1087n, after: 1087n },
      { kind: 'REFUND', delta: -338n, after: 749n },
    ]);

    // Shopify retries the refund webhook: nothing more happens.
    expect((await postShopify(stack, integration.id, integration.signingSecret, 'refunds/create', refundDelivery, refund)).status).toBe(200);
    await stack.settled();
    expect(await commissionAdjustments(stack, commission!.id)).toHaveLength(2);
  });

  it('reverses the commission when Shopify reports the order cancelled through orders/updated', async () => {
    const integration = await shop();
    const id = nextOrderId();
    const body = orderBody(id, { discount_codes: [{ code: 'MAYA15', amount: '8.05', type: 'percentage' }], landing_site: null });
    await postShopify(stack, integration.id, integration.signingSecret, 'orders/create', webhookId(), body);
    await stack.settled();
    const later = new Date(Date.now() + 60_000).toISOString();
    const cancelled = { ...body, cancelled_at: later, cancel_reason: 'customer', updated_at: later };
    expect((await postShopify(stack, integration.id, integration.signingSecret, 'orders/updated', webhookId(), cancelled)).status).toBe(202);
    await stack.settled();
    const order = await orderRow(stack, integration.id, String(id));
    expect(order!.status).toBe('CANCELLED');
    expect(await commissionOf(stack, order!.id)).toMatchObject({ status: 'REVERSED', amount_minor: '0' });
  });

  it('acknowledges a topic it does not handle with 200 and keeps nothing', async () => {
    const integration: MadeIntegration = await shop();
    const product = { id: 7_513_594_200_321, title: 'Organic Cotton Tee', status: 'active', updated_at: new Date().toISOString() };
    const response = await postShopify(stack, integration.id, integration.signingSecret, 'products/update', webhookId(), product);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ignored', topic: 'products/update' });
    // Verified first all the same: a forged one is refused.
    const forged = await postShopify(stack, integration.id, 'not-the-secret', 'products/update', webhookId(), product);
    expect(forged.status).toBe(401);
    await stack.settled();
    expect(await rowsOf(stack, 'order_events', integration.id)).toBe(0);
    expect(await rowsOf(stack, 'orders', integration.id)).toBe(0);
  });

  it('answers 400 naming the field for an order Shopify could not have sent, and 404 for another kind of integration', async () => {
    const integration = await shop();
    const bad = await postShopify(stack, integration.id, integration.signingSecret, 'orders/create', webhookId(), orderBody(nextOrderId(), { total_line_items_price: 'lots' }));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'invalid_payload', field: 'total_line_items_price' });
    const raw = JSON.stringify(orderBody(nextOrderId()));
    const noWebhookId = await request(stack.server)
      .post(`/webhooks/shopify/${integration.id}`)
      .set('content-type', 'application/json')
      .set('x-shopify-topic', 'orders/create')
      .set('x-shopify-hmac-sha256', signShopifyPayload(integration.signingSecret, raw))
      .send(raw);
    expect(noWebhookId.status).toBe(400);
    expect(noWebhookId.body).toMatchObject({ field: 'X-Shopify-Webhook-Id' });

    const generic = await stack.sales.integration(seller.campaign.organizationId, seller.brand.admin.id, 'GENERIC');
    const wrongKind = await postShopify(stack, generic.id, generic.signingSecret, 'orders/create', webhookId(), orderBody(nextOrderId()));
    expect(wrongKind.status).toBe(404);
    expect(await rowsOf(stack, 'order_events', integration.id)).toBe(0);
    expect(await rowsOf(stack, 'order_events', generic.id)).toBe(0);
  });
});

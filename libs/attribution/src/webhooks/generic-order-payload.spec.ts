import { genericOrderPayload, genericRefundPayload, SAMPLE_CLICK_ID } from '@app/testing';
import { OrderEventType, OrderPayloadError } from '../orders/order-event.js';
import { genericEventTypeName, parseGenericOrderEvent } from './generic-order-payload.js';

function payloadError(body: unknown): OrderPayloadError {
  try {
    parseGenericOrderEvent(body);
  } catch (error) {
    if (error instanceof OrderPayloadError) return error;
    throw error;
  }
  throw new Error('expected an OrderPayloadError');
}

const OTHER_CLICK_ID = '0194a3f2-8000-7000-8000-000000000001';

describe('parseGenericOrderEvent', () => {
  it('reads an order into minor units, trimmed text and a click id', () => {
    expect(parseGenericOrderEvent(genericOrderPayload())).toEqual({
      eventId: 'evt_01JH8Q4T2W6XK3M9B7C5D1E0FA',
      type: OrderEventType.OrderCreated,
      orderExternalId: 'ord_1001',
      refund: null,
      order: {
        externalId: 'ord_1001',
        orderedAt: new Date('2026-01-15T15:20:30Z'),
        updatedAt: new Date('2026-01-15T15:20:31Z'),
        currency: 'USD',
        subtotalMinor: 8050n,
        discountMinor: 805n,
        shippingMinor: 599n,
        taxMinor: 579n,
        totalMinor: 8423n,
        discountCodes: ['SUMMER10'],
        clickId: SAMPLE_CLICK_ID,
        landingUrl: `https://shop.example/products/organic-cotton-tee?utm_source=creator&cid=${SAMPLE_CLICK_ID}`,
        customer: { externalId: 'cus_5001', email: 'ada.lovelace@example.com' },
        lineItems: [
          { sku: 'TEE-ORG-M-BLK', productId: '7513594200321', quantity: 2, unitPriceMinor: 2500n, discountMinor: 500n },
          { sku: 'TOTE-CNV-NAT', productId: '7513594200322', quantity: 1, unitPriceMinor: 1850n, discountMinor: 185n },
          { sku: 'STK-PACK-5', productId: '7513594200323', quantity: 3, unitPriceMinor: 400n, discountMinor: 120n },
        ],
      },
    });
  });

  it('maps every event type', () => {
    const types = { 'order.created': OrderEventType.OrderCreated, 'order.updated': OrderEventType.OrderUpdated, 'order.cancelled': OrderEventType.OrderCancelled };
    for (const [type, expected] of Object.entries(types)) expect(parseGenericOrderEvent(genericOrderPayload({ type })).type).toBe(expected);
    expect(parseGenericOrderEvent(genericRefundPayload()).type).toBe(OrderEventType.OrderRefunded);
    for (const type of ['order.paid', 'ORDER.CREATED', '', 7, null]) expect(payloadError(genericOrderPayload({ type })).field).toBe('type');
  });

  it('reads the click id from the landing page when the sender gave none, keeping only UUIDs', () => {
    const clickId = (order: Record<string, unknown>) => parseGenericOrderEvent(genericOrderPayload({ order })).order!.clickId;
    expect(clickId({ clickId: undefined, landingUrl: `https://shop.example/?utm_source=x&cid=${OTHER_CLICK_ID}` })).toBe(OTHER_CLICK_ID);
    expect(clickId({ clickId: null, landingUrl: `/products/tee?cid=${OTHER_CLICK_ID}#reviews` })).toBe(OTHER_CLICK_ID);
    expect(clickId({ clickId: ` ${SAMPLE_CLICK_ID.toUpperCase()} ` })).toBe(SAMPLE_CLICK_ID);
    expect(clickId({ clickId: 'abc', landingUrl: `https://shop.example/?cid=${OTHER_CLICK_ID}` })).toBe(OTHER_CLICK_ID);
    expect(clickId({ clickId: "1' OR '1'='1", landingUrl: 'https://shop.example/?cid=not-a-click' })).toBeNull();
    expect(clickId({ clickId: null, landingUrl: `http://[::1/?cid=${OTHER_CLICK_ID}` })).toBeNull();
    expect(clickId({ clickId: null, landingUrl: null })).toBeNull();
  });

  it('defaults missing optional amounts to zero and requires subtotal, total and line prices', () => {
    const order = parseGenericOrderEvent(genericOrderPayload({ order: { discountTotal: undefined, shipping: null, tax: undefined } })).order!;
    expect([order.discountMinor, order.shippingMinor, order.taxMinor]).toEqual([0n, 0n, 0n]);
    expect(payloadError(genericOrderPayload({ order: { subtotal: undefined } }))).toMatchObject({ field: 'order.subtotal', message: 'order.subtotal is required' });
    expect(payloadError(genericOrderPayload({ order: { total: null } })).field).toBe('order.total');
    const lines = genericOrderPayload().order.lineItems;
    lines[1].price = undefined;
    expect(payloadError(genericOrderPayload({ order: { lineItems: lines } })).field).toBe('order.lineItems[1].price');
  });

  it('turns bad amounts into payload errors naming the field', () => {
    for (const subtotal of ['1e3', '12,50', '', '-1.00', 'free', true]) {
      const error = payloadError(genericOrderPayload({ order: { subtotal } }));
      expect(error).toBeInstanceOf(OrderPayloadError);
      expect(error.field).toBe('order.subtotal');
    }
    expect(payloadError(genericOrderPayload({ order: { total: '1234567890123456789.00' } })).message).toMatch(/order.total is too large/);
    const lines = genericOrderPayload().order.lineItems;
    lines[2].quantity = 1.5;
    expect(payloadError(genericOrderPayload({ order: { lineItems: lines } })).field).toBe('order.lineItems[2].quantity');
    lines[2] = 'STK-PACK-5';
    expect(payloadError(genericOrderPayload({ order: { lineItems: lines } })).field).toBe('order.lineItems[2]');
  });

  it('accepts numbers for amounts, ids and quantities', () => {
    const lines = [{ sku: 12345, productId: 987, quantity: '2', price: 19.99, discount: 0.5 }];
    const event = parseGenericOrderEvent(genericOrderPayload({ id: 42, order: { id: 1001, subtotal: 39.98, total: 43.1, lineItems: lines, customer: { id: 7, email: undefined } } }));
    expect(event).toMatchObject({ eventId: '42', orderExternalId: '1001' });
    expect(event.order).toMatchObject({ externalId: '1001', subtotalMinor: 3998n, totalMinor: 4310n, customer: { externalId: '7', email: null } });
    expect(event.order!.lineItems).toEqual([{ sku: '12345', productId: '987', quantity: 2, unitPriceMinor: 1999n, discountMinor: 50n }]);
    expect(payloadError(genericOrderPayload({ order: { id: 2 ** 53 } })).field).toBe('order.id');
  });

  it('upper-cases and validates the currency, reading amounts in its digits', () => {
    const order = parseGenericOrderEvent(genericOrderPayload({ order: { currency: ' jpy ', subtotal: '1200', total: '1320.4', lineItems: [] } })).order!;
    expect(order).toMatchObject({ currency: 'JPY', subtotalMinor: 1200n, totalMinor: 1320n, lineItems: [] });
    for (const currency of ['XYZ', 'dollars', undefined, 5]) expect(payloadError(genericOrderPayload({ order: { currency } })).field).toBe('order.currency');
  });

  it('trims text, drops blank codes and rejects absurd sizes', () => {
    const event = parseGenericOrderEvent(genericOrderPayload({ id: '  evt_1 ', order: { id: ' ord_9 ', discountCodes: [' MAYA15 ', '', null, 'summer10'], customer: { email: ' a@b.example ' } } }));
    expect(event).toMatchObject({ eventId: 'evt_1', orderExternalId: 'ord_9' });
    expect(event.order).toMatchObject({ discountCodes: ['MAYA15', 'summer10'], customer: { externalId: 'cus_5001', email: 'a@b.example' } });
    expect(payloadError(genericOrderPayload({ id: 'e'.repeat(256) })).field).toBe('id');
    expect(payloadError(genericOrderPayload({ id: '   ' })).message).toBe('id is required');
    expect(payloadError(genericOrderPayload({ order: { discountCodes: Array.from({ length: 51 }, (_, i) => `C${i}`) } })).field).toBe('order.discountCodes');
    expect(payloadError(genericOrderPayload({ order: { discountCodes: 'SUMMER10' } })).field).toBe('order.discountCodes');
    expect(payloadError(genericOrderPayload({}, { lineItems: 1001 })).field).toBe('order.lineItems');
    expect(parseGenericOrderEvent(genericOrderPayload({}, { lineItems: 1000 })).order!.lineItems).toHaveLength(1000);
    expect(payloadError(genericOrderPayload({ order: { landingUrl: `https://shop.example/?q=${'x'.repeat(5000)}` } })).field).toBe('order.landingUrl');
  });

  it('requires time zones on timestamps', () => {
    expect(payloadError(genericOrderPayload({ order: { createdAt: '2026-01-15T10:20:30' } })).field).toBe('order.createdAt');
    expect(payloadError(genericOrderPayload({ order: { createdAt: 1768472430 } })).field).toBe('order.createdAt');
    expect(payloadError(genericOrderPayload({ order: { createdAt: undefined } })).message).toBe('order.createdAt is required');
    expect(parseGenericOrderEvent(genericOrderPayload({ order: { createdAt: '2026-01-15T10:20:30+05:30', updatedAt: null } })).order).toMatchObject({
      orderedAt: new Date('2026-01-15T04:50:30Z'),
      updatedAt: null,
    });
  });

  it('rejects bodies that are not objects or lack an order', () => {
    for (const body of [null, 'order', [], 5]) expect(payloadError(body).field).toBe('$');
    expect(payloadError({ ...genericOrderPayload(), order: undefined }).field).toBe('order');
    expect(payloadError(genericOrderPayload({ order: { id: null } })).field).toBe('order.id');
    expect(payloadError(genericOrderPayload({ id: undefined })).field).toBe('id');
  });
});

describe('parseGenericOrderEvent on refunds', () => {
  it('reads a refund naming its order by id, net of the refunded lines', () => {
    expect(parseGenericOrderEvent(genericRefundPayload())).toEqual({
      eventId: 'evt_01JH9R7V3X8YL4N0C8D6E2F1GB',
      type: OrderEventType.OrderRefunded,
      orderExternalId: 'ord_1001',
      order: null,
      refund: {
        externalId: 'ref_2001',
        netAmountMinor: 2250n,
        lineItems: [{ sku: 'TEE-ORG-M-BLK', productId: '7513594200321', quantity: 1, amountMinor: 2250n }],
        refundedAt: new Date('2026-01-20T09:00:00Z'),
      },
    });
  });

  it('takes the refund amount when there are no lines, and requires one of the two', () => {
    expect(parseGenericOrderEvent(genericRefundPayload({ refund: { lineItems: [], amount: '10.00' } })).refund!.netAmountMinor).toBe(1000n);
    expect(parseGenericOrderEvent(genericRefundPayload({ refund: { lineItems: undefined, amount: 7 } })).refund!.netAmountMinor).toBe(700n);
    expect(payloadError(genericRefundPayload({ refund: { lineItems: [], amount: undefined } })).field).toBe('refund.amount');
    const lines = [{ quantity: 1, amount: '5.00' }, { quantity: 2, amount: '7.50' }];
    expect(parseGenericOrderEvent(genericRefundPayload({ refund: { lineItems: lines, amount: '99.00' } })).refund!.netAmountMinor).toBe(1250n);
    expect(payloadError(genericRefundPayload({ refund: { lineItems: [{ quantity: 1 }] } })).field).toBe('refund.lineItems[0].amount');
  });

  it('needs the refund, its id and a currency', () => {
    expect(payloadError(genericRefundPayload({ refund: null })).field).toBe('refund');
    expect(payloadError(genericRefundPayload({ refund: { id: undefined } })).field).toBe('refund.id');
    expect(payloadError(genericRefundPayload({ order: { currency: undefined } })).field).toBe('order.currency');
    const inRefund = parseGenericOrderEvent(genericRefundPayload({ order: { currency: undefined }, refund: { currency: 'jpy', lineItems: [], amount: '1200' } }));
    expect(inRefund.refund!.netAmountMinor).toBe(1200n);
    expect(payloadError(genericRefundPayload({ refund: { currency: 'EUR' } })).field).toBe('refund.currency');
  });

  it('reads a full order sent with the refund as strictly as any other', () => {
    const full = { ...genericOrderPayload().order };
    const event = parseGenericOrderEvent(genericRefundPayload({ order: full }));
    expect(event.order).toMatchObject({ externalId: 'ord_1001', totalMinor: 8423n });
    expect(payloadError(genericRefundPayload({ order: { ...full, total: 'lots' } })).field).toBe('order.total');
  });

  it('ignores a refund sent with another type', () => {
    expect(parseGenericOrderEvent(genericOrderPayload({ refund: genericRefundPayload().refund })).refund).toBeNull();
  });
});

describe('genericEventTypeName', () => {
  it('gives back the type each event is sent as', () => {
    for (const type of ['order.created', 'order.updated', 'order.refunded', 'order.cancelled']) {
      const body = type === 'order.refunded' ? genericRefundPayload() : genericOrderPayload({ type });
      expect(genericEventTypeName(parseGenericOrderEvent(body).type)).toBe(type);
    }
  });
});

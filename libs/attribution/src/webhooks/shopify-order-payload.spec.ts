import { SAMPLE_CLICK_ID, shopifyOrderPayload, shopifyRefundPayload } from '@app/testing';
import { OrderEventType, OrderPayloadError } from '../orders/order-event.js';
import { parseShopifyOrderEvent } from './shopify-order-payload.js';

const WEBHOOK_ID = 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043';
const OTHER_CLICK_ID = '0194a3f2-8000-7000-8000-000000000001';

function order(overrides: Record<string, unknown> = {}, topic = 'orders/create') {
  return parseShopifyOrderEvent(topic, WEBHOOK_ID, shopifyOrderPayload(overrides)).order!;
}

function payloadError(run: () => unknown): OrderPayloadError {
  try {
    run();
  } catch (error) {
    if (error instanceof OrderPayloadError) return error;
    throw error;
  }
  throw new Error('expected an OrderPayloadError');
}

describe('parseShopifyOrderEvent on orders', () => {
  it('reads an order as placed: subtotal before discounts, codes, click id and lines', () => {
    expect(parseShopifyOrderEvent('orders/create', WEBHOOK_ID, shopifyOrderPayload())).toEqual({
      eventId: WEBHOOK_ID,
      type: OrderEventType.OrderCreated,
      orderExternalId: '5912345678901',
      refund: null,
      order: {
        externalId: '5912345678901',
        orderedAt: new Date('2026-01-15T15:20:30Z'),
        updatedAt: new Date('2026-01-15T15:20:32Z'),
        currency: 'USD',
        subtotalMinor: 8050n,
        discountMinor: 805n,
        shippingMinor: 599n,
        taxMinor: 579n,
        totalMinor: 8423n,
        discountCodes: ['SUMMER10'],
        clickId: SAMPLE_CLICK_ID,
        landingUrl: `/products/organic-cotton-tee?utm_source=creator&utm_medium=referral&cid=${SAMPLE_CLICK_ID}`,
        customer: { externalId: '7204518936113', email: 'ada.lovelace@example.com' },
        lineItems: [
          { sku: 'TEE-ORG-M-BLK', productId: '7513594200321', quantity: 2, unitPriceMinor: 2500n, discountMinor: 500n },
          { sku: 'TOTE-CNV-NAT', productId: '7513594200322', quantity: 1, unitPriceMinor: 1850n, discountMinor: 185n },
          { sku: 'STK-PACK-5', productId: '7513594200323', quantity: 3, unitPriceMinor: 400n, discountMinor: 120n },
        ],
      },
    });
  });

  it('maps topics, and reads an update that cancels as a cancellation', () => {
    const type = (topic: string, overrides: Record<string, unknown> = {}) => parseShopifyOrderEvent(topic, WEBHOOK_ID, shopifyOrderPayload(overrides)).type;
    expect([type('orders/create'), type(' orders/updated '), type('orders/cancelled')]).toEqual([OrderEventType.OrderCreated, OrderEventType.OrderUpdated, OrderEventType.OrderCancelled]);
    expect(type('orders/updated', { cancelled_at: '2026-01-16T08:00:00-05:00', cancel_reason: 'customer' })).toBe(OrderEventType.OrderCancelled);
    for (const topic of [undefined, '', 'orders/paid', 'products/create', 'ORDERS/CREATE']) {
      expect(payloadError(() => parseShopifyOrderEvent(topic, WEBHOOK_ID, shopifyOrderPayload())).field).toBe('X-Shopify-Topic');
    }
    expect(payloadError(() => parseShopifyOrderEvent('orders/create', undefined, shopifyOrderPayload())).field).toBe('X-Shopify-Webhook-Id');
    expect(payloadError(() => parseShopifyOrderEvent('orders/create', WEBHOOK_ID, [shopifyOrderPayload()])).field).toBe('$');
  });

  it("ignores current_* totals, which already net out refunds that arrive as their own events", () => {
    const afterRefund = { current_subtotal_price: '49.95', current_total_price: '58.93', current_total_tax: '3.99', current_total_discounts: '5.55' };
    expect(order(afterRefund, 'orders/updated')).toMatchObject({ subtotalMinor: 8050n, discountMinor: 805n, taxMinor: 579n, totalMinor: 8423n });
  });

  it('counts a free-shipping code against shipping, not against what was sold', () => {
    const payload = shopifyOrderPayload();
    payload.shipping_lines[0].discount_allocations = [{ amount: '5.99', discount_application_index: 1 }];
    const freeShipping = {
      discount_codes: [...payload.discount_codes, { code: 'FREESHIP', amount: '5.99', type: 'shipping' }],
      total_discounts: '14.04',
      total_price: '78.24',
      shipping_lines: payload.shipping_lines,
    };
    expect(order(freeShipping)).toMatchObject({ subtotalMinor: 8050n, discountMinor: 805n, shippingMinor: 599n, totalMinor: 7824n, discountCodes: ['SUMMER10', 'FREESHIP'] });
  });

  it('falls back field by field when Shopify leaves totals out', () => {
    expect(order({ total_line_items_price: undefined })).toMatchObject({ subtotalMinor: 8050n, discountMinor: 805n });
    expect(order({ total_line_items_price: null, subtotal_price: null, total_discounts: null })).toMatchObject({ subtotalMinor: 8050n, discountMinor: 805n });
    expect(order({ total_line_items_price: null, subtotal_price: null, current_subtotal_price: null, total_discounts: null, current_total_discounts: null })).toMatchObject({
      subtotalMinor: 8050n,
      discountMinor: 805n,
    });
    expect(order({ total_price: null })).toMatchObject({ totalMinor: 8423n });
    expect(order({ total_tax: null, current_total_tax: null, total_shipping_price_set: null })).toMatchObject({ taxMinor: 0n, shippingMinor: 0n });
    expect(payloadError(() => order({ total_price: null, current_total_price: undefined })).field).toBe('total_price');
  });

  it('takes line discounts from discount_allocations, else total_discount, never both', () => {
    const lines = shopifyOrderPayload().line_items;
    lines[0].total_discount = '5.00';
    lines[1].discount_allocations = [];
    lines[1].total_discount = '1.85';
    lines[2].discount_allocations = null;
    lines[2].total_discount = null;
    expect(order({ line_items: lines }).lineItems.map((line) => line.discountMinor)).toEqual([500n, 185n, 0n]);
  });

  it('prefers a cid note attribute to the landing page, and keeps only UUIDs', () => {
    const noteCid = [{ name: 'gift_message', value: 'hi' }, null, { name: 'cid', value: 42 }, { name: ' CID ', value: ` ${OTHER_CLICK_ID} ` }];
    expect(order({ note_attributes: noteCid }).clickId).toBe(OTHER_CLICK_ID);
    expect(order({ note_attributes: [{ name: 'cid', value: 'javascript:alert(1)' }] }).clickId).toBe(SAMPLE_CLICK_ID);
    expect(order({ note_attributes: 'cid' }).clickId).toBe(SAMPLE_CLICK_ID);
    expect(order({ landing_site: `https://shop.example/collections/all?cid=${OTHER_CLICK_ID.toUpperCase()}` }).clickId).toBe(OTHER_CLICK_ID);
    expect(order({ landing_site: '/products/tee?cid=12345' }).clickId).toBeNull();
    expect(order({ landing_site: null }).clickId).toBeNull();
  });

  it('drops a landing page it cannot keep instead of refusing the order', () => {
    expect(order({ landing_site: `/?cid=${OTHER_CLICK_ID}&q=${'x'.repeat(5000)}` })).toMatchObject({ landingUrl: null, clickId: null });
    expect(order({ landing_site: 12 })).toMatchObject({ landingUrl: null, clickId: null });
  });

  it('finds the email on the customer, the order or the contact, in that order', () => {
    expect(order({ customer: null })).toMatchObject({ customer: { externalId: null, email: 'ada.lovelace@example.com' } });
    expect(order({ customer: { email: null }, email: '', contact_email: 'contact@example.com' }).customer).toEqual({ externalId: '7204518936113', email: 'contact@example.com' });
    expect(order({ customer: null, email: null, contact_email: null }).customer).toEqual({ externalId: null, email: null });
  });

  it('reads nulls as defaults and numbers as text', () => {
    const lines = shopifyOrderPayload().line_items;
    Object.assign(lines[0], { sku: null, product_id: null, quantity: '2', price: 25 });
    Object.assign(lines[1], { sku: '', product_id: '7513594200322' });
    const read = order({ discount_codes: null, note_attributes: null, updated_at: null, line_items: lines, total_price: 84.23 });
    expect(read).toMatchObject({ discountCodes: [], updatedAt: null, totalMinor: 8423n });
    expect(read.lineItems.slice(0, 2)).toEqual([
      { sku: null, productId: null, quantity: 2, unitPriceMinor: 2500n, discountMinor: 500n },
      { sku: null, productId: '7513594200322', quantity: 1, unitPriceMinor: 1850n, discountMinor: 185n },
    ]);
    expect(order({ line_items: null })).toMatchObject({ lineItems: [], subtotalMinor: 8050n });
  });

  it('names the JSON path of what it cannot read', () => {
    const lines = shopifyOrderPayload().line_items;
    lines[2].quantity = -1;
    expect(payloadError(() => order({ line_items: lines })).field).toBe('line_items[2].quantity');
    lines[2].quantity = 1;
    lines[1].price = '18,50';
    expect(payloadError(() => order({ line_items: lines })).field).toBe('line_items[1].price');
    lines[1].price = '18.50';
    lines[0].discount_allocations[0].amount = '1e2';
    expect(payloadError(() => order({ line_items: lines })).field).toBe('line_items[0].discount_allocations[0].amount');
    expect(payloadError(() => order({ currency: null })).field).toBe('currency');
    expect(payloadError(() => order({ created_at: 'yesterday' })).field).toBe('created_at');
    expect(payloadError(() => order({ id: 2 ** 60 })).field).toBe('id');
    expect(payloadError(() => order({ total_shipping_price_set: { shop_money: { amount: 'free' } } })).field).toBe('total_shipping_price_set.shop_money.amount');
  });

  it('reads amounts in the digits of the shop currency', () => {
    const lines = [{ sku: 'MUG', product_id: 1, quantity: 2, price: '1200', discount_allocations: [{ amount: '240' }] }];
    const yen = order({ currency: 'JPY', total_line_items_price: '2400', subtotal_price: '2160', total_tax: '216', total_price: '2876', total_shipping_price_set: { shop_money: { amount: '500' } }, line_items: lines });
    expect(yen).toMatchObject({ currency: 'JPY', subtotalMinor: 2400n, discountMinor: 240n, shippingMinor: 500n, taxMinor: 216n, totalMinor: 2876n });
    expect(yen.lineItems).toEqual([{ sku: 'MUG', productId: '1', quantity: 2, unitPriceMinor: 1200n, discountMinor: 240n }]);
  });

  it('reads a thousand-line order', () => {
    const big = parseShopifyOrderEvent('orders/create', WEBHOOK_ID, shopifyOrderPayload({}, { lineItems: 1000 })).order!;
    expect(big.lineItems).toHaveLength(1000);
    expect(big.subtotalMinor).toBe(big.lineItems.reduce((sum, line) => sum + line.unitPriceMinor * BigInt(line.quantity), 0n));
    expect(big.discountMinor).toBe(big.lineItems.reduce((sum, line) => sum + line.discountMinor, 0n));
    expect(payloadError(() => parseShopifyOrderEvent('orders/create', WEBHOOK_ID, shopifyOrderPayload({}, { lineItems: 1001 }))).field).toBe('line_items');
  });
});

describe('parseShopifyOrderEvent on refunds', () => {
  const refund = (overrides: Record<string, unknown> = {}, orderCurrency?: string) => parseShopifyOrderEvent('refunds/create', WEBHOOK_ID, shopifyRefundPayload(overrides), orderCurrency);

  it('reads a refund net of its lines, naming the order by id', () => {
    expect(refund({}, 'USD')).toEqual({
      eventId: WEBHOOK_ID,
      type: OrderEventType.OrderRefunded,
      orderExternalId: '5912345678901',
      order: null,
      refund: {
        externalId: '1042775670989',
        netAmountMinor: 2250n,
        lineItems: [{ sku: 'TEE-ORG-M-BLK', productId: '7513594200321', quantity: 1, amountMinor: 2250n }],
        refundedAt: new Date('2026-01-20T09:00:00Z'),
      },
    });
  });

  it('reads the numeric subtotal when the exact one is missing', () => {
    const lines = shopifyRefundPayload().refund_line_items;
    Object.assign(lines[0], { subtotal_set: undefined, subtotal: 22.5 });
    expect(refund({ refund_line_items: [...lines, { ...lines[0], quantity: 1, subtotal: 0.1 + 0.2 }] }, 'USD').refund!.netAmountMinor).toBe(2280n);
    lines[0].subtotal = null;
    expect(payloadError(() => refund({ refund_line_items: lines }, 'USD')).field).toBe('refund_line_items[0].subtotal');
  });

  it('sums successful refund transactions when no lines are refunded', () => {
    const [sent] = shopifyRefundPayload().transactions;
    const transactions = [sent, { ...sent, status: 'failure' }, { ...sent, status: 'pending' }, { ...sent, kind: 'sale', amount: '99.00' }, { ...sent, amount: 5, status: null }];
    expect(refund({ refund_line_items: [], transactions }, 'USD').refund).toMatchObject({ netAmountMinor: 2930n, lineItems: [] });
    expect(refund({ refund_line_items: [], transactions: [] }, 'USD').refund!.netAmountMinor).toBe(0n);
  });

  it("uses the order's currency, else the refund's shop money, else its transactions'", () => {
    expect(refund({}, ' usd ').refund!.netAmountMinor).toBe(2250n);
    expect(refund().refund!.netAmountMinor).toBe(2250n);
    expect(refund({ refund_line_items: [] }).refund!.netAmountMinor).toBe(2430n);
    expect(payloadError(() => refund({}, 'EUR')).field).toBe('refund_line_items[0].subtotal_set.shop_money.currency_code');
    expect(payloadError(() => refund({ refund_line_items: [], transactions: [] })).field).toBe('transactions[0].currency');
    const inCad = shopifyRefundPayload().transactions.map((transaction: Record<string, unknown>) => ({ ...transaction, currency: 'CAD' }));
    expect(payloadError(() => refund({ refund_line_items: [], transactions: inCad }, 'USD')).field).toBe('transactions[0].currency');
    expect(payloadError(() => refund({}, 'dollars')).field).toBe('orderCurrency');
  });

  it('reads yen refunds in yen digits', () => {
    const lines = [{ quantity: 1, subtotal: 1200, line_item: { sku: 'MUG', product_id: 1 } }];
    expect(refund({ refund_line_items: lines }, 'JPY').refund).toMatchObject({ netAmountMinor: 1200n, lineItems: [{ sku: 'MUG', productId: '1', quantity: 1, amountMinor: 1200n }] });
  });

  it('needs the refund and order ids', () => {
    expect(payloadError(() => refund({ order_id: null }, 'USD')).field).toBe('order_id');
    expect(payloadError(() => refund({ id: undefined }, 'USD')).field).toBe('id');
    expect(refund({ created_at: null }, 'USD').refund!.refundedAt).toEqual(new Date('2026-01-20T09:00:00Z'));
  });
});

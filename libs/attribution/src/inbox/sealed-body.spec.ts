import { genericOrderPayload, shopifyOrderPayload, shopifyRefundPayload } from '@app/testing';
import { CustomerKeys } from '../orders/customer-keys.js';
import { parseGenericOrderEvent } from '../webhooks/generic-order-payload.js';
import { parseShopifyOrderEvent } from '../webhooks/shopify-order-payload.js';
import { OrderEventSource } from './order-event-record.entity.js';
import { sealCustomerIdentifiers } from './sealed-body.js';

const keys = new CustomerKeys('test-salt-for-customer-identities');
const ORG = '0190d3b4-0000-7000-8000-0000000000aa';
const WEBHOOK_ID = 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043';

describe('sealCustomerIdentifiers', () => {
  it('keeps a generic order only with its customer hashed, and the worker reads the same hashes from it', () => {
    const raw = JSON.stringify(genericOrderPayload());
    const sealed = sealCustomerIdentifiers(OrderEventSource.GENERIC, raw, ORG, keys);
    expect(sealed).not.toContain('ada.lovelace');
    expect(sealed).not.toContain('cus_5001');
    const [original, stored] = [parseGenericOrderEvent(JSON.parse(raw)).order!, parseGenericOrderEvent(JSON.parse(sealed)).order!];
    expect(keys.email(stored.customer.email)).toBe(keys.email(original.customer.email));
    expect(keys.customerId(ORG, stored.customer.externalId)).toBe(keys.customerId(ORG, original.customer.externalId));
    expect({ ...stored, customer: null }).toEqual({ ...original, customer: null });
  });

  it('drops a Shopify shopper\'s name, phone, addresses and IP, and hashes every email field', () => {
    const raw = JSON.stringify(shopifyOrderPayload());
    expect(raw).toMatch(/ada\.lovelace@example\.com/);
    expect(raw).toContain('203.0.113.24');
    const sealed = sealCustomerIdentifiers(OrderEventSource.SHOPIFY, raw, ORG, keys);
    expect(sealed).not.toMatch(/ada|lovelace|203\.0\.113\.24/i);
    const [original, stored] = [parseShopifyOrderEvent('orders/create', WEBHOOK_ID, JSON.parse(raw)).order!, parseShopifyOrderEvent('orders/create', WEBHOOK_ID, JSON.parse(sealed)).order!];
    expect(keys.email(stored.customer.email)).toBe(keys.email(original.customer.email));
    expect(keys.customerId(ORG, stored.customer.externalId)).toBe(keys.customerId(ORG, original.customer.externalId));
    expect({ ...stored, customer: null }).toEqual({ ...original, customer: null });
  });

  it("drops the card holder's name from a Shopify refund, which reads the same afterwards", () => {
    const raw = JSON.stringify(shopifyRefundPayload());
    expect(raw).toContain('Ada Lovelace');
    const sealed = sealCustomerIdentifiers(OrderEventSource.SHOPIFY, raw, ORG, keys);
    expect(sealed).not.toContain('Ada Lovelace');
    const read = (body: string) => parseShopifyOrderEvent('refunds/create', WEBHOOK_ID, JSON.parse(body), 'USD');
    expect(read(sealed)).toEqual(read(raw));
  });

  it('is idempotent, and keeps a body with nothing to seal (or not JSON) as it came', () => {
    const once = sealCustomerIdentifiers(OrderEventSource.GENERIC, JSON.stringify(genericOrderPayload()), ORG, keys);
    expect(sealCustomerIdentifiers(OrderEventSource.GENERIC, once, ORG, keys)).toBe(once);
    const plain = JSON.stringify({ id: 'evt-1', note: 'quotes " and \\ backslashes' });
    expect(sealCustomerIdentifiers(OrderEventSource.GENERIC, plain, ORG, keys)).toBe(plain);
    expect(sealCustomerIdentifiers(OrderEventSource.GENERIC, 'not json', ORG, keys)).toBe('not json');
  });
});

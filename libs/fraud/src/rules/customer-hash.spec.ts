import { createHmac } from 'node:crypto';
import { hashCustomerEmail, normalizeCustomerEmail } from './customer-hash.js';

const KEY = 'test-key';

describe('normalizeCustomerEmail', () => {
  it.each([
    ['  Maya@Example.COM ', 'maya@example.com'],
    ['maya+shop@example.com', 'maya@example.com'],
    ['ma.ya@example.com', 'ma.ya@example.com'],
    ['M.a.Y.a+promo@Gmail.com', 'maya@gmail.com'],
    ['maya@googlemail.com', 'maya@gmail.com'],
    ['ｍａｙａ@ｅｘａｍｐｌｅ.com', 'maya@example.com'],
    ['+maya@example.com', '+maya@example.com'],
    ['"odd@name"@example.com', '"odd@name"@example.com'],
  ])('reads %j as %j', (email, normalized) => {
    expect(normalizeCustomerEmail(email)).toBe(normalized);
  });

  it.each(['', '   ', 'not-an-email', '@example.com', 'maya@', '...@gmail.com'])('refuses %j', (email) => {
    expect(() => normalizeCustomerEmail(email)).toThrow(RangeError);
  });
});

describe('hashCustomerEmail', () => {
  it('is the HMAC-SHA256 of the normalized email, in hex', () => {
    expect(hashCustomerEmail(' Maya+x@Example.com', KEY)).toBe(createHmac('sha256', KEY).update('maya@example.com').digest('hex'));
    expect(hashCustomerEmail('maya@example.com', KEY)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('makes two spellings of one mailbox equal, and different mailboxes or keys different', () => {
    expect(hashCustomerEmail('m.aya+a@gmail.com', KEY)).toBe(hashCustomerEmail('MAYA@googlemail.com', KEY));
    expect(hashCustomerEmail('ma.ya@example.com', KEY)).not.toBe(hashCustomerEmail('maya@example.com', KEY));
    expect(hashCustomerEmail('maya@example.com', KEY)).not.toBe(hashCustomerEmail('maya@example.com', 'other-key'));
  });

  it('never returns an empty hash: an empty email or key throws', () => {
    expect(() => hashCustomerEmail('', KEY)).toThrow(/must not be empty/);
    expect(() => hashCustomerEmail('maya@example.com', '')).toThrow(/key must not be empty/);
  });
});

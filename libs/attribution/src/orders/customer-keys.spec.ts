import { CustomerKeys, normalizeEmail } from './customer-keys.js';

describe('customer keys', () => {
  it.each([
    ['  Maya@Example.com ', 'maya@example.com'],
    ['maya+shop@example.com', 'maya@example.com'],
    ['m.a.y.a@gmail.com', 'maya@gmail.com'],
    ['M.aya+x@googlemail.com', 'maya@gmail.com'],
    ['m.aya@example.com', 'm.aya@example.com'],
    ['ｍａｙａ@example.com', 'maya@example.com'],
    ['not-an-email', null],
    ['', null],
    [null, null],
  ])('normalizes %j to %j', (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });

  it('hashes one mailbox to one key, differently under another salt', () => {
    const keys = new CustomerKeys('salt-one-salt-one');
    expect(keys.email('Maya+a@gmail.com')).toBe(keys.email('m.aya@gmail.com'));
    expect(keys.email('maya@gmail.com')).toMatch(/^[0-9a-f]{64}$/);
    expect(new CustomerKeys('salt-two-salt-two').email('maya@gmail.com')).not.toBe(keys.email('maya@gmail.com'));
    expect(keys.email(null)).toBeNull();
  });

  it("keeps a shop's customer ids apart between organizations", () => {
    const keys = new CustomerKeys('salt-one-salt-one');
    expect(keys.customerId('org-a', '42')).not.toBe(keys.customerId('org-b', '42'));
    expect(keys.customerId('org-a', ' 42 ')).toBe(keys.customerId('org-a', '42'));
    expect(keys.customerId('org-a', '')).toBeNull();
  });
});

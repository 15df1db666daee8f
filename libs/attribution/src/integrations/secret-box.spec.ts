import { hashApiKey, newApiKey, newSigningSecret, SecretBox } from './secret-box.js';

describe('SecretBox', () => {
  const box = new SecretBox('k'.repeat(40));

  it('opens what it sealed, for the same row only', () => {
    const secret = newSigningSecret();
    const sealed = box.seal(secret, 'integration-a');
    expect(sealed).not.toContain(secret);
    expect(box.open(sealed, 'integration-a')).toBe(secret);
    expect(() => box.open(sealed, 'integration-b')).toThrow();
  });

  it('seals the same secret differently each time', () => {
    expect(box.seal('same', 'x')).not.toBe(box.seal('same', 'x'));
  });

  it('refuses a tampered ciphertext and another key', () => {
    const sealed = box.seal('secret', 'x');
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => box.open(tampered, 'x')).toThrow();
    expect(() => new SecretBox('z'.repeat(40)).open(sealed, 'x')).toThrow();
  });

  it('makes long random keys and hashes them', () => {
    const key = newApiKey();
    expect(key).toMatch(/^mpk_[A-Za-z0-9_-]{43}$/);
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(newApiKey()).not.toBe(key);
  });
});

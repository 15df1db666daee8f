import { clientAddress, hashIp } from './client-ip.js';

describe('clientAddress', () => {
  it('is the socket peer when no proxy is trusted, whatever the header says', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', 0)).toBe('203.0.113.9');
  });

  it('reads X-Forwarded-For from the right, one entry per trusted proxy', () => {
    expect(clientAddress('10.0.0.2', '198.51.100.1', 1)).toBe('198.51.100.1');
    expect(clientAddress('10.0.0.2', 'spoofed, 198.51.100.1, 10.0.0.1', 2)).toBe('198.51.100.1');
    expect(clientAddress('10.0.0.2', ['spoofed', '198.51.100.1'], 1)).toBe('198.51.100.1');
  });

  it('stops at the far end of a chain shorter than the trusted hops', () => {
    expect(clientAddress('10.0.0.2', '198.51.100.1', 5)).toBe('198.51.100.1');
    expect(clientAddress('10.0.0.2', undefined, 1)).toBe('10.0.0.2');
  });
});

describe('hashIp', () => {
  it('never contains the address and depends on the salt', () => {
    const hash = hashIp('198.51.100.1', 'salt-one-salt-one');
    expect(hash).not.toContain('198');
    expect(hashIp('198.51.100.1', 'salt-two-salt-two')).not.toBe(hash);
  });
});

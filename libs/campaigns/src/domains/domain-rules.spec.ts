import { checkLandingUrl, hostOnDomains, normalizeDomain } from './domain-rules.js';

describe('brand domains', () => {
  it('normalizes domain names, including internationalized ones', () => {
    expect(normalizeDomain(' Shop.Example.COM. ', 'domain')).toBe('shop.example.com');
    expect(normalizeDomain('bücher.de', 'domain')).toBe('xn--bcher-kva.de');
  });

  it.each(['https://example.com', 'example.com/path', 'example.com:8080', 'localhost', '127.0.0.1', '-bad.com', 'a..com', ''])(
    'rejects %j naming the field',
    (input) => {
      expect(() => normalizeDomain(input, 'domain')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'domain' })] }));
    },
  );

  it('matches a domain and its subdomains, never look-alikes', () => {
    const domains = ['example.com'];
    expect(hostOnDomains('example.com', domains)).toBe(true);
    expect(hostOnDomains('shop.example.com', domains)).toBe(true);
    expect(hostOnDomains('badexample.com', domains)).toBe(false);
    expect(hostOnDomains('example.com.evil.net', domains)).toBe(false);
  });

  it('accepts https landing URLs on verified domains only', () => {
    const domains = ['example.com'];
    expect(checkLandingUrl('https://Shop.Example.com/spring?x=1', domains, 'input.landingUrl')).toBe('https://shop.example.com/spring?x=1');
    for (const bad of [
      'http://example.com/',
      'https://evil.net/',
      'https://example.com@evil.net/',
      'https://user:pw@example.com/',
      'https://example.com:444/',
      'https://evil.net\\@example.com/',
      'https://example.com.evil.net/',
      '//example.com/x',
      'javascript:alert(1)',
    ]) {
      expect(() => checkLandingUrl(bad, domains, 'input.landingUrl')).toThrow(/input.landingUrl/);
    }
  });
});

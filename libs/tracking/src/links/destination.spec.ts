import { clickLocationParts, resolveDestination, withTrackingParameters } from './destination.js';

const LANDING = 'https://shop.northwind.example/ridge-30';
const DOMAINS = ['northwind.example', 'northwind-outdoor.example'];
const FIELD = 'input.destinationPath';

describe('resolveDestination', () => {
  it('uses the landing URL when no deep link is asked for', () => {
    expect(resolveDestination(LANDING, null, DOMAINS, FIELD)).toBe(LANDING);
    expect(resolveDestination(LANDING, '  ', DOMAINS, FIELD)).toBe(LANDING);
  });

  it.each([
    ['/products/ridge-30?color=red#reviews', 'https://shop.northwind.example/products/ridge-30?color=red#reviews'],
    ['/search?q=red%20pack', 'https://shop.northwind.example/search?q=red%20pack'],
    ['/a/./b/../c', 'https://shop.northwind.example/a/c'],
    ['https://blog.northwind.example/trail-guide', 'https://blog.northwind.example/trail-guide'],
    ['HTTPS://Northwind-Outdoor.Example/sale', 'https://northwind-outdoor.example/sale'],
    ['/redirect?to=https://elsewhere.example', 'https://shop.northwind.example/redirect?to=https://elsewhere.example'],
  ])('accepts the deep link %j', (path, expected) => {
    expect(resolveDestination(LANDING, path, DOMAINS, FIELD)).toBe(expected);
  });

  // Each of these would send shoppers somewhere other than the brand's own sites.
  it.each([
    ['protocol-relative', '//evil.example/x'],
    ['triple slash', '///evil.example'],
    ['backslash after slash', '/\\evil.example'],
    ['two backslashes', '\\\\evil.example'],
    ['tab inside the slashes', '/\t/evil.example'],
    ['newline inside the slashes', '/\n/evil.example'],
    ['encoded second slash', '/%2Fevil.example'],
    ['encoded slashes', '/%2F%2Fevil.example'],
    ['double-encoded slashes', '/%252F%252Fevil.example'],
    ['encoded backslash', '/%5Cevil.example'],
    ['encoded NUL', '/%00//evil.example'],
    ['malformed escape', '/%E0%A4%A'],
    ['dot segment to a double slash', '/.//evil.example'],
    ['absolute URL elsewhere', 'https://evil.example/'],
    ['user info ahead of the real host', 'https://shop.northwind.example@evil.example/'],
    ['encoded at in the user info', 'https://shop.northwind.example%40evil.example/'],
    ['backslash before an at', 'https://evil.example\\@shop.northwind.example/'],
    ['look-alike suffix', 'https://shop.northwind.example.evil.example/'],
    ['look-alike without a dot', 'https://evilnorthwind.example/'],
    ['fullwidth letters', 'https://ｅｖｉｌ.example/'],
    ['dotless i homoglyph', 'https://shop.northwınd.example/'],
    ['plain http', 'http://shop.northwind.example/'],
    ['scheme-relative https', 'https:evil.example'],
    ['explicit port', 'https://shop.northwind.example:8443/'],
    ['javascript', 'javascript:alert(document.domain)'],
    ['data URL', 'data:text/html,<script>alert(1)</script>'],
    ['IP address', 'https://127.0.0.1/'],
    ['bare host', 'evil.example'],
    ['leading space', ' /ok'],
    ['zero-width space', '/\u200b/evil.example'],
  ])('refuses %s: %j', (_what, path) => {
    expect(() => resolveDestination(LANDING, path, DOMAINS, FIELD)).toThrow(/input\.destinationPath/);
  });

  it('refuses a landing URL that is no longer on a verified domain', () => {
    expect(() => resolveDestination(LANDING, null, ['elsewhere.example'], FIELD)).toThrow(/verified domains/);
  });
});

describe('withTrackingParameters', () => {
  const tracking = { source: 'maya.on.trails', campaign: 'trail-season-2027' };

  it('adds the UTM parameters', () => {
    expect(withTrackingParameters('https://shop.northwind.example/ridge-30', tracking)).toBe(
      'https://shop.northwind.example/ridge-30?utm_source=maya.on.trails&utm_medium=influencer&utm_campaign=trail-season-2027',
    );
  });

  it('keeps parameters already there, byte for byte, and the fragment', () => {
    expect(withTrackingParameters('https://shop.northwind.example/p?color=red+blue&size=%4D&utm_source=newsletter#top', tracking)).toBe(
      'https://shop.northwind.example/p?color=red+blue&size=%4D&utm_source=newsletter&utm_medium=influencer&utm_campaign=trail-season-2027#top',
    );
  });

  it('drops a cid of its own, which would hide the click id', () => {
    expect(withTrackingParameters('https://shop.northwind.example/p?cid=123&a=1&c%69d=9', tracking)).toBe(
      'https://shop.northwind.example/p?a=1&utm_source=maya.on.trails&utm_medium=influencer&utm_campaign=trail-season-2027',
    );
  });

  it('encodes handles that need it', () => {
    expect(withTrackingParameters('https://shop.example/', { source: 'café & co', campaign: 'x' })).toContain('utm_source=caf%C3%A9%20%26%20co');
  });
});

describe('clickLocationParts', () => {
  it.each([
    ['https://s.example/p', 'https://s.example/p?cid=ID'],
    ['https://s.example/p?a=1', 'https://s.example/p?a=1&cid=ID'],
    ['https://s.example/p?a=1#frag', 'https://s.example/p?a=1&cid=ID#frag'],
    ['https://s.example/p#frag?x', 'https://s.example/p?cid=ID#frag?x'],
  ])('puts the click id into %j', (destination, expected) => {
    const { head, tail } = clickLocationParts(destination);
    expect(`${head}ID${tail}`).toBe(expected);
  });
});

import { aliasCacheKey, decideRoute, type LinkRoute, linkCacheKeys, slugCacheKey } from './link-route.js';

const route = (overrides: Partial<LinkRoute> = {}): LinkRoute => ({
  linkId: 'l',
  enrollmentId: 'e',
  campaignId: 'c',
  organizationId: 'o',
  creatorId: 'r',
  head: 'https://shop.example/?cid=',
  tail: '',
  active: true,
  endsAt: null,
  fallbackUrl: null,
  ...overrides,
});

describe('decideRoute', () => {
  const now = Date.UTC(2027, 4, 1);

  it('redirects an active link of a running campaign', () => {
    expect(decideRoute(route({ endsAt: now + 1 }), now).kind).toBe('redirect');
  });

  it('answers 404 for no link', () => {
    expect(decideRoute(null, now)).toEqual({ kind: 'not-found' });
  });

  it('treats a campaign past its end as ended, before it is marked so', () => {
    expect(decideRoute(route({ endsAt: now }), now)).toEqual({ kind: 'gone' });
  });

  it('sends a dead link to the fallback when there is one, else gone', () => {
    expect(decideRoute(route({ active: false, fallbackUrl: 'https://shop.example/' }), now)).toEqual({ kind: 'fallback', url: 'https://shop.example/' });
    expect(decideRoute(route({ active: false }), now)).toEqual({ kind: 'gone' });
  });
});

describe('link cache keys', () => {
  it('keeps slugs exact and aliases in lower case', () => {
    expect(slugCacheKey('AbC')).toBe('s:AbC');
    expect(aliasCacheKey('Maya-Ridge')).toBe('a:maya-ridge');
    expect(linkCacheKeys({ slug: 'AbC', alias: null })).toEqual(['s:AbC']);
    expect(linkCacheKeys({ slug: 'AbC', alias: 'Maya' })).toEqual(['s:AbC', 'a:maya']);
  });
});

import { checkAlias, LINK_KEY, randomSlug, SLUG_LENGTH } from './link-keys.js';

describe('link keys', () => {
  it('makes slugs of at least 7 base62 characters, different every time', () => {
    const slugs = Array.from({ length: 2000 }, () => randomSlug());
    for (const slug of slugs) {
      expect(slug).toMatch(/^[0-9A-Za-z]+$/);
      expect(slug.length).toBe(SLUG_LENGTH);
      expect(LINK_KEY.test(slug)).toBe(true);
    }
    expect(SLUG_LENGTH).toBeGreaterThanOrEqual(7);
    expect(new Set(slugs).size).toBe(slugs.length);
  });

  it('uses the whole alphabet about evenly', () => {
    const counts = new Map<string, number>();
    for (const char of Array.from({ length: 4000 }, () => randomSlug()).join('')) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(62);
    const expected = (4000 * SLUG_LENGTH) / 62;
    for (const count of counts.values()) expect(Math.abs(count - expected) / expected).toBeLessThan(0.2);
  });

  it('accepts vanity aliases and keeps their case', () => {
    expect(checkAlias(' Maya-Ridge30 ', 'input.alias')).toBe('Maya-Ridge30');
    expect(checkAlias('leo_cooks', 'input.alias')).toBe('leo_cooks');
  });

  it.each([
    ['ab', /3–32 characters/],
    ['x'.repeat(33), /3–32 characters/],
    ['-maya', /start and end with a letter or digit/],
    ['maya_', /start and end with a letter or digit/],
    ['maya ridge', /letters, digits, hyphens and underscores/],
    ['maya/ridge', /letters, digits, hyphens and underscores/],
    ['mäya', /letters, digits, hyphens and underscores/],
    ['ADMIN', /reserved/],
    ['health', /reserved/],
    ['GraphQL', /reserved/],
  ])('refuses %j', (alias, message) => {
    expect(() => checkAlias(alias, 'input.alias')).toThrow(message);
  });
});

import { checkSlug, firstFreeSlug, slugFromTitle } from './campaign-slug.js';

describe('campaign slugs', () => {
  it.each([
    ['Trail Season — Ridge 30!', 'trail-season-ridge-30'],
    ['  Été à Zürich  ', 'ete-a-zurich'],
    ['SPRING__launch  2027', 'spring-launch-2027'],
    ['夏のキャンペーン', 'campaign'],
    ['Q4', 'campaign-q4'],
    ['a'.repeat(80), 'a'.repeat(60)],
  ])('derives %j as %j', (title, slug) => {
    expect(slugFromTitle(title)).toBe(slug);
  });

  it('accepts well-formed slugs and names the field for the rest', () => {
    expect(checkSlug(' trail-season-2027 ', 'input.slug')).toBe('trail-season-2027');
    for (const bad of ['ab', 'Trail', 'trail--season', '-trail', 'trail-', 'trail season', 'x'.repeat(61)]) {
      expect(() => checkSlug(bad, 'input.slug')).toThrow(/input\.slug must be 3–60 lower-case/);
    }
    expect(() => checkSlug(null, 'input.slug')).toThrow(/input\.slug must be 3–60 lower-case/);
  });

  it('numbers a slug until it is free, staying within the length limit', () => {
    expect(firstFreeSlug('spring', new Set())).toBe('spring');
    expect(firstFreeSlug('spring', new Set(['spring', 'spring-2']))).toBe('spring-3');
    const long = 'a'.repeat(60);
    expect(firstFreeSlug(long, new Set([long]))).toBe(`${'a'.repeat(58)}-2`);
  });
});

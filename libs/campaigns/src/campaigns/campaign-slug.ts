import { BadUserInputException } from '@app/core';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX_LENGTH = 60;

/**
 * A campaign's slug from its title: lower-case ASCII letters and digits joined by single
 * hyphens ("Trail Season — Ridge 30!" → "trail-season-ridge-30"). Accents are dropped;
 * a title with nothing left becomes "campaign".
 */
export function slugFromTitle(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/^-+|-+$/g, '');
  return slug.length >= 3 ? slug : slug ? `campaign-${slug}` : 'campaign';
}

/** A slug as a brand typed it, checked: 3–60 lower-case letters, digits and single hyphens. Null is no slug, and refused. */
export function checkSlug(input: string | null, field: string): string {
  const slug = input?.trim() ?? '';
  if (slug.length < 3 || slug.length > SLUG_MAX_LENGTH || !SLUG.test(slug)) {
    throw new BadUserInputException(field, `${field} must be 3–${SLUG_MAX_LENGTH} lower-case letters, digits and single hyphens, such as trail-season-2027`);
  }
  return slug;
}

/** The first of `base`, `base-2`, `base-3`, … not in `taken`. */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, SLUG_MAX_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

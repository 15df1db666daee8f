import { randomBytes } from 'node:crypto';
import { BadUserInputException } from '@app/core';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Random slugs are this long: 62^10 ≈ 8·10^17, about 60 bits, far beyond guessing. */
export const SLUG_LENGTH = 10;

/**
 * A random base62 slug from the system's CSPRNG. Bytes of 248 and above are thrown away,
 * so every character is equally likely (248 = 4 × 62).
 */
export function randomSlug(length = SLUG_LENGTH): string {
  let slug = '';
  while (slug.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && slug.length < length) slug += BASE62[byte % 62];
    }
  }
  return slug;
}

export const ALIAS_MIN_LENGTH = 3;
export const ALIAS_MAX_LENGTH = 32;
const ALIAS = /^[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?$/;

/**
 * Words a vanity alias may not be: paths the redirector or a future page may need, and
 * names that would mislead shoppers about who runs the link.
 */
export const RESERVED_ALIASES: ReadonlySet<string> = new Set([
  'about', 'account', 'admin', 'api', 'app', 'assets', 'auth', 'billing', 'blog', 'brand', 'brands', 'campaign',
  'campaigns', 'checkout', 'contact', 'creator', 'creators', 'dashboard', 'docs', 'download', 'favicon', 'graphql',
  'health', 'help', 'home', 'index', 'legal', 'login', 'logout', 'marketplace', 'metrics', 'null', 'official',
  'password', 'payout', 'payouts', 'privacy', 'ready', 'register', 'robots', 'root', 'security', 'settings',
  'signin', 'signup', 'sitemap', 'static', 'status', 'support', 'system', 'terms', 'undefined', 'verify', 'webhook',
  'webhooks', 'well-known', 'www',
]);

/**
 * A vanity alias as the creator typed it, checked: 3–32 letters, digits, hyphens and
 * underscores, starting and ending with a letter or digit, and not a reserved word.
 * Case is kept for display; uniqueness ignores it.
 */
export function checkAlias(input: string, field: string): string {
  const alias = input.trim();
  if (alias.length < ALIAS_MIN_LENGTH || alias.length > ALIAS_MAX_LENGTH) {
    throw new BadUserInputException(field, `${field} must be ${ALIAS_MIN_LENGTH}–${ALIAS_MAX_LENGTH} characters long`);
  }
  if (!ALIAS.test(alias)) {
    throw new BadUserInputException(field, `${field} may use letters, digits, hyphens and underscores, and must start and end with a letter or digit`);
  }
  if (RESERVED_ALIASES.has(alias.toLowerCase())) {
    throw new BadUserInputException(field, `${field} "${alias}" is reserved; choose another`);
  }
  return alias;
}

/** What may follow `/r/`: anything else is answered 404 without a lookup. */
export const LINK_KEY = /^[A-Za-z0-9_-]{1,64}$/;

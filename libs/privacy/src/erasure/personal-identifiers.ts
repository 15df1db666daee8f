const MIN_IDENTIFIER_LENGTH = 3;

/** What erased text becomes wherever a person's identifier was found in it. */
export const ERASED_TEXT = '[erased]';

/**
 * The spellings under which an identifier may appear in stored text: as typed, URL-encoded
 * (a handle in a link's `utm_source`), with spaces as `+` (form encoding) and with an `@`
 * prefix dropped (a handle written `@maya`). Values shorter than three characters are
 * dropped (a two-letter name would match inside every other word); duplicates once.
 */
export function identifierSpellings(identifiers: readonly (string | null | undefined)[]): string[] {
  const spellings = new Set<string>();
  for (const raw of identifiers) {
    const value = raw?.trim();
    if (!value || value.replace(/^@+/, '').length < MIN_IDENTIFIER_LENGTH) continue;
    const bare = value.replace(/^@+/, '');
    for (const form of [value, bare, encodeURIComponent(bare), bare.replace(/ /g, '+'), encodeURIComponent(bare).replace(/%20/g, '+')]) {
      if (form) spellings.add(form);
    }
  }
  // Longest first, so an alternation replaces "maya.glow" whole before its part "maya".
  return [...spellings].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

/**
 * One PostgreSQL regular expression (ARE) matching any of `spellings`, case-insensitively
 * when used with the `i` flag; null when there is nothing to match.
 */
export function identifierPattern(spellings: readonly string[]): string | null {
  if (spellings.length === 0) return null;
  return spellings.map((s) => s.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&')).join('|');
}

/** A unique address that names nobody and can receive nothing (`.invalid` is reserved, RFC 2606). */
export function erasedEmail(userId: string): string {
  return `erased-${userId}@invalid`;
}

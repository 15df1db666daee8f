import { createHmac } from 'node:crypto';

/** Gmail ignores dots and `+tags` in the local part, and googlemail.com is the same mailbox. */
const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/**
 * The form of an email two spellings of one mailbox share: trimmed, NFKC, lower-case, the
 * `+tag` dropped, and for Gmail the dots dropped and googlemail.com read as gmail.com.
 * Throws on an empty email or one without a local part and a domain, which identifies no
 * one: the caller treats such an order as having no customer email.
 */
export function normalizeCustomerEmail(email: string): string {
  const cleaned = email.trim().normalize('NFKC').toLowerCase();
  if (cleaned === '') throw new RangeError('A customer email to hash must not be empty');
  const at = cleaned.lastIndexOf('@');
  let local = cleaned.slice(0, at);
  let domain = cleaned.slice(at + 1);
  if (at < 0 || local === '' || domain === '') throw new RangeError('A customer email to hash must have a local part and a domain');
  // A leading "+" is the whole name, not a tag: stripping it would leave nothing to compare.
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL_DOMAINS.has(domain)) {
    local = local.replaceAll('.', '');
    domain = 'gmail.com';
    if (local === '') throw new RangeError('A customer email to hash must have a local part and a domain');
  }
  return `${local}@${domain}`;
}

/**
 * HMAC-SHA256 (hex) of the normalized email under `key`, so an order's customer and a
 * creator's account compare equal without either email being stored; without the key the
 * hash cannot be reversed by hashing guessed addresses.
 */
export function hashCustomerEmail(email: string, key: string): string {
  if (key === '') throw new RangeError('The customer email hash key must not be empty');
  return createHmac('sha256', key).update(normalizeCustomerEmail(email), 'utf8').digest('hex');
}

import { createHmac } from 'node:crypto';

/**
 * Keyed hashes of a customer's identity: orders keep these and never the email or the
 * shop's customer id, yet a returning customer (or a creator buying through their own
 * link) is still recognised. The key is derived from IP_HASH_SALT, which never leaves the
 * configuration.
 */
export class CustomerKeys {
  private readonly key: Buffer;

  constructor(salt: string) {
    this.key = createHmac('sha256', salt).update('customer-identity').digest();
  }

  /** Email, normalised so that trivially different spellings of one mailbox compare equal. */
  email(email: string | null | undefined): string | null {
    // Stored inbox bodies hold the hash already (see sealCustomerIdentifiers).
    if (email?.startsWith(HASHED)) return email.slice(HASHED.length);
    const normalized = normalizeEmail(email);
    return normalized ? createHmac('sha256', this.key).update(`email:${normalized}`).digest('hex') : null;
  }

  /** A shop's customer id: meaningful only within the organization. */
  customerId(organizationId: string, customerId: string | null | undefined): string | null {
    if (customerId?.startsWith(HASHED)) return customerId.slice(HASHED.length);
    const id = customerId?.trim();
    return id ? createHmac('sha256', this.key).update(`customer:${organizationId}:${id}`).digest('hex') : null;
  }
}

/** The prefix of an identifier already hashed (`HASHED_IDENTIFIER_PREFIX` in sealed-body.ts, which imports this file). */
const HASHED = 'hashed:';

const DOTLESS_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/** Trimmed, NFKC, lower-case; `+tags` dropped; dots dropped where the provider ignores them. */
export function normalizeEmail(email: string | null | undefined): string | null {
  const value = email?.normalize('NFKC').trim().toLowerCase();
  if (!value) return null;
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return null;
  let local = value.slice(0, at);
  let domain = value.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (DOTLESS_DOMAINS.has(domain)) local = local.replace(/\./g, '');
  return `${local}@${domain}`;
}

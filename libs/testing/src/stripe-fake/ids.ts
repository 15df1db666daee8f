import { randomInt } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** An id shaped like Stripe's: `acct_1Qx…` (16 characters after the prefix), `tr_3Qx…` and the rest 24. */
export function stripeId(prefix: string): string {
  return `${prefix}_1${base62(prefix === 'acct' ? 15 : 23)}`;
}

export function requestId(): string {
  return `req_${base62(14)}`;
}

export function randomToken(length = 24): string {
  return base62(length);
}

/** Stripe timestamps are whole seconds. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

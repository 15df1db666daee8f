import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signatures of inbound order webhooks. Generic senders sign like Stripe: a header
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, the timestamp inside the MAC so
 * a captured delivery cannot be replayed later. Shopify signs the raw body alone
 * (`X-Shopify-Hmac-Sha256`, base64). Several secrets are accepted at once so a secret can be
 * rotated without dropping deliveries signed with the old one.
 */
export type GenericSignatureCheck = { ok: true } | { ok: false; reason: 'MISSING' | 'MALFORMED' | 'STALE' | 'MISMATCH' };

const SHA256_BYTES = 32;
const HEX_SIGNATURE = /^[0-9a-f]{64}$/i;
const BASE64_SIGNATURE = /^[A-Za-z0-9+/]{43}=$/;
const TIMESTAMP = /^\d{1,12}$/;
// A header is a handful of entries; a long one is not a signature and is not worth splitting.
const MAX_HEADER_LENGTH = 4096;

/** The generic signature header for `rawBody` sent at `unixSeconds`. */
export function signGenericPayload(secret: string, rawBody: string | Buffer, unixSeconds: number): string {
  if (!Number.isSafeInteger(unixSeconds) || unixSeconds < 0) throw new RangeError('unixSeconds must be a non-negative whole number of seconds');
  return `t=${unixSeconds},v1=${genericMac(secret, unixSeconds.toString(), rawBody).toString('hex')}`;
}

/**
 * Checks a generic signature header. Any `v1` entry matching any secret passes; entries of
 * other versions are ignored so senders can add a scheme before we know it. The signature is
 * checked before the age, so STALE means an authentic delivery outside the window (a replay
 * or a skewed clock), never a forgery.
 */
export function verifyGenericSignature(
  header: string | undefined,
  rawBody: Buffer,
  secrets: readonly string[],
  nowSeconds: number,
  toleranceSeconds = 300,
): GenericSignatureCheck {
  if (header === undefined || header.trim().length === 0) return { ok: false, reason: 'MISSING' };
  if (header.length > MAX_HEADER_LENGTH) return { ok: false, reason: 'MALFORMED' };

  let timestamp: string | undefined;
  const signatures: Buffer[] = [];
  for (const entry of header.split(',')) {
    const separator = entry.indexOf('=');
    if (separator < 0) continue;
    const key = entry.slice(0, separator).trim();
    const value = entry.slice(separator + 1).trim();
    if (key === 't') {
      // Two timestamps leave it open which one was signed.
      if (timestamp !== undefined || !TIMESTAMP.test(value)) return { ok: false, reason: 'MALFORMED' };
      timestamp = value;
    } else if (key === 'v1' && HEX_SIGNATURE.test(value)) {
      signatures.push(Buffer.from(value, 'hex'));
    }
  }
  if (timestamp === undefined || signatures.length === 0) return { ok: false, reason: 'MALFORMED' };

  const matched = usableSecrets(secrets).some((secret) => {
    const expected = genericMac(secret, timestamp, rawBody);
    return signatures.some((signature) => sameBytes(signature, expected));
  });
  if (!matched) return { ok: false, reason: 'MISMATCH' };
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return { ok: false, reason: 'STALE' };
  return { ok: true };
}

/** Shopify's `X-Shopify-Hmac-Sha256` for `rawBody`. */
export function signShopifyPayload(secret: string, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/** Whether `header` is Shopify's signature of `rawBody` under any of `secrets`. */
export function verifyShopifySignature(header: string | undefined, rawBody: Buffer, secrets: readonly string[]): boolean {
  const value = header?.trim();
  if (!value || !BASE64_SIGNATURE.test(value)) return false;
  const signature = Buffer.from(value, 'base64');
  return usableSecrets(secrets).some((secret) => sameBytes(signature, createHmac('sha256', secret).update(rawBody).digest()));
}

function genericMac(secret: string, timestamp: string, rawBody: string | Buffer): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
}

// An empty secret is a configuration slip, and a MAC under it is one anybody can make.
function usableSecrets(secrets: readonly string[]): string[] {
  return secrets.filter((secret) => secret.length > 0);
}

// timingSafeEqual throws on buffers of different lengths; a wrong length is simply no match.
function sameBytes(given: Buffer, expected: Buffer): boolean {
  return given.length === SHA256_BYTES && expected.length === SHA256_BYTES && timingSafeEqual(given, expected);
}

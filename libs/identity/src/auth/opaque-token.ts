import { createHash, randomBytes } from 'node:crypto';

/** A random bearer secret (256 bits), prefixed so a leaked token is recognisable in scanners. */
export function generateOpaqueToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** Tokens are high-entropy, so a fast hash is enough to make the stored form useless to a thief. */
export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

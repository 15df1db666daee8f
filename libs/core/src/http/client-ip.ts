import { createHmac } from 'node:crypto';

/**
 * A keyed hash of a client IP address. Raw IPs are never stored or used as keys; the
 * salt keeps the hashes from being reversed by enumerating the address space.
 */
export function hashIp(ip: string | undefined, salt: string): string {
  return createHmac('sha256', salt)
    .update(ip ?? 'unknown')
    .digest('base64url')
    .slice(0, 22);
}

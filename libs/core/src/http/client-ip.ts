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

/**
 * The client's address behind `trustedHops` proxies, as Express and Fastify read it: the
 * socket's peer, then `X-Forwarded-For` from right to left; the first address not added
 * by a trusted proxy is the client. With no trusted hops, the header is ignored.
 */
export function clientAddress(remoteAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number): string {
  const peer = remoteAddress ?? '';
  if (trustedHops === 0 || !forwardedFor) return peer;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  const chain = [peer, ...header.split(',').map((address) => address.trim()).filter(Boolean).reverse()];
  return chain[Math.min(trustedHops, chain.length - 1)]!;
}

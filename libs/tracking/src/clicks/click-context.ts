import { hash } from 'node:crypto';
import { isbot } from 'isbot';

export enum DeviceClass {
  DESKTOP = 'DESKTOP',
  MOBILE = 'MOBILE',
  TABLET = 'TABLET',
  UNKNOWN = 'UNKNOWN',
}

const TABLET = /iPad|Tablet|PlayBook|Silk|Kindle|SM-T\d|Nexus (?:7|9|10)|(?:Android(?!.*Mobile))/i;
const MOBILE = /Mobi|iPhone|iPod|Android|Windows Phone|BlackBerry|Opera Mini|IEMobile/i;

/** The kind of device a user agent describes, from well-known markers (good enough for reports, not fingerprinting). */
export function deviceClass(userAgent: string | undefined): DeviceClass {
  if (!userAgent) return DeviceClass.UNKNOWN;
  if (TABLET.test(userAgent)) return DeviceClass.TABLET;
  if (MOBILE.test(userAgent)) return DeviceClass.MOBILE;
  if (/Windows NT|Macintosh|X11|CrOS|Linux/i.test(userAgent)) return DeviceClass.DESKTOP;
  return DeviceClass.UNKNOWN;
}

/**
 * A known bot or crawler, or no browser at all: link-preview fetchers, HTTP libraries and
 * command-line tools (via the `isbot` patterns), and requests with no user agent.
 */
export function isBotAgent(userAgent: string | undefined): boolean {
  return !userAgent || userAgent.trim() === '' || isbot(userAgent);
}

const HOST_NAME = /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/;
/** A host whose last label is a number is an IPv4 address to a browser (WHATWG URL "ends in a number"): no top-level domain is one. */
const ENDS_IN_A_NUMBER = /(?:^|\.)(?:\d+|0x[0-9a-f]*)$/;

/**
 * The host of an http(s) Referer header, lower-case, without user info or port: never its
 * path or query. String work only, as it runs on every redirect; {@link referrerHostName}
 * checks the result.
 */
export function referrerHost(referer: string | undefined): string | null {
  if (!referer) return null;
  const start = referer.startsWith('https://') ? 8 : referer.startsWith('http://') ? 7 : -1;
  if (start === -1) return null;
  let end = start;
  while (end < referer.length && end - start <= 300) {
    const char = referer.charCodeAt(end);
    if (char === 47 || char === 63 || char === 35 || char === 92) break; // / ? # \
    end += 1;
  }
  let host = referer.slice(start, end);
  host = host.slice(host.lastIndexOf('@') + 1);
  const port = host.lastIndexOf(':');
  if (port !== -1) host = host.slice(0, port);
  return referrerHostName(host.toLowerCase());
}

/** A host name as the click table keeps it, or null when it is not one (IP literals and junk included). */
export function referrerHostName(host: string | null): string | null {
  if (!host) return null;
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  return HOST_NAME.test(name) && !ENDS_IN_A_NUMBER.test(name) ? name : null;
}

/** An ISO 3166-1 alpha-2 country from a trusted proxy's header; `XX`, `T1` (Tor) and anything malformed count as unknown. */
export function countryFromHeader(value: string | string[] | undefined): string | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || raw.length !== 2) return null;
  const country = raw.toUpperCase();
  return /^[A-Z]{2}$/.test(country) && country !== 'XX' ? country : null;
}

/**
 * Who clicked, as a salted hash of address and user agent. The salt is secret, changes
 * every day and is thrown away after, so a visitor can be recognised within a day and never
 * across days, and no address can be recovered by hashing the whole address space. (A
 * one-shot SHA-256 of secret and data, not HMAC: nothing here authenticates anything, and
 * it costs a fifth as much on every redirect.)
 */
export function visitorHash(ip: string, userAgent: string | undefined, salt: string): string {
  return hash('sha256', `${salt}\u0000${ip}\u0000${userAgent ?? ''}`, 'base64url').slice(0, 22);
}

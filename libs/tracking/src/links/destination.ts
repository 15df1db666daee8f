import { BadUserInputException } from '@app/core';
import { checkLandingUrl } from '@app/campaigns';

/** The click id's query parameter: the merchant passes it back with the order. */
export const CLICK_ID_PARAMETER = 'cid';

export interface TrackingParameters {
  /** The creator's handle. */
  source: string;
  /** The campaign slug. */
  campaign: string;
}

const MAX_PATH_LENGTH = 2048;
// Whitespace, invisible and control characters, and backslashes, as typed: the URL parser
// silently drops tabs and newlines ("/\t/evil.example" becomes "//evil.example") and reads
// a backslash as a slash. Spaces belong percent-encoded.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const UNSAFE_CHARACTERS = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff\\]/u;
// What must not appear even once decoded: control characters and backslashes.
// eslint-disable-next-line no-control-regex -- as above
const UNSAFE_DECODED = /[\u0000-\u001f\u007f\\]/;

function refuse(field: string, why: string): never {
  throw new BadUserInputException(field, `${field} ${why}`);
}

/** Decodes percent-escapes a few times over (as a chain of servers might); undefined when malformed. */
function decodedForms(path: string): string[] | undefined {
  const forms = [path];
  for (let i = 0; i < 3; i += 1) {
    try {
      const next = decodeURIComponent(forms.at(-1)!);
      if (next === forms.at(-1)) break;
      forms.push(next);
    } catch {
      return undefined;
    }
  }
  return forms;
}

/**
 * Where a link sends shoppers: the campaign's landing URL, or a deep link the creator asked
 * for. A deep link is either a path on the landing URL's host ("/products/ridge-30?color=red")
 * or an https URL on one of the organization's verified domains. Nothing may lead off those
 * domains: protocol-relative paths, backslashes, user info, ports, other schemes, control
 * characters and their percent-encoded forms are all refused, and the result is checked
 * once more as a whole.
 */
export function resolveDestination(landingUrl: string, path: string | null | undefined, verifiedDomains: readonly string[], field: string): string {
  if (path === null || path === undefined || path.trim() === '') return checkLandingUrl(landingUrl, verifiedDomains, field);
  if (path.length > MAX_PATH_LENGTH) refuse(field, `must be at most ${MAX_PATH_LENGTH} characters`);
  if (UNSAFE_CHARACTERS.test(path)) refuse(field, 'must not contain spaces, control characters or backslashes (percent-encode spaces as %20)');
  const forms = decodedForms(path);
  if (!forms) refuse(field, 'has a malformed percent-escape');
  if (forms.some((form) => UNSAFE_DECODED.test(form))) refuse(field, 'must not contain encoded control characters or backslashes');

  if (path.startsWith('/')) {
    if (forms.some((form) => form.startsWith('//'))) refuse(field, 'must be a path on the campaign site (it may not start with //)');
    const landing = new URL(landingUrl);
    const resolved = new URL(path, landing.origin);
    if (resolved.origin !== landing.origin || resolved.pathname.startsWith('//')) refuse(field, 'must stay on the campaign site');
    return checkLandingUrl(resolved.href, verifiedDomains, field);
  }
  if (/^https:\/\//i.test(path)) return checkLandingUrl(path, verifiedDomains, field);
  return refuse(field, "must be a path starting with / or an https URL on one of the brand's verified domains");
}

function parameterName(pair: string): string {
  const name = pair.split('=', 1)[0]!.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/**
 * Adds `utm_source`, `utm_medium=influencer` and `utm_campaign` where the destination does
 * not already set them, and drops any `cid` (the redirector adds its own). Every other
 * parameter stays exactly as written: the query is edited as text, never re-encoded.
 */
export function withTrackingParameters(destination: string, tracking: TrackingParameters): string {
  const url = new URL(destination);
  const pairs = url.search.slice(1).split('&').filter((pair) => pair !== '' && parameterName(pair) !== CLICK_ID_PARAMETER);
  const present = new Set(pairs.map(parameterName));
  const utm: [string, string][] = [
    ['utm_source', tracking.source],
    ['utm_medium', 'influencer'],
    ['utm_campaign', tracking.campaign],
  ];
  for (const [name, value] of utm) {
    if (!present.has(name)) pairs.push(`${name}=${encodeURIComponent(value)}`);
  }
  url.search = pairs.length > 0 ? `?${pairs.join('&')}` : '';
  return url.href;
}

/**
 * A destination split around the click id, so the redirect is one string concatenation:
 * `head + clickId + tail`, with the id as the query's last parameter and any fragment after it.
 */
export function clickLocationParts(destination: string): { head: string; tail: string } {
  const hash = destination.indexOf('#');
  const base = hash === -1 ? destination : destination.slice(0, hash);
  const tail = hash === -1 ? '' : destination.slice(hash);
  const separator = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return { head: `${base}${separator}${CLICK_ID_PARAMETER}=`, tail };
}

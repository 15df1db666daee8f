import { domainToASCII } from 'node:url';
import { BadUserInputException } from '@app/core';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * A host name as brands type it ("Shop.Example.com", "bücher.de") in canonical form: lower-case
 * ASCII (IDNA), no trailing dot. Rejects schemes, paths, ports, IP addresses and single labels.
 */
export function normalizeDomain(input: string, field: string): string {
  const trimmed = input.trim().toLowerCase().replace(/\.$/, '');
  // Letters (any script), digits, dots and hyphens only: anything else is a URL, not a domain.
  if (!/^[\p{L}\p{M}\p{N}.-]+$/u.test(trimmed)) throw notADomain(field);
  const ascii = /^[a-z0-9.-]+$/.test(trimmed) ? trimmed : domainToASCII(trimmed);
  const labels = ascii.split('.');
  const valid =
    ascii.length > 0 &&
    ascii.length <= 253 &&
    labels.length >= 2 &&
    labels.every((label) => LABEL.test(label)) &&
    !/^\d+$/.test(labels.at(-1)!);
  if (!valid) throw notADomain(field);
  return ascii;
}

function notADomain(field: string): BadUserInputException {
  return new BadUserInputException(field, `${field} must be a domain name such as shop.example.com, without scheme, path or port`);
}

/** Whether `host` is one of `domains` or a subdomain of one. Both sides are canonical. */
export function hostOnDomains(host: string, domains: readonly string[]): boolean {
  return domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/**
 * Parses a landing URL and checks it stays on the brand's domains: https only, no user
 * info, no explicit port, host (after WHATWG parsing, which resolves IDNA, backslashes and
 * percent-encoding the way browsers do) on a verified domain.
 */
export function checkLandingUrl(input: string, domains: readonly string[], field: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new BadUserInputException(field, `${field} must be an absolute https URL`);
  }
  if (url.protocol !== 'https:') throw new BadUserInputException(field, `${field} must use https`);
  if (url.username || url.password) throw new BadUserInputException(field, `${field} must not contain a user name or password`);
  if (url.port) throw new BadUserInputException(field, `${field} must not name a port`);
  if (url.href.length > 2048) throw new BadUserInputException(field, `${field} must be at most 2048 characters`);
  const host = url.hostname.replace(/\.$/, '');
  if (!hostOnDomains(host, domains)) {
    const listed = domains.length > 0 ? domains.join(', ') : 'none yet: add one with addVerifiedDomain';
    throw new BadUserInputException(field, `${field} must be on one of your organization's verified domains (${listed}); ${host} is not`);
  }
  return url.href;
}

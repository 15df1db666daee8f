import { isUuid } from '@app/core';

/**
 * A click as the redirector hands it to the worker: what it knows of the visit, nothing
 * it would have to compute on the redirect path. The worker derives the rest (bot, device
 * class, uniqueness). The address is already hashed; it never leaves the redirector.
 */
export interface ClickVisit {
  /** UUID v7: the `cid`, with the click's time inside. */
  id: string;
  linkId: string;
  enrollmentId: string;
  campaignId: string;
  organizationId: string;
  creatorId: string;
  visitorHash: string;
  /** From the trusted country header, as sent (the worker checks it). */
  country: string | null;
  /** The Referer's host, as sent (the worker checks it). */
  referrerHost: string | null;
  userAgent: string | null;
}

/**
 * One click per line, fields separated by tabs, version first. Thousands cross Redis every
 * second, and a line costs a fraction of what a JSON object does to write and to read.
 */
const VERSION = 'c1';
const FIELDS = 11;
const SEPARATORS = /[\t\r\n]/g;

function text(value: string | null): string {
  if (value === null) return '';
  return value.includes('\t') || value.includes('\n') || value.includes('\r') ? value.replace(SEPARATORS, ' ') : value;
}

export function encodeClick(click: ClickVisit): string {
  return `${VERSION}\t${click.id}\t${click.linkId}\t${click.enrollmentId}\t${click.campaignId}\t${click.organizationId}\t${click.creatorId}\t${text(click.visitorHash)}\t${text(click.country)}\t${text(click.referrerHost)}\t${text(click.userAgent)}`;
}

/** A line back into a click, or null when it is not one (wrong version, missing fields, malformed ids). */
export function decodeClick(line: unknown): ClickVisit | null {
  if (typeof line !== 'string' || line.length > 8_192) return null;
  const fields = line.split('\t');
  if (fields.length !== FIELDS || fields[0] !== VERSION) return null;
  const [, id, linkId, enrollmentId, campaignId, organizationId, creatorId, visitorHash, country, referrerHost, userAgent] = fields as [string, ...string[]];
  if (![id, linkId, enrollmentId, campaignId, organizationId, creatorId].every((value) => isUuid(value!))) return null;
  if (!visitorHash || visitorHash.length > 64) return null;
  return {
    id: id!,
    linkId: linkId!,
    enrollmentId: enrollmentId!,
    campaignId: campaignId!,
    organizationId: organizationId!,
    creatorId: creatorId!,
    visitorHash,
    country: country || null,
    referrerHost: referrerHost || null,
    userAgent: userAgent || null,
  };
}

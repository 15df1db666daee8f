import type { InputProblems } from '@app/core';
import { DisclosureMethod } from '../rules/check-disclosure.js';

export const MAX_CAPTION_LENGTH = 10_000;
export const MAX_TRANSCRIPT_LENGTH = 100_000;
export const MAX_MEDIA_REF_LENGTH = 2_048;
export const MAX_JURISDICTIONS = 30;
/** A post can't be dated later than now, give or take clocks this far apart. */
export const POSTED_AT_CLOCK_SKEW_MS = 5 * 60_000;
const MAX_VIDEO_SECONDS = 24 * 3600;

/** What one revision of a post says and how it discloses, checked and normalized. */
export interface PostContent {
  postedAt: Date;
  caption: string;
  transcript: string | null;
  disclosureMethods: DisclosureMethod[];
  verbalAtSeconds: number | null;
  /** Null: read them from the creator's audience. */
  jurisdictions: string[] | null;
  evidence: { sha256: string; mediaRef: string } | null;
}

/** The content fields as a client sent them: undefined is "left out", null is "cleared". */
export interface PostContentInput {
  postedAt?: Date | null;
  caption?: string | null;
  transcript?: string | null;
  disclosureMethods?: DisclosureMethod[] | null;
  verbalAtSeconds?: number | null;
  jurisdictions?: string[] | null;
  evidence?: { sha256: string; mediaRef: string } | null;
}

/**
 * The content of a new revision: `input` over `previous` (the current revision, or null for a
 * new post, when postedAt, caption and disclosureMethods are required). Every problem is
 * added to `problems` under `<at><field>` (`input.` by default); the result is only meaningful when there is none.
 */
export function readPostContent(input: PostContentInput, previous: PostContent | null, problems: InputProblems, now = new Date(), at = 'input.'): PostContent {
  const pick = <K extends keyof PostContent>(field: K, value: PostContent[K] | undefined): PostContent[K] | undefined =>
    value === undefined ? previous?.[field] : value;

  const postedAt = input.postedAt ?? previous?.postedAt;
  if (!postedAt) problems.add(`${at}postedAt`, `${at}postedAt is required`);
  else if (Number.isNaN(postedAt.getTime())) problems.add(`${at}postedAt`, `${at}postedAt is not a valid time`);
  else if (postedAt.getTime() > now.getTime() + POSTED_AT_CLOCK_SKEW_MS) problems.add(`${at}postedAt`, `${at}postedAt (${postedAt.toISOString()}) is in the future`);

  const caption = input.caption ?? previous?.caption;
  if (caption === undefined) problems.add(`${at}caption`, `${at}caption is required (it may be empty when the post has none)`);
  else if (caption.length > MAX_CAPTION_LENGTH) problems.add(`${at}caption`, `${at}caption must be at most ${MAX_CAPTION_LENGTH} characters (got ${caption.length})`);
  else if (caption.includes('\u0000')) problems.add(`${at}caption`, `${at}caption must not contain NUL characters`);

  const transcript = pick('transcript', input.transcript);
  if (transcript && transcript.length > MAX_TRANSCRIPT_LENGTH) problems.add(`${at}transcript`, `${at}transcript must be at most ${MAX_TRANSCRIPT_LENGTH} characters (got ${transcript.length})`);
  else if (transcript?.includes('\u0000')) problems.add(`${at}transcript`, `${at}transcript must not contain NUL characters`);

  const methods = input.disclosureMethods ?? previous?.disclosureMethods;
  if (!methods) problems.add(`${at}disclosureMethods`, `${at}disclosureMethods is required (an empty list when the post does not disclose)`);
  else if (new Set(methods).size !== methods.length) problems.add(`${at}disclosureMethods`, `${at}disclosureMethods must not repeat a method`);

  const verbalAtSeconds = pick('verbalAtSeconds', input.verbalAtSeconds) ?? null;
  const verbal = methods?.includes(DisclosureMethod.VERBAL_IN_VIDEO) ?? false;
  if (verbalAtSeconds !== null) {
    if (!Number.isInteger(verbalAtSeconds) || verbalAtSeconds < 0 || verbalAtSeconds > MAX_VIDEO_SECONDS) {
      problems.add(`${at}verbalAtSeconds`, `${at}verbalAtSeconds must be a whole number of seconds from 0 to ${MAX_VIDEO_SECONDS} (got ${verbalAtSeconds})`);
    } else if (!verbal && input.verbalAtSeconds !== undefined) {
      problems.add(`${at}verbalAtSeconds`, `${at}verbalAtSeconds is the second a VERBAL_IN_VIDEO disclosure is said at: add VERBAL_IN_VIDEO to ${at}disclosureMethods or leave it out`);
    }
  }

  const jurisdictions = readJurisdictions(pick('jurisdictions', input.jurisdictions) ?? null, problems, at);
  const evidence = readEvidence(pick('evidence', input.evidence) ?? null, problems, at);

  return {
    postedAt: postedAt ?? now,
    caption: caption ?? '',
    transcript: transcript ?? null,
    disclosureMethods: methods ?? [],
    // A revision that drops VERBAL_IN_VIDEO drops the second it was said at with it.
    verbalAtSeconds: verbal ? verbalAtSeconds : null,
    jurisdictions,
    evidence,
  };
}

export function readJurisdictions(list: string[] | null, problems: InputProblems, at = 'input.'): string[] | null {
  if (list === null) return null;
  const codes = list.map((code) => code.trim().toUpperCase());
  if (codes.length === 0) problems.add(`${at}jurisdictions`, `${at}jurisdictions must name at least one jurisdiction, or be left out to use your audience`);
  if (codes.length > MAX_JURISDICTIONS) problems.add(`${at}jurisdictions`, `${at}jurisdictions must hold at most ${MAX_JURISDICTIONS} codes (got ${codes.length})`);
  const bad = codes.findIndex((code) => !/^[A-Z]{2}$/.test(code));
  if (bad >= 0) problems.add(`${at}jurisdictions`, `${at}jurisdictions[${bad}] ("${list[bad]!.slice(0, 16)}") is not a two-letter code such as US, GB, EU or KR`);
  return [...new Set(codes.map((code) => (code === 'UK' ? 'GB' : code)))].sort();
}

function readEvidence(evidence: { sha256: string; mediaRef: string } | null, problems: InputProblems, at: string): { sha256: string; mediaRef: string } | null {
  if (evidence === null) return null;
  const sha256 = evidence.sha256.trim().toLowerCase();
  const mediaRef = evidence.mediaRef.trim();
  if (!/^[0-9a-f]{64}$/.test(sha256)) problems.add(`${at}evidence.sha256`, `${at}evidence.sha256 must be a SHA-256 digest: 64 hexadecimal characters`);
  if (mediaRef.length === 0 || mediaRef.length > MAX_MEDIA_REF_LENGTH) {
    problems.add(`${at}evidence.mediaRef`, `${at}evidence.mediaRef must be 1 to ${MAX_MEDIA_REF_LENGTH} characters`);
  } else if ([...mediaRef].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) {
    problems.add(`${at}evidence.mediaRef`, `${at}evidence.mediaRef must not contain control characters`);
  }
  return { sha256, mediaRef };
}

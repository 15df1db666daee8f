import { Platform } from '@app/creators';
import { findLabels, LabelKind, LabelLanguage, type LabelMatch } from './labels.js';
import { normalizeText, trailingHashtags, visibleLength } from './normalize.js';

/** Stored with every result, so a past result can be read against the rules that made it. */
export const DISCLOSURE_RULESET_VERSION = '2026-12-01';

/** What a caption shows before "more"; the label must be inside it. */
export const VISIBLE_CAPTION_CHARACTERS = 125;
/** A verbal disclosure later than this is missed by viewers who scroll on. */
export const VERBAL_DISCLOSURE_DEADLINE_SECONDS = 15;
/** A label hidden among this many other hashtags at the end doesn't count. */
export const TRAILING_HASHTAG_RUN = 3;

export enum DisclosureMethod {
  CAPTION_LABEL = 'CAPTION_LABEL',
  PLATFORM_PAID_PARTNERSHIP_TOOL = 'PLATFORM_PAID_PARTNERSHIP_TOOL',
  VERBAL_IN_VIDEO = 'VERBAL_IN_VIDEO',
  ON_SCREEN_TEXT = 'ON_SCREEN_TEXT',
}

export enum DisclosureResult {
  COMPLIANT = 'COMPLIANT',
  NON_COMPLIANT = 'NON_COMPLIANT',
  NEEDS_REVIEW = 'NEEDS_REVIEW',
}

/** Why a post is not compliant, or why a person must look at it. Listed in this order. */
export enum DisclosureReason {
  NO_LABEL = 'NO_LABEL',
  INSUFFICIENT_LABEL_ONLY = 'INSUFFICIENT_LABEL_ONLY',
  COLLABORATION_LABEL_WITHOUT_BRAND = 'COLLABORATION_LABEL_WITHOUT_BRAND',
  LABEL_NOT_IN_FIRST_125_CHARACTERS = 'LABEL_NOT_IN_FIRST_125_CHARACTERS',
  LABEL_ONLY_IN_TRAILING_HASHTAGS = 'LABEL_ONLY_IN_TRAILING_HASHTAGS',
  UK_REQUIRES_AD_LABEL = 'UK_REQUIRES_AD_LABEL',
  LABEL_NOT_IN_AUDIENCE_LANGUAGE = 'LABEL_NOT_IN_AUDIENCE_LANGUAGE',
  VERBAL_DISCLOSURE_TOO_LATE = 'VERBAL_DISCLOSURE_TOO_LATE',
  VERBAL_DISCLOSURE_TIME_MISSING = 'VERBAL_DISCLOSURE_TIME_MISSING',
  ON_SCREEN_TEXT_UNVERIFIED = 'ON_SCREEN_TEXT_UNVERIFIED',
  PAID_PARTNERSHIP_TOOL_NOT_ON_PLATFORM = 'PAID_PARTNERSHIP_TOOL_NOT_ON_PLATFORM',
}

export enum DisclosureWarning {
  PAID_PARTNERSHIP_TOOL_ONLY = 'PAID_PARTNERSHIP_TOOL_ONLY',
  UK_SPONSORED_ALONE = 'UK_SPONSORED_ALONE',
}

export const DISCLOSURE_REASON_MESSAGES: Record<DisclosureReason, string> = {
  NO_LABEL: 'The caption has no disclosure label such as #ad',
  INSUFFICIENT_LABEL_ONLY: 'The caption uses only tags such as #sp, #spon, #collab, #partner, #ambassador or #thanks, which do not disclose a sponsorship on their own',
  COLLABORATION_LABEL_WITHOUT_BRAND: '#współpraca discloses a sponsorship only when the caption names the brand',
  LABEL_NOT_IN_FIRST_125_CHARACTERS: `The disclosure label is not within the first ${VISIBLE_CAPTION_CHARACTERS} characters, which show before "more"`,
  LABEL_ONLY_IN_TRAILING_HASHTAGS: `The disclosure label appears only among ${TRAILING_HASHTAG_RUN} or more other hashtags at the end of the caption`,
  UK_REQUIRES_AD_LABEL: 'UK audiences need an "Ad" label (#ad, #advert, #advertisement or "Ad:" at the start)',
  LABEL_NOT_IN_AUDIENCE_LANGUAGE: "The disclosure label is not in a language of every audience's jurisdiction",
  VERBAL_DISCLOSURE_TOO_LATE: `The verbal disclosure comes after the first ${VERBAL_DISCLOSURE_DEADLINE_SECONDS} seconds of the video`,
  VERBAL_DISCLOSURE_TIME_MISSING: 'A verbal disclosure is claimed without the second it is said at',
  ON_SCREEN_TEXT_UNVERIFIED: 'On-screen disclosure text is claimed and must be checked in the video',
  PAID_PARTNERSHIP_TOOL_NOT_ON_PLATFORM: 'A blog has no platform paid-partnership tool',
};

export const DISCLOSURE_WARNING_MESSAGES: Record<DisclosureWarning, string> = {
  PAID_PARTNERSHIP_TOOL_ONLY: "Only the platform's paid-partnership tool discloses this post; regulators (the UK ASA among them) say it is not always enough, so add #ad to the caption",
  UK_SPONSORED_ALONE: 'For UK audiences "sponsored" alone is weaker than "Ad"; add #ad',
};

export interface DisclosureCheckInput {
  caption: string;
  platform: Platform;
  disclosureMethods: DisclosureMethod[];
  /** The second of the video the verbal disclosure is said at, for VERBAL_IN_VIDEO. */
  verbalAtSeconds?: number | null;
  /** Audience jurisdictions: `US`, `GB`, `EU`, `KR`, `JP`, `PL`, `FI` or any ISO country code. */
  jurisdictions: string[];
  brandName: string;
}

export interface DisclosureCheck {
  result: DisclosureResult;
  reasons: DisclosureReason[];
  warnings: DisclosureWarning[];
  rulesetVersion: string;
}

/**
 * The label languages each audience reads. Any other jurisdiction is read like the US: English.
 * Korea's guidance asks for Korean; Japan, Poland and Finland accept English labels as well.
 */
const JURISDICTION_LANGUAGES: Record<string, readonly LabelLanguage[]> = {
  US: [LabelLanguage.EN],
  GB: [LabelLanguage.EN],
  EU: [LabelLanguage.EN, LabelLanguage.PL, LabelLanguage.FI],
  PL: [LabelLanguage.PL, LabelLanguage.EN],
  FI: [LabelLanguage.FI, LabelLanguage.EN],
  KR: [LabelLanguage.KO],
  JP: [LabelLanguage.JA, LabelLanguage.EN],
};
const DEFAULT_LANGUAGES: readonly LabelLanguage[] = [LabelLanguage.EN];

interface CaptionVerdict {
  /** Problems no other evidence in the caption can fix. */
  failures: DisclosureReason[];
  /** Problems a person should judge. */
  doubts: DisclosureReason[];
  warnings: DisclosureWarning[];
}

/**
 * Checks a post's disclosure. The caption is judged on its text whatever methods are claimed.
 * When it doesn't disclose on its own:
 * - the paid-partnership tool (on a platform that has one) or a verbal disclosure within the
 *   first 15 seconds makes the post COMPLIANT (the tool alone with a warning);
 * - otherwise a claim no text can prove (on-screen text, a verbal disclosure without its second)
 *   makes it NEEDS_REVIEW, with every reason found;
 * - otherwise a caption whose labels are well placed but not in a language of every
 *   jurisdiction (say `#ad` for a Korean audience) is NEEDS_REVIEW;
 * - anything else is NON_COMPLIANT with every reason.
 * No jurisdictions means US rules.
 */
export function checkDisclosure(input: DisclosureCheckInput): DisclosureCheck {
  const jurisdictions = input.jurisdictions.map((code) => code.trim().toUpperCase()).filter((code) => code.length > 0);
  const caption = judgeCaption(input.caption, input.brandName, jurisdictions.length > 0 ? jurisdictions : ['US']);
  const methods = new Set(input.disclosureMethods);
  const warnings = [...caption.warnings];
  if (caption.failures.length === 0 && caption.doubts.length === 0) return done(DisclosureResult.COMPLIANT, [], warnings);

  const failures = [...caption.failures];
  const doubts = [...caption.doubts];
  let unprovenClaim = false;
  let disclosedElsewhere = false;
  const verbalAt = input.verbalAtSeconds;
  if (methods.has(DisclosureMethod.VERBAL_IN_VIDEO)) {
    if (verbalAt === null || verbalAt === undefined || !Number.isFinite(verbalAt) || verbalAt < 0) {
      doubts.push(DisclosureReason.VERBAL_DISCLOSURE_TIME_MISSING);
      unprovenClaim = true;
    } else if (verbalAt > VERBAL_DISCLOSURE_DEADLINE_SECONDS) {
      failures.push(DisclosureReason.VERBAL_DISCLOSURE_TOO_LATE);
    } else {
      disclosedElsewhere = true;
    }
  }
  if (methods.has(DisclosureMethod.PLATFORM_PAID_PARTNERSHIP_TOOL)) {
    if (input.platform === Platform.BLOG) {
      failures.push(DisclosureReason.PAID_PARTNERSHIP_TOOL_NOT_ON_PLATFORM);
    } else if (!disclosedElsewhere) {
      disclosedElsewhere = true;
      warnings.push(DisclosureWarning.PAID_PARTNERSHIP_TOOL_ONLY);
    }
  }
  if (disclosedElsewhere) return done(DisclosureResult.COMPLIANT, [], warnings);
  if (methods.has(DisclosureMethod.ON_SCREEN_TEXT)) {
    doubts.push(DisclosureReason.ON_SCREEN_TEXT_UNVERIFIED);
    unprovenClaim = true;
  }
  const reasons = [...failures, ...doubts];
  if (unprovenClaim || failures.length === 0) return done(DisclosureResult.NEEDS_REVIEW, reasons, warnings);
  return done(DisclosureResult.NON_COMPLIANT, reasons, warnings);
}

function judgeCaption(rawCaption: string, brandName: string, jurisdictions: readonly string[]): CaptionVerdict {
  const normalized = normalizeText(rawCaption);
  const found = findLabels(normalized, brandName);
  const verdict: CaptionVerdict = { failures: [], doubts: [], warnings: [] };
  if (found.labels.length === 0) {
    if (found.insufficient.length > 0) verdict.failures.push(DisclosureReason.INSUFFICIENT_LABEL_ONLY);
    if (found.missingBrand.length > 0) verdict.failures.push(DisclosureReason.COLLABORATION_LABEL_WITHOUT_BRAND);
    if (verdict.failures.length === 0) verdict.failures.push(DisclosureReason.NO_LABEL);
    return verdict;
  }

  const trailing = trailingHashtags(normalized, found.tokens);
  const labelTokens = new Set(found.labels.flatMap((label) => (label.token ? [label.token] : [])));
  const othersInTrail = trailing.filter((token) => !labelTokens.has(token)).length;
  const buried = (label: LabelMatch) => label.token !== undefined && othersInTrail >= TRAILING_HASHTAG_RUN && trailing.includes(label.token);
  const visible = (label: LabelMatch) => visibleLength(rawCaption, label.end) <= VISIBLE_CAPTION_CHARACTERS;
  const placed = found.labels.filter((label) => visible(label) && !buried(label));
  if (placed.length === 0) {
    if (found.labels.some((label) => !visible(label))) verdict.failures.push(DisclosureReason.LABEL_NOT_IN_FIRST_125_CHARACTERS);
    if (found.labels.some(buried)) verdict.failures.push(DisclosureReason.LABEL_ONLY_IN_TRAILING_HASHTAGS);
    return verdict;
  }

  for (const jurisdiction of jurisdictions) {
    if (jurisdiction === 'GB') {
      // The UK asks for "Ad" in English; that rule also settles the language question there.
      if (placed.some((label) => label.definition.kind === LabelKind.AD)) continue;
      if (placed.some((label) => label.definition.kind === LabelKind.SPONSORED)) verdict.warnings.push(DisclosureWarning.UK_SPONSORED_ALONE);
      else verdict.failures.push(DisclosureReason.UK_REQUIRES_AD_LABEL);
      continue;
    }
    const reads = JURISDICTION_LANGUAGES[jurisdiction] ?? DEFAULT_LANGUAGES;
    if (!placed.some((label) => reads.includes(label.definition.language))) verdict.doubts.push(DisclosureReason.LABEL_NOT_IN_AUDIENCE_LANGUAGE);
  }
  return verdict;
}

const reasonOrder = Object.values(DisclosureReason);
const warningOrder = Object.values(DisclosureWarning);

function done(result: DisclosureResult, reasons: DisclosureReason[], warnings: DisclosureWarning[]): DisclosureCheck {
  return {
    result,
    reasons: reasonOrder.filter((reason) => reasons.includes(reason)),
    warnings: warningOrder.filter((warning) => warnings.includes(warning)),
    rulesetVersion: DISCLOSURE_RULESET_VERSION,
  };
}

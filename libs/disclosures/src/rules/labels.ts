import { hashtagTokens, type HashtagToken, type NormalizedText, normalizeWord, originalSpan } from './normalize.js';

/** Bumped with any change to the tables below; stored with every check result. */
export const LABEL_TABLES_VERSION = '2026-12-01';

/** The languages the label tables cover (ISO 639-1). */
export enum LabelLanguage {
  EN = 'en',
  PL = 'pl',
  FI = 'fi',
  KO = 'ko',
  JA = 'ja',
}

/**
 * What a label says. UK audiences need AD ("Ad", "Advert", "Advertisement"); SPONSORED alone
 * is accepted there with a warning; OTHER labels are sound elsewhere but not "Ad" for the UK.
 */
export enum LabelKind {
  AD = 'AD',
  SPONSORED = 'SPONSORED',
  OTHER = 'OTHER',
}

export interface LabelDefinition {
  /** As written in the table, for messages. */
  label: string;
  language: LabelLanguage;
  kind: LabelKind;
}

interface HashtagLabel extends LabelDefinition {
  /** Counts only when the brand is named elsewhere in the caption (Polish `#współpraca`). */
  requiresBrand?: boolean;
}

const HASHTAG_LABELS: readonly HashtagLabel[] = [
  { label: '#ad', language: LabelLanguage.EN, kind: LabelKind.AD },
  { label: '#advert', language: LabelLanguage.EN, kind: LabelKind.AD },
  { label: '#advertisement', language: LabelLanguage.EN, kind: LabelKind.AD },
  { label: '#sponsored', language: LabelLanguage.EN, kind: LabelKind.SPONSORED },
  { label: '#reklama', language: LabelLanguage.PL, kind: LabelKind.OTHER },
  { label: '#współpraca', language: LabelLanguage.PL, kind: LabelKind.OTHER, requiresBrand: true },
  { label: '#mainos', language: LabelLanguage.FI, kind: LabelKind.OTHER },
  { label: '#kaupallinenyhteistyö', language: LabelLanguage.FI, kind: LabelKind.OTHER },
  { label: '#광고', language: LabelLanguage.KO, kind: LabelKind.OTHER },
  { label: '#유료광고', language: LabelLanguage.KO, kind: LabelKind.OTHER },
  { label: '#협찬', language: LabelLanguage.KO, kind: LabelKind.OTHER },
  { label: '#PR', language: LabelLanguage.JA, kind: LabelKind.OTHER },
  { label: '#広告', language: LabelLanguage.JA, kind: LabelKind.OTHER },
  { label: '#プロモーション', language: LabelLanguage.JA, kind: LabelKind.OTHER },
  { label: '#タイアップ', language: LabelLanguage.JA, kind: LabelKind.OTHER },
];

/** Tags creators use that regulators have said don't disclose a sponsorship on their own. */
const INSUFFICIENT_HASHTAGS: readonly string[] = ['#sp', '#spon', '#collab', '#partner', '#ambassador', '#thanks'];

/** Labels that count only as the caption's first words: `Ad: …`, `[Ad] …`, `Advertisement …`. */
const PREFIX_LABELS: readonly (LabelDefinition & { pattern: RegExp })[] = [
  { label: 'Ad:', language: LabelLanguage.EN, kind: LabelKind.AD, pattern: /^\s*(?:ad\s*[:|\-–—]|\[ad\]|\(ad\))/u },
  { label: 'Advertisement', language: LabelLanguage.EN, kind: LabelKind.AD, pattern: /^\s*advertisement(?![\p{L}\p{M}\p{N}_])/u },
];

/** Phrases that disclose only with the brand named right after them. */
const BRAND_PHRASES: readonly (LabelDefinition & { words: string[] })[] = [
  { label: 'paid partnership with <brand>', language: LabelLanguage.EN, kind: LabelKind.OTHER, words: ['paid', 'partnership', 'with'] },
  { label: 'sponsored by <brand>', language: LabelLanguage.EN, kind: LabelKind.SPONSORED, words: ['sponsored', 'by'] },
];

const hashtagLabels = new Map(HASHTAG_LABELS.map((definition) => [normalizeWord(definition.label), definition]));
const insufficientHashtags = new Set(INSUFFICIENT_HASHTAGS.map(normalizeWord));

export interface LabelMatch {
  definition: LabelDefinition;
  /** Span in the original caption (UTF-16 offsets, end exclusive). */
  start: number;
  end: number;
  /** The hashtag it is, for hashtag labels (placement among trailing hashtags). */
  token?: HashtagToken;
}

export interface CaptionLabels {
  labels: LabelMatch[];
  /** Tags from the not-sufficient list (`#sp`, `#collab`, …). */
  insufficient: HashtagToken[];
  /** Labels that need the brand named (`#współpraca`) in a caption that doesn't name it. */
  missingBrand: HashtagToken[];
  tokens: HashtagToken[];
}

const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{M}\\p{N}_])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{M}\\p{N}_])';

/** The brand as a pattern: case and width folded, spaces optional (`Glow Labs` matches `@glowlabs`). */
function brandPattern(brandName: string): string | null {
  const words = normalizeWord(brandName).trim().split(/\s+/u).filter((word) => word.length > 0);
  if (words.length === 0) return null;
  return words.map((word) => word.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&')).join('\\s*');
}

/** Whether the caption names the brand as a whole word, a handle or a hashtag. */
export function namesBrand(normalized: NormalizedText, brandName: string): boolean {
  const brand = brandPattern(brandName);
  return brand !== null && new RegExp(`${NOT_WORD_BEFORE}${brand}${NOT_WORD_AFTER}`, 'u').test(normalized.text);
}

/** Every accepted label in the caption, with where it is, and the near-misses. */
export function findLabels(normalized: NormalizedText, brandName: string): CaptionLabels {
  const tokens = hashtagTokens(normalized);
  const brandNamed = namesBrand(normalized, brandName);
  const result: CaptionLabels = { labels: [], insufficient: [], missingBrand: [], tokens };
  for (const token of tokens) {
    const definition = hashtagLabels.get(token.tag);
    if (definition?.requiresBrand && !brandNamed) result.missingBrand.push(token);
    else if (definition) result.labels.push({ definition, start: token.start, end: token.end, token });
    else if (insufficientHashtags.has(token.tag)) result.insufficient.push(token);
  }
  for (const prefix of PREFIX_LABELS) {
    const match = prefix.pattern.exec(normalized.text);
    if (match) result.labels.push({ definition: prefix, ...originalSpan(normalized, match.index, match.index + match[0].length) });
  }
  const brand = brandPattern(brandName);
  if (brand !== null) {
    for (const phrase of BRAND_PHRASES) {
      const pattern = new RegExp(`${NOT_WORD_BEFORE}${phrase.words.join('\\s+')}\\s*:?\\s*@?${brand}${NOT_WORD_AFTER}`, 'gu');
      for (const match of normalized.text.matchAll(pattern)) {
        result.labels.push({ definition: phrase, ...originalSpan(normalized, match.index, match.index + match[0].length) });
      }
    }
  }
  result.labels.sort((a, b) => a.start - b.start);
  return result;
}

/**
 * Caption text as the rules compare it: NFKC-normalized and lower-cased, so `#AD`, full-width
 * `＃ＡＤ` and half-width katakana all read as their plain forms, while every normalized
 * character keeps the span of the original caption it came from, so placement is judged on
 * what the audience sees.
 */
export interface NormalizedText {
  /** The normalized, lower-cased text. */
  text: string;
  /** For each UTF-16 unit of `text`, where its source grapheme starts in the original. */
  starts: number[];
  /** For each UTF-16 unit of `text`, where its source grapheme ends in the original. */
  ends: number[];
}

export interface HashtagToken {
  /** Normalized, with the leading `#`: `#ad`, `#współpraca`, `#광고`. */
  tag: string;
  /** Span in the original caption (UTF-16 offsets, end exclusive). */
  start: number;
  end: number;
  /** Span in the normalized text. */
  normalizedStart: number;
  normalizedEnd: number;
}

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** A character that continues a word or hashtag: letters (any script), marks, digits, `_`. */
export const WORD_CHARACTER = /[\p{L}\p{M}\p{N}_]/u;
const HASHTAG = /(?<![\p{L}\p{M}\p{N}_])#[\p{L}\p{M}\p{N}_]+/gu;

/** NFKC and lower case, for label tables and brand names. */
export function normalizeWord(value: string): string {
  return value.normalize('NFKC').toLowerCase();
}

/**
 * Normalizes grapheme by grapheme rather than the whole string at once, so each normalized
 * character maps back to one span of the original (NFKC can lengthen or shorten text).
 */
export function normalizeText(raw: string): NormalizedText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (const { segment, index } of graphemes.segment(raw)) {
    const normalized = normalizeWord(segment);
    text += normalized;
    for (let unit = 0; unit < normalized.length; unit++) {
      starts.push(index);
      ends.push(index + segment.length);
    }
  }
  return { text, starts, ends };
}

/** The original span of normalized `[start, end)`. */
export function originalSpan(normalized: NormalizedText, start: number, end: number): { start: number; end: number } {
  return { start: normalized.starts[start] ?? 0, end: normalized.ends[end - 1] ?? 0 };
}

/**
 * Whole hashtags: `#` not glued to a preceding word, then every following letter, mark, digit
 * or `_`. So `#ad` in `#adventure` is not a token of its own, and `#ad.` or `#ad!` is.
 */
export function hashtagTokens(normalized: NormalizedText): HashtagToken[] {
  return [...normalized.text.matchAll(HASHTAG)].map((match) => {
    const normalizedStart = match.index;
    const normalizedEnd = match.index + match[0].length;
    return { tag: match[0], ...originalSpan(normalized, normalizedStart, normalizedEnd), normalizedStart, normalizedEnd };
  });
}

/** Characters as a reader counts them (graphemes), in the original caption up to `end`. */
export function visibleLength(caption: string, end: number): number {
  let count = 0;
  for (const _ of graphemes.segment(caption.slice(0, end))) count++;
  return count;
}

/**
 * The hashtags that close the caption: the longest run of hashtags at its end, with only
 * spaces, punctuation and emoji between them, and with other text before it. A caption of
 * nothing but hashtags has no trailing run: the tags are the caption.
 */
export function trailingHashtags(normalized: NormalizedText, tokens: readonly HashtagToken[]): HashtagToken[] {
  const byEnd = new Map(tokens.map((token) => [token.normalizedEnd, token]));
  const run: HashtagToken[] = [];
  let position = normalized.text.length;
  for (;;) {
    while (position > 0 && isSeparator(normalized.text[position - 1]!)) position--;
    const token = byEnd.get(position);
    if (!token) break;
    run.unshift(token);
    position = token.normalizedStart;
  }
  const textBefore = /[\p{L}\p{N}]/u.test(normalized.text.slice(0, position));
  return textBefore ? run : [];
}

function isSeparator(character: string): boolean {
  return character !== '#' && !WORD_CHARACTER.test(character);
}

import { BadUserInputException, type ConnectionShape, isUuid, type PageArgs, type PageLimits, pageRequest } from '@app/core';
import { uuidWords } from '../index/uuid-words.js';

/** Where a ranked page starts: strictly after this (score, id). */
export interface MatchCursor {
  score: number;
  id: string;
  words: Uint32Array;
}

export interface MatchPageRequest {
  first: number;
  after: MatchCursor | null;
}

const PREFIX = 'match:';

/** A cursor for a ranked list: the score (as JavaScript prints it, which round-trips exactly) and the id. */
export function encodeMatchCursor(score: number, id: string): string {
  return Buffer.from(`${PREFIX}${score}:${id}`, 'utf8').toString('base64url');
}

export function decodeMatchCursor(cursor: string, field = 'after'): MatchCursor {
  const invalid = () => new BadUserInputException(field, `${field} is not a cursor returned by this list`);
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith(PREFIX)) throw invalid();
  const [scoreText, id, ...rest] = decoded.slice(PREFIX.length).split(':');
  if (rest.length > 0 || !scoreText || !id || !isUuid(id) || !/^[0-9.e+-]+$/i.test(scoreText)) throw invalid();
  const score = Number(scoreText);
  if (!Number.isFinite(score) || score < 0 || score > 1 + 1e-9) throw invalid();
  const lower = id.toLowerCase();
  return { score, id: lower, words: uuidWords(lower) };
}

/** Validates `first` against the configured page limits and decodes `after`. */
export function matchPageRequest(args: PageArgs, limits: PageLimits): MatchPageRequest {
  const { first } = pageRequest({ first: args.first }, limits);
  return { first, after: args.after ? decodeMatchCursor(args.after) : null };
}

/** True when (score, id) comes strictly after the cursor in best-first order. */
export function isAfter(score: number, compareIdToCursor: () => number, cursor: MatchCursor | null): boolean {
  if (!cursor) return true;
  return score < cursor.score || (score === cursor.score && compareIdToCursor() > 0);
}

/** A connection of ranked nodes whose cursors carry (score, id). */
export function toMatchConnection<T>(nodes: T[], hasNextPage: boolean, keyOf: (node: T) => { score: number; id: string }): ConnectionShape<T> {
  const edges = nodes.map((node) => {
    const { score, id } = keyOf(node);
    return { cursor: encodeMatchCursor(score, id), node };
  });
  return {
    edges,
    pageInfo: { hasNextPage, hasPreviousPage: false, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

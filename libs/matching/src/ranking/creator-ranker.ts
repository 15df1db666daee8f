import type { CandidateIndex } from '../index/candidate-index.js';
import { compareUuidSlotTo } from '../index/uuid-words.js';
import type { MatchCursor } from './match-page.js';
import type { MatchQuery } from './match-query.js';
import type { PairEvaluator } from './pair-evaluator.js';
import { type RankedSlot, TopK } from './top-k.js';

/**
 * The best `capacity` creators for a campaign after `cursor`, best first: one pass over the
 * index's creators with a bounded heap. Once the heap is full its worst score is the floor
 * a creator's upper bound must reach before its engagement percentiles are computed.
 */
export function rankCreators(
  index: CandidateIndex,
  evaluator: PairEvaluator,
  q: MatchQuery,
  excluded: Uint8Array,
  capacity: number,
  cursor: MatchCursor | null,
): RankedSlot[] {
  const top = new TopK(capacity, index.creatorIds);
  const ids = index.creatorIds;
  const slots = index.creatorSlots;
  for (let c = 0; c < slots; c += 1) {
    if (excluded[c] === 1) continue;
    const score = evaluator.score(q, c, top.full ? top.worstScore : Number.NEGATIVE_INFINITY);
    if (score < 0) continue;
    if (cursor && !(score < cursor.score || (score === cursor.score && compareUuidSlotTo(ids, c, cursor.words) > 0))) continue;
    top.offer(score, c, evaluator.account);
  }
  return top.sorted();
}

import type { CandidateIndex } from '../index/candidate-index.js';
import { compareUuidSlotTo } from '../index/uuid-words.js';
import { FACTOR_INDEX as F, followersValue, nicheValue, platformValue } from '../scoring/match-score.js';
import type { MatchCursor } from './match-page.js';
import type { MatchQuery } from './match-query.js';
import { type PairEvaluator, popcount } from './pair-evaluator.js';
import { type RankedSlot, TopK } from './top-k.js';

/** Slack on every upper bound so float rounding can never prune a creator that belongs in the result. */
const BOUND_SLACK = 1e-9;

/** Scratch reused between queries (ranking is synchronous): per-creator niche coverage, one creator's eligible accounts. */
let coverageScratch = new Uint8Array(0);
let orderScratch = new Int32Array(0);
const SKIP = 255;
const eligibleAccounts = new Int32Array(1 << 16);
const staticPartials = new Float64Array(1 << 16);

/**
 * The best `capacity` creators for a campaign after `cursor`, best first.
 *
 * A bounded heap keeps the best so far; once it is full its worst score is a floor that a
 * creator's upper bound must reach before the creator is looked at more closely. Bounds
 * tighten in steps, each dearer than the last: the niche coverage alone (from the
 * creator's bitmask), then the platforms, followers and audience of its eligible accounts,
 * then a ceiling on each account's engagement percentile from the bucket histograms; only
 * creators still above the floor get their exact percentiles and score from the
 * {@link PairEvaluator}. Creators are visited in
 * decreasing niche coverage, so the floor rises early and whole coverage levels whose bound
 * is under it are skipped without touching their accounts.
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
  const slots = index.creatorSlots;
  const ids = index.creatorIds;
  const niches = index.creatorNiches;
  const accountStart = index.creatorAccountStart;
  const accountCount = index.creatorAccountCount;
  const platformOf = index.accountPlatform;
  const followersOf = index.accountFollowers;
  const engagementOf = index.accountEngagement;
  const audienceStart = index.accountAudienceStart;
  const audienceCount = index.accountAudienceCount;
  const audienceCountry = index.audienceCountry;
  const audienceShare = index.audienceShare;
  const buckets = index.buckets;
  const targets = q.targetByCountry;
  const targetCount = q.targetCountries.length;
  const platformMask = q.platformMask;
  const wantedPlatforms = q.platforms.length;
  const { minFollowers, maxFollowers, minEngagementRate } = q;

  // An upper bound on any creator's weights: with and without PERFORMANCE, whichever is larger.
  const hasPerformance = q.performance.size > 0;
  const bw = (i: number) => (hasPerformance ? Math.max(q.baseWeights[i]!, q.performanceWeights[i]!) : q.baseWeights[i]!);
  const [wN, wF, wE, wA, wP, wPerf] = [bw(F.NICHE), bw(F.FOLLOWERS), bw(F.ENGAGEMENT), bw(F.AUDIENCE), bw(F.PLATFORM), hasPerformance ? bw(F.PERFORMANCE) : 0];

  // One sequential pass over the creators' summaries: creators with no account that could be
  // eligible are dropped here; the rest are grouped by niche coverage, best first.
  if (coverageScratch.length < slots) {
    coverageScratch = new Uint8Array(Math.ceil(slots * 1.25));
    orderScratch = new Int32Array(coverageScratch.length);
  }
  const coverage = coverageScratch;
  const order = orderScratch;
  const nicheMask = q.nicheMask;
  const platformsOf = index.creatorPlatforms;
  const smallestOf = index.creatorMinFollowers;
  const largestOf = index.creatorMaxFollowers;
  const liveliestOf = index.creatorMaxEngagement;
  const perLevel = new Int32Array(34);
  for (let c = 0; c < slots; c += 1) {
    if ((platformsOf[c]! & platformMask) === 0 || largestOf[c]! < minFollowers || smallestOf[c]! > maxFollowers || liveliestOf[c]! < minEngagementRate || excluded[c] === 1) {
      coverage[c] = SKIP;
      continue;
    }
    const covered = nicheMask === 0 ? 0 : popcount(niches[c]! & nicheMask);
    coverage[c] = covered;
    perLevel[covered] += 1;
  }
  // Counting sort into `order`, highest coverage first; levelEnd[k] is where level k ends.
  const levelEnd = new Int32Array(34);
  let filled = 0;
  for (let level = 33; level >= 0; level -= 1) {
    filled += perLevel[level]!;
    levelEnd[level] = filled;
  }
  const cursorAt = new Int32Array(34);
  for (let level = 0; level < 34; level += 1) cursorAt[level] = levelEnd[level]! - perLevel[level]!;
  for (let c = 0; c < slots; c += 1) {
    const level = coverage[c]!;
    if (level !== SKIP) order[cursorAt[level]!++] = c;
  }

  for (let level = 33; level >= 0; level -= 1) {
    if (perLevel[level] === 0) continue;
    const nicheTerm = wN * nicheValue(level, q.niches.length);
    if (top.full && nicheTerm + wF + wE + wA + wP + wPerf + BOUND_SLACK < top.worstScore) break;
    for (let i = levelEnd[level]! - perLevel[level]!; i < levelEnd[level]!; i += 1) {
      const c = order[i]!;
      const count = accountCount[c]!;
      if (count === 0) continue;
      const floor = top.full ? top.worstScore - BOUND_SLACK : Number.NEGATIVE_INFINITY;
      const start = accountStart[c]!;
      let hit = 0;
      let eligible = 0;
      let bestStatic = Number.NEGATIVE_INFINITY;
      for (let a = start; a < start + count; a += 1) {
        const platform = platformOf[a]!;
        const followers = followersOf[a]!;
        if (((platformMask >>> platform) & 1) === 0 || followers < minFollowers || followers > maxFollowers || engagementOf[a]! < minEngagementRate) continue;
        hit |= 1 << platform;
        let share = 0;
        if (targetCount > 0) {
          const from = audienceStart[a]!;
          const to = from + audienceCount[a]!;
          for (let j = from; j < to; j += 1) if (targets[audienceCountry[j]!] === 1) share += audienceShare[j]!;
        }
        const vAudience = targetCount === 0 ? 1 : share >= 100 ? 1 : share / 100;
        const vFollowers = followers >= 10_000 && followers <= 100_000 ? 1 : followersValue(followers, minFollowers, maxFollowers);
        const partial = wF * vFollowers + wA * vAudience;
        eligibleAccounts[eligible] = a;
        staticPartials[eligible] = partial;
        eligible += 1;
        if (partial > bestStatic) bestStatic = partial;
      }
      if (eligible === 0) continue;
      const creatorTerm = nicheTerm + wP * platformValue(popcount(hit), wantedPlatforms) + wPerf;
      if (creatorTerm + bestStatic + wE < floor) continue;
      // Engagement ceilings from the buckets' histograms, before any exact percentile.
      if (floor > Number.NEGATIVE_INFINITY) {
        const peerBit = evaluator.peerNiche(q, niches[c]!);
        let bestCeiling = Number.NEGATIVE_INFINITY;
        for (let i = 0; i < eligible; i += 1) {
          const a = eligibleAccounts[i]!;
          const ceiling = staticPartials[i]! + wE * buckets.percentileCeiling(evaluator.peerKey(platformOf[a]!, peerBit), engagementOf[a]!);
          if (ceiling > bestCeiling) bestCeiling = ceiling;
        }
        if (creatorTerm + bestCeiling < floor) continue;
      }
      const score = evaluator.score(q, c);
      if (score < 0) continue;
      if (cursor && !(score < cursor.score || (score === cursor.score && compareUuidSlotTo(ids, c, cursor.words) > 0))) continue;
      top.offer(score, c, evaluator.account);
    }
  }
  return top.sorted();
}

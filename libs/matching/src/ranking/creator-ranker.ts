import { PLATFORMS } from '@app/creators';
import type { CandidateIndex } from '../index/candidate-index.js';
import { binOf, ENGAGEMENT_BINS, EngagementBuckets } from '../index/engagement-buckets.js';
import { compareUuidSlotTo } from '../index/uuid-words.js';
import { FACTOR_INDEX as F, followersValue, MICRO_MAX_FOLLOWERS, MICRO_MIN_FOLLOWERS, nicheValue, platformValue } from '../scoring/match-score.js';
import type { MatchCursor } from './match-page.js';
import type { MatchQuery } from './match-query.js';
import { type PairEvaluator, popcount } from './pair-evaluator.js';
import { type RankedSlot, TopK } from './top-k.js';

/** Slack on every upper bound so float rounding can never prune a creator that belongs in the result. */
const BOUND_SLACK = 1e-9;

/** Scratch reused between queries (ranking is synchronous): per-creator niche coverage, one creator's eligible accounts. */
/** Creators looked at before the sequential pass: the best groups of a strided sample. */
const SAMPLE_SIZE = 16_384;
const SEED_CREATORS = 2_048;
/** Sample entries are packed as key × SAMPLE_SLOT + sample number, for one numeric sort. */
const SAMPLE_SLOT = 1 << 20;
/** Creators are grouped by (niche coverage level, engagement bin of their liveliest account). */
const MAX_LEVEL = 32;
const COARSE_SHIFT = 2;
const COARSE_WIDTH = 1 << COARSE_SHIFT;
const COARSE_BINS = ENGAGEMENT_BINS / COARSE_WIDTH;
const GROUPS = (MAX_LEVEL + 1) * COARSE_BINS;
const SKIP = 0xffff;
const eligibleAccounts = new Int32Array(1 << 16);
const staticPartials = new Float64Array(1 << 16);

/**
 * The best `capacity` creators for a campaign after `cursor`, best first.
 *
 * A bounded heap keeps the best so far; once it is full its worst score is a floor that a
 * creator's upper bound must reach before the creator is looked at more closely. Bounds
 * tighten in steps, each dearer than the last: from the creator's summary (niche coverage,
 * platforms, follower range, liveliest account's engagement against a per-query ceiling
 * table), then per eligible account (followers, audience, engagement ceiling of its own
 * bucket); only creators still above the floor get exact percentiles and a score from the
 * {@link PairEvaluator}. The most promising creators of a strided sample go first, so the
 * floor is high before the one sequential pass over everyone else.
 */
export function rankCreators(
  index: CandidateIndex,
  evaluator: PairEvaluator,
  q: MatchQuery,
  excluded: Uint8Array,
  capacity: number,
  cursor: MatchCursor | null,
  { sampleSize = SAMPLE_SIZE, seedCreators = SEED_CREATORS }: { sampleSize?: number; seedCreators?: number } = {},
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

  // A ceiling on any account's engagement percentile by rate bin, over every bucket the
  // campaign could rank an account in; monotone in the rate.
  const ceilingByBin = new Float64Array(ENGAGEMENT_BINS);
  for (let platform = 0; platform < 32; platform += 1) {
    if (((platformMask >>> platform) & 1) === 0 || platform >= PLATFORMS.length) continue;
    buckets.raiseCeilings(EngagementBuckets.platformKey(platform), ceilingByBin);
    for (const bit of q.nicheBits) buckets.raiseCeilings(EngagementBuckets.nicheKey(platform, bit), ceilingByBin);
  }
  const groupCeiling = new Float64Array(COARSE_BINS);
  for (let coarse = 0; coarse < COARSE_BINS; coarse += 1) groupCeiling[coarse] = ceilingByBin[coarse * COARSE_WIDTH + COARSE_WIDTH - 1]!;

  const nicheTermOf = Float64Array.from({ length: MAX_LEVEL + 1 }, (_, level) => wN * nicheValue(level, q.niches.length));
  const groupBound = new Float64Array(GROUPS);
  for (let key = 0; key < GROUPS; key += 1) {
    const level = MAX_LEVEL - Math.floor(key / COARSE_BINS);
    groupBound[key] = nicheTermOf[level]! + wF + wA + wP + wPerf + wE * groupCeiling[COARSE_BINS - 1 - (key % COARSE_BINS)]!;
  }

  // A creator's group: (niche coverage, engagement bin of its liveliest account), from its
  // summary alone; SKIP when no account of it can be eligible. Lower keys have higher bounds.
  const nicheMask = q.nicheMask;
  const platformsOf = index.creatorPlatforms;
  const smallestOf = index.creatorMinFollowers;
  const largestOf = index.creatorMaxFollowers;
  const liveliestOf = index.creatorMaxEngagement;
  const groupOf = (c: number): number => {
    if ((platformsOf[c]! & platformMask) === 0 || largestOf[c]! < minFollowers || smallestOf[c]! > maxFollowers) return SKIP;
    const liveliest = liveliestOf[c]!;
    if (liveliest < minEngagementRate || excluded[c] === 1) return SKIP;
    const covered = nicheMask === 0 ? 0 : popcount(niches[c]! & nicheMask);
    return (MAX_LEVEL - covered) * COARSE_BINS + (COARSE_BINS - 1 - (binOf(liveliest) >>> COARSE_SHIFT));
  };
  const levelOf = (key: number) => MAX_LEVEL - Math.floor(key / COARSE_BINS);

  /** Looks at one creator; `platformCeiling` bounds its PLATFORM term from its summary. */
  const visit = (c: number, nicheTerm: number, platformCeiling: number): void => {
    const count = accountCount[c]!;
    const floor = top.full ? top.worstScore - BOUND_SLACK : Number.NEGATIVE_INFINITY;
    const start = accountStart[c]!;
    let hit = 0;
    let kept = 0;
    let best = Number.NEGATIVE_INFINITY;
    for (let a = start; a < start + count; a += 1) {
      const platform = platformOf[a]!;
      const followers = followersOf[a]!;
      const rate = engagementOf[a]!;
      if (((platformMask >>> platform) & 1) === 0 || followers < minFollowers || followers > maxFollowers || rate < minEngagementRate) continue;
      hit |= 1 << platform;
      const followersTerm = wF * (followers >= MICRO_MIN_FOLLOWERS && followers <= MICRO_MAX_FOLLOWERS ? 1 : followersValue(followers, minFollowers, maxFollowers));
      const engagementCeiling = wE * ceilingByBin[binOf(rate)]!;
      // This account cannot lift the creator over the floor even with its whole audience in the targets.
      if (nicheTerm + platformCeiling + wPerf + followersTerm + wA + engagementCeiling < floor) continue;
      let share = 0;
      if (targetCount > 0) {
        const from = audienceStart[a]!;
        const to = from + audienceCount[a]!;
        for (let j = from; j < to; j += 1) if (targets[audienceCountry[j]!] === 1) share += audienceShare[j]!;
      }
      const partial = followersTerm + wA * (targetCount === 0 ? 1 : share >= 100 ? 1 : share / 100);
      eligibleAccounts[kept] = a;
      staticPartials[kept] = partial;
      kept += 1;
      if (partial + engagementCeiling > best) best = partial + engagementCeiling;
    }
    if (kept === 0) return;
    const creatorTerm = nicheTerm + wP * platformValue(popcount(hit), wantedPlatforms) + wPerf;
    if (creatorTerm + best < floor) return;
    // The ceiling of each account's own engagement bucket, before any exact percentile.
    if (floor > Number.NEGATIVE_INFINITY) {
      const peerBit = evaluator.peerNiche(q, niches[c]!);
      let bestCeiling = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < kept; k += 1) {
        const a = eligibleAccounts[k]!;
        const ceiling = staticPartials[k]! + wE * buckets.percentileCeiling(evaluator.peerKey(platformOf[a]!, peerBit), engagementOf[a]!);
        if (ceiling > bestCeiling) bestCeiling = ceiling;
      }
      if (creatorTerm + bestCeiling < floor) return;
    }
    const score = evaluator.score(q, c);
    if (score < 0) return;
    if (cursor && !(score < cursor.score || (score === cursor.score && compareUuidSlotTo(ids, c, cursor.words) > 0))) return;
    top.offer(score, c, evaluator.account);
  };
  // Seed: the most promising creators of an evenly strided sample, so the floor is high
  // before the sequential pass (their scattered reads are few).
  const stride = Math.max(1, Math.floor(slots / sampleSize));
  const sampled: number[] = [];
  for (let c = 0; c < slots; c += stride) {
    const key = groupOf(c);
    if (key !== SKIP) sampled.push(key * SAMPLE_SLOT + c / stride);
  }
  sampled.sort((a, b) => a - b);
  const seeded = new Uint8Array(Math.floor((slots - 1) / stride) + 1);
  for (const entry of sampled.slice(0, seedCreators)) {
    const n = entry % SAMPLE_SLOT;
    seeded[n] = 1;
    const c = n * stride;
    visit(c, nicheTermOf[levelOf(Math.floor(entry / SAMPLE_SLOT))]!, wP * platformValue(popcount(platformsOf[c]! & platformMask), wantedPlatforms));
  }

  // Then everyone in one sequential pass; a creator whose summary bound is under the floor
  // costs a few reads of its own summary.
  for (let c = 0, n = 0, next = 0; c < slots; c += 1) {
    if (c === next) {
      next += stride;
      if (seeded[n++] === 1) continue;
    }
    const key = groupOf(c);
    if (key === SKIP) continue;
    const platformCeiling = wP * platformValue(popcount(platformsOf[c]! & platformMask), wantedPlatforms);
    if (top.full) {
      const floor = top.worstScore - BOUND_SLACK;
      if (groupBound[key]! - wP + platformCeiling < floor) continue;
      // Tighter from the summary: the best follower count its accounts allow.
      const lo = Math.max(smallestOf[c]!, minFollowers);
      const hi = Math.min(largestOf[c]!, maxFollowers);
      const followers = hi < MICRO_MIN_FOLLOWERS ? followersValue(hi, minFollowers, maxFollowers) : lo > MICRO_MAX_FOLLOWERS ? followersValue(lo, minFollowers, maxFollowers) : 1;
      if (groupBound[key]! - wP + platformCeiling - wF * (1 - followers) < floor) continue;
    }
    visit(c, nicheTermOf[levelOf(key)]!, platformCeiling);
  }
  return top.sorted();
}

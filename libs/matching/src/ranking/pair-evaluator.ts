import { EngagementBuckets } from '../index/engagement-buckets.js';
import type { CandidateIndex } from '../index/candidate-index.js';
import { NICHES, PLATFORMS } from '@app/creators';
import {
  audienceValue,
  FACTOR_INDEX as F,
  FACTOR_ORDER,
  followersValue,
  nicheValue,
  type PairFacts,
  platformValue,
  weightedScore,
} from '../scoring/match-score.js';
import type { MatchQuery } from './match-query.js';

/** A (platform, niche) group smaller than this ranks engagement against the whole platform instead. */
export const MIN_PEER_GROUP = 20;

/** Slack on the pruning bound so float rounding can never prune a pair that belongs in the result. */
const BOUND_SLACK = 1e-9;

export function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * Scores (campaign, creator) pairs straight from the index's columns. A creator is a
 * candidate when it has an eligible account: on one of the campaign's platforms, followers
 * inside the band, engagement at least the minimum. Its score is that of its best eligible
 * account. The arithmetic is the scoring module's, in the same order, so a score computed
 * here equals the one its explanation adds up to.
 */
export class PairEvaluator {
  /** The account slot behind the last score returned. */
  account = -1;
  private readonly eligible = new Int32Array(1 << 16);
  private readonly followersValues = new Float64Array(1 << 16);
  private readonly audienceValues = new Float64Array(1 << 16);
  private readonly values = new Float64Array(FACTOR_ORDER.length);

  constructor(private readonly index: CandidateIndex) {}

  /**
   * The pair's score, or -1 when the creator is no candidate or cannot reach `floor`
   * (checked on an upper bound before the costly engagement percentiles).
   */
  score(q: MatchQuery, creator: number, floor = Number.NEGATIVE_INFINITY): number {
    const ix = this.index;
    const count = ix.creatorAccountCount[creator]!;
    if (count === 0) return -1;
    const start = ix.creatorAccountStart[creator]!;
    let eligible = 0;
    let platformsHit = 0;
    for (let a = start; a < start + count; a += 1) {
      const platform = ix.accountPlatform[a]!;
      if (((q.platformMask >>> platform) & 1) === 0) continue;
      const followers = ix.accountFollowers[a]!;
      if (followers < q.minFollowers || followers > q.maxFollowers) continue;
      if (ix.accountEngagement[a]! < q.minEngagementRate) continue;
      this.eligible[eligible++] = a;
      platformsHit |= 1 << platform;
    }
    if (eligible === 0) return -1;

    const niches = ix.creatorNiches[creator]!;
    const performance = q.performance.size === 0 ? undefined : q.performance.get(creator);
    const w = performance ? q.performanceWeights : q.baseWeights;
    const vNiche = nicheValue(popcount(niches & q.nicheMask), q.niches.length);
    const vPlatform = platformValue(popcount(platformsHit), q.platforms.length);
    const vPerformance = performance ? performance.value : 0;

    let bestStatic = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < eligible; i += 1) {
      const a = this.eligible[i]!;
      const vFollowers = followersValue(ix.accountFollowers[a]!, q.minFollowers, q.maxFollowers);
      const vAudience = audienceValue(this.targetShare(q, a), q.targetCountries.length);
      this.followersValues[i] = vFollowers;
      this.audienceValues[i] = vAudience;
      const partial = w[F.FOLLOWERS]! * vFollowers + w[F.AUDIENCE]! * vAudience;
      if (partial > bestStatic) bestStatic = partial;
    }
    const bound = w[F.NICHE]! * vNiche + w[F.PLATFORM]! * vPlatform + w[F.PERFORMANCE]! * vPerformance + bestStatic + w[F.ENGAGEMENT]!;
    if (bound + BOUND_SLACK < floor) return -1;

    const peerBit = this.peerNiche(q, niches);
    let best = 0;
    let bestPartial = Number.NEGATIVE_INFINITY;
    let bestEngagement = 0;
    for (let i = 0; i < eligible; i += 1) {
      const a = this.eligible[i]!;
      const vEngagement = ix.buckets.percentile(this.peerKey(ix.accountPlatform[a]!, peerBit), ix.accountEngagement[a]!);
      const partial = w[F.FOLLOWERS]! * this.followersValues[i]! + w[F.ENGAGEMENT]! * vEngagement + w[F.AUDIENCE]! * this.audienceValues[i]!;
      if (partial > bestPartial) {
        bestPartial = partial;
        best = i;
        bestEngagement = vEngagement;
      }
    }
    const v = this.values;
    v[F.NICHE] = vNiche;
    v[F.FOLLOWERS] = this.followersValues[best]!;
    v[F.ENGAGEMENT] = bestEngagement;
    v[F.AUDIENCE] = this.audienceValues[best]!;
    v[F.PLATFORM] = vPlatform;
    v[F.PERFORMANCE] = vPerformance;
    this.account = this.eligible[best]!;
    return weightedScore(w, v);
  }

  /** The facts behind a scored pair, for its explanation. `account` is the slot {@link score} chose. */
  facts(q: MatchQuery, creator: number, account: number): PairFacts {
    const ix = this.index;
    const niches = ix.creatorNiches[creator]!;
    const platform = ix.accountPlatform[account]!;
    const peerBit = this.peerNiche(q, niches);
    const key = this.peerKey(platform, peerBit);
    const rate = ix.accountEngagement[account]!;
    const covered = new Set<string>();
    const start = ix.creatorAccountStart[creator]!;
    for (let a = start; a < start + ix.creatorAccountCount[creator]!; a += 1) {
      const followers = ix.accountFollowers[a]!;
      const p = ix.accountPlatform[a]!;
      if (((q.platformMask >>> p) & 1) === 0 || followers < q.minFollowers || followers > q.maxFollowers) continue;
      if (ix.accountEngagement[a]! >= q.minEngagementRate) covered.add(PLATFORMS[p]!);
    }
    const topTargets: { country: string; percent: number }[] = [];
    const from = ix.accountAudienceStart[account]!;
    for (let j = from; j < from + ix.accountAudienceCount[account]!; j += 1) {
      if (q.targetByCountry[ix.audienceCountry[j]!] === 1) topTargets.push({ country: ix.countryCode(ix.audienceCountry[j]!), percent: ix.audienceShare[j]! });
    }
    topTargets.sort((a, b) => b.percent - a.percent || a.country.localeCompare(b.country));
    const performance = q.performance.get(creator) ?? null;
    return {
      niches: { wanted: q.niches, covered: q.niches.filter((niche) => q.nicheBits.some((bit) => NICHES[bit] === niche && ((niches >>> bit) & 1) === 1)) },
      followers: { count: ix.accountFollowers[account]!, platform: PLATFORMS[platform]!, min: q.minFollowers, max: q.maxFollowers },
      engagement: {
        rate,
        percentile: ix.buckets.percentile(key, rate),
        platform: PLATFORMS[platform]!,
        peerNiche: key === EngagementBuckets.platformKey(platform) ? null : NICHES[peerBit]!,
        peers: ix.buckets.size(key),
      },
      audience: { targets: q.targetCountries, targetSharePercent: this.targetShare(q, account), topTargets: topTargets.slice(0, 3) },
      platforms: { wanted: q.platforms, covered: q.platforms.length ? q.platforms.filter((p) => covered.has(p)) : [...covered] },
      performance,
    };
  }

  /** Sum of the account's audience percentages in the campaign's target countries, in stored order. */
  private targetShare(q: MatchQuery, account: number): number {
    if (q.targetCountries.length === 0) return 0;
    const ix = this.index;
    const from = ix.accountAudienceStart[account]!;
    const to = from + ix.accountAudienceCount[account]!;
    let share = 0;
    for (let j = from; j < to; j += 1) if (q.targetByCountry[ix.audienceCountry[j]!] === 1) share += ix.audienceShare[j]!;
    return share;
  }

  /** The first of the campaign's niches (in its order) the creator covers, or -1. */
  peerNiche(q: MatchQuery, niches: number): number {
    for (const bit of q.nicheBits) if (((niches >>> bit) & 1) === 1) return bit;
    return -1;
  }

  /** The engagement bucket an account is ranked in: its platform and peer niche, or the whole platform. */
  peerKey(platform: number, peerBit: number): number {
    if (peerBit >= 0) {
      const key = EngagementBuckets.nicheKey(platform, peerBit);
      if (this.index.buckets.size(key) >= MIN_PEER_GROUP) return key;
    }
    return EngagementBuckets.platformKey(platform);
  }
}

import { effectiveMatchWeights, MatchFactor, type MatchWeights } from '@app/campaigns';
import { NICHE_BIT, PLATFORM_BIT, type CandidateIndex } from '../index/candidate-index.js';
import type { PerformanceSignal } from '../performance/performance-signals.js';
import { normalizeWeights } from '../scoring/match-score.js';

/** What matching reads of a campaign. */
export interface CampaignCriteria {
  id: string;
  organizationId: string;
  title: string;
  niches: readonly string[];
  platforms: readonly string[];
  targetCountries: readonly string[];
  minFollowers: number;
  maxFollowers: number;
  /** A fraction. */
  minEngagementRate: number;
  matchWeights: Record<string, number> | null;
}

const unique = (values: readonly string[]) => [...new Set(values)];

/**
 * A campaign turned into the masks and arrays the ranker reads: platform and niche
 * bitmasks, a lookup of target countries by the index's country numbers, and the
 * normalised weights with and without PERFORMANCE.
 */
export class MatchQuery {
  readonly niches: string[];
  readonly platforms: string[];
  readonly targetCountries: string[];
  readonly weights: MatchWeights;
  /** Known campaign niches as bits, in the campaign's order (the first covered one picks the engagement peers). */
  readonly nicheBits: number[];
  readonly nicheMask: number;
  /** Platforms an account may be on; every platform when the campaign names none. */
  readonly platformMask: number;
  readonly targetByCountry: Uint8Array;
  readonly minFollowers: number;
  readonly maxFollowers: number;
  readonly minEngagementRate: number;
  /** Normalised weights without PERFORMANCE, and with it (for creators that have a signal). */
  readonly baseWeights: Float64Array;
  readonly performanceWeights: Float64Array;

  constructor(
    index: CandidateIndex,
    readonly campaign: CampaignCriteria,
    /** Signals by creator slot; empty when no creator has a history. */
    readonly performance: ReadonlyMap<number, PerformanceSignal> = new Map(),
  ) {
    this.niches = unique(campaign.niches);
    this.platforms = unique(campaign.platforms);
    this.targetCountries = unique(campaign.targetCountries.map((code) => code.toUpperCase()));
    this.weights = effectiveMatchWeights(campaign.matchWeights);
    this.nicheBits = this.niches.map((niche) => NICHE_BIT.get(niche)).filter((bit): bit is number => bit !== undefined);
    this.nicheMask = this.nicheBits.reduce((mask, bit) => (mask | (1 << bit)) >>> 0, 0);
    this.platformMask =
      this.platforms.length === 0
        ? (1 << PLATFORM_BIT.size) - 1
        : this.platforms.reduce((mask, platform) => {
            const bit = PLATFORM_BIT.get(platform);
            return bit === undefined ? mask : mask | (1 << bit);
          }, 0);
    this.targetByCountry = new Uint8Array(Math.max(index.countries.length, 1));
    for (const code of this.targetCountries) {
      const country = index.countryOf(code);
      if (country >= 0) this.targetByCountry[country] = 1;
    }
    this.minFollowers = campaign.minFollowers;
    this.maxFollowers = campaign.maxFollowers;
    this.minEngagementRate = campaign.minEngagementRate;
    this.baseWeights = normalizeWeights(this.weights, (factor) => factor !== MatchFactor.PERFORMANCE);
    this.performanceWeights = normalizeWeights(this.weights, () => true);
  }
}

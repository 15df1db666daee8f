import { MatchFactor, type MatchWeights, DEFAULT_MATCH_WEIGHTS } from '@app/campaigns';

/**
 * The pure scoring of one (campaign, creator) pair, shared by both ranking directions, the
 * in-memory ranker and the explanations. Every factor value lies in [0, 1]; the score is the
 * weighted sum of the values, summed in {@link FACTOR_ORDER}, with weights normalised to 1
 * over the factors that could be evaluated. The explanation is built from the same
 * numbers, so its items' weight × value add up to the score.
 */

/** The order factors are summed and explained in. Fixed: it decides the float rounding of a score. */
export const FACTOR_ORDER: readonly MatchFactor[] = [
  MatchFactor.NICHE,
  MatchFactor.FOLLOWERS,
  MatchFactor.ENGAGEMENT,
  MatchFactor.AUDIENCE,
  MatchFactor.PLATFORM,
  MatchFactor.PERFORMANCE,
];

export const FACTOR_INDEX = {
  NICHE: 0,
  FOLLOWERS: 1,
  ENGAGEMENT: 2,
  AUDIENCE: 3,
  PLATFORM: 4,
  PERFORMANCE: 5,
} as const satisfies Record<MatchFactor, number>;

/** Followers in this range get the full FOLLOWERS value: the micro-influencers the marketplace is for. */
export const MICRO_MIN_FOLLOWERS = 10_000;
export const MICRO_MAX_FOLLOWERS = 100_000;
/** FOLLOWERS value at the band's maximum, for bands reaching above the micro range. */
export const MACRO_FLOOR_VALUE = 0.5;
/** FOLLOWERS value of the smallest nano accounts (at or below {@link NANO_FLOOR_FOLLOWERS}). */
export const NANO_FLOOR_VALUE = 0.7;
export const NANO_FLOOR_FOLLOWERS = 1_000;

/** 3t² − 2t³: eases in and out, so the FOLLOWERS curve has no kink where the micro range ends. */
export function smoothstep(t: number): number {
  const x = t <= 0 ? 0 : t >= 1 ? 1 : t;
  return x * x * (3 - 2 * x);
}

/** NICHE: the share of the campaign's niches the creator covers; a campaign without niches takes anyone. */
export function nicheValue(covered: number, wanted: number): number {
  return wanted === 0 ? 1 : covered / wanted;
}

/**
 * FOLLOWERS: 0 outside the campaign's band; 1 inside 10k–100k; above 100k it eases down in
 * log space to 0.5 at the band's maximum; below 10k (nano accounts, when the band allows
 * them) it eases down in log space to 0.7 at 1,000 followers and fewer.
 */
export function followersValue(followers: number, minFollowers: number, maxFollowers: number): number {
  if (followers < minFollowers || followers > maxFollowers) return 0;
  if (followers > MICRO_MAX_FOLLOWERS) {
    const t = Math.log(followers / MICRO_MAX_FOLLOWERS) / Math.log(maxFollowers / MICRO_MAX_FOLLOWERS);
    return 1 - MACRO_FLOOR_VALUE * smoothstep(t);
  }
  if (followers < MICRO_MIN_FOLLOWERS) {
    const t = Math.log(Math.max(followers, NANO_FLOOR_FOLLOWERS) / NANO_FLOOR_FOLLOWERS) / Math.log(MICRO_MIN_FOLLOWERS / NANO_FLOOR_FOLLOWERS);
    return NANO_FLOOR_VALUE + (1 - NANO_FLOOR_VALUE) * smoothstep(t);
  }
  return 1;
}

/** AUDIENCE: the percent of the account's audience in the target countries, as a fraction; no targets take anyone. */
export function audienceValue(targetSharePercent: number, targetCount: number): number {
  if (targetCount === 0) return 1;
  const value = targetSharePercent / 100;
  return value >= 1 ? 1 : value <= 0 ? 0 : value;
}

/** PLATFORM: the share of the campaign's platforms the creator has an eligible account on. */
export function platformValue(covered: number, wanted: number): number {
  return wanted === 0 ? 1 : covered / wanted;
}

/**
 * The campaign's weights normalised to sum to 1 over the evaluated factors (the others get
 * 0). All-zero weights fall back to the defaults, so a score always means something.
 */
export function normalizeWeights(weights: MatchWeights, evaluated: (factor: MatchFactor) => boolean): Float64Array {
  const factors = FACTOR_ORDER.filter(evaluated);
  const sum = (source: Readonly<MatchWeights>) => factors.reduce((total, factor) => total + source[factor], 0);
  const source = sum(weights) > 0 ? weights : DEFAULT_MATCH_WEIGHTS;
  const total = sum(source);
  return Float64Array.from(FACTOR_ORDER, (factor) => (evaluated(factor) ? source[factor] / total : 0));
}

/** Σ weight × value in {@link FACTOR_ORDER}. Every score in matching is computed by this one function. */
export function weightedScore(weights: Float64Array, values: Float64Array): number {
  let score = 0;
  for (let i = 0; i < weights.length; i += 1) score += weights[i]! * values[i]!;
  return score;
}

/** Everything an explanation needs about one pair: the raw facts the factor values come from. */
export interface PairFacts {
  niches: { wanted: readonly string[]; covered: readonly string[] };
  followers: { count: number; platform: string; min: number; max: number };
  /** `rate` is a fraction; `percentile` in [0, 1]; `peerNiche` null when ranked platform-wide. */
  engagement: { rate: number; percentile: number; platform: string; peerNiche: string | null; peers: number };
  /** `targetSharePercent` is the sum of the account's audience shares in the target countries. */
  audience: { targets: readonly string[]; targetSharePercent: number; topTargets: readonly { country: string; percent: number }[] };
  platforms: { wanted: readonly string[]; covered: readonly string[] };
  /** Null when there is no history to judge by: the factor is left out. */
  performance: { value: number; detail: string } | null;
}

export interface ExplanationItem {
  factor: MatchFactor;
  /** The normalised weight: 0 for a factor that could not be evaluated. */
  weight: number;
  /** Null for a factor that could not be evaluated. */
  value: number | null;
  detail: string;
}

export interface ScoredPair {
  score: number;
  explanation: ExplanationItem[];
}

/** The factor values of a pair, in {@link FACTOR_ORDER} (PERFORMANCE 0 when not evaluated). */
export function factorValues(facts: PairFacts): Float64Array {
  const values = new Float64Array(FACTOR_ORDER.length);
  values[FACTOR_INDEX.NICHE] = nicheValue(facts.niches.covered.length, facts.niches.wanted.length);
  values[FACTOR_INDEX.FOLLOWERS] = followersValue(facts.followers.count, facts.followers.min, facts.followers.max);
  values[FACTOR_INDEX.ENGAGEMENT] = facts.engagement.percentile;
  values[FACTOR_INDEX.AUDIENCE] = audienceValue(facts.audience.targetSharePercent, facts.audience.targets.length);
  values[FACTOR_INDEX.PLATFORM] = platformValue(facts.platforms.covered.length, facts.platforms.wanted.length);
  values[FACTOR_INDEX.PERFORMANCE] = facts.performance?.value ?? 0;
  return values;
}

/** Scores a pair and explains every factor in words a brand can act on. */
export function scorePair(weights: MatchWeights, facts: PairFacts): ScoredPair {
  const normalized = normalizeWeights(weights, (factor) => factor !== MatchFactor.PERFORMANCE || facts.performance !== null);
  const values = factorValues(facts);
  const score = weightedScore(normalized, values);
  const explanation = FACTOR_ORDER.map((factor, i) => {
    const evaluated = factor !== MatchFactor.PERFORMANCE || facts.performance !== null;
    return { factor, weight: normalized[i]!, value: evaluated ? values[i]! : null, detail: describe(factor, facts) };
  });
  return { score, explanation };
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const percent = (fraction: number) => `${(fraction * 100).toFixed(1).replace(/\.0$/, '')}%`;

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

function describe(factor: MatchFactor, facts: PairFacts): string {
  switch (factor) {
    case MatchFactor.NICHE: {
      const { wanted, covered } = facts.niches;
      if (wanted.length === 0) return 'the campaign has no niche preference';
      return `covers ${covered.length} of ${wanted.length} niches${covered.length ? `: ${covered.join(', ')}` : ` (${wanted.join(', ')})`}`;
    }
    case MatchFactor.FOLLOWERS: {
      const { count: followers, platform, min, max } = facts.followers;
      const where =
        followers > MICRO_MAX_FOLLOWERS ? ', above the 100,000 micro-influencer range' : followers < MICRO_MIN_FOLLOWERS ? ', a nano account below 10,000' : '';
      return `${count(followers)} followers on ${platform}, inside ${count(min)}–${count(max)}${where}`;
    }
    case MatchFactor.ENGAGEMENT: {
      const { rate, percentile, platform, peerNiche, peers } = facts.engagement;
      const group = peerNiche ? `${peerNiche} creators on ${platform}` : `all creators on ${platform}`;
      return `engagement ${percent(rate)}, ${ordinal(Math.round(percentile * 100))} percentile among ${group} (${count(peers)} ${peers === 1 ? 'account' : 'accounts'})`;
    }
    case MatchFactor.AUDIENCE: {
      const { targets, targetSharePercent, topTargets } = facts.audience;
      if (targets.length === 0) return 'the campaign targets no particular countries';
      const parts = topTargets.map((t) => `${t.country} ${percent(t.percent / 100)}`).join(', ');
      const share = percent(Math.min(targetSharePercent, 100) / 100);
      return `${share} of the audience is in the target countries (${targets.join(', ')})${parts ? `: ${parts}` : ''}`;
    }
    case MatchFactor.PLATFORM: {
      const { wanted, covered } = facts.platforms;
      if (wanted.length === 0) return `the campaign takes any platform; eligible on ${covered.join(', ')}`;
      return `eligible on ${covered.length} of ${wanted.length} campaign platforms: ${covered.join(', ')}`;
    }
    case MatchFactor.PERFORMANCE:
      return facts.performance?.detail ?? 'not evaluated: no sales history yet, so its weight went to the other factors';
  }
}

import { DEFAULT_MATCH_WEIGHTS, effectiveMatchWeights, MatchFactor } from '@app/campaigns';
import {
  audienceValue,
  FACTOR_ORDER,
  followersValue,
  nicheValue,
  normalizeWeights,
  ordinal,
  type PairFacts,
  platformValue,
  scorePair,
  smoothstep,
} from './match-score.js';
import { midRankPercentile, percentileIn } from './percentile.js';

function facts(overrides: Partial<PairFacts> = {}): PairFacts {
  return {
    niches: { wanted: ['BEAUTY', 'FOOD', 'TRAVEL'], covered: ['BEAUTY', 'FOOD'] },
    followers: { count: 48_200, platform: 'INSTAGRAM', min: 10_000, max: 100_000 },
    engagement: { rate: 0.041, percentile: 0.82, platform: 'INSTAGRAM', peerNiche: 'BEAUTY', peers: 1_200 },
    audience: { targets: ['US', 'GB'], targetSharePercent: 62, topTargets: [{ country: 'US', percent: 50 }, { country: 'GB', percent: 12 }] },
    platforms: { wanted: ['INSTAGRAM', 'TIKTOK'], covered: ['INSTAGRAM'] },
    performance: null,
    ...overrides,
  };
}

const sumOfItems = (items: { weight: number; value: number | null }[]) => items.reduce((sum, item) => sum + item.weight * (item.value ?? 0), 0);

describe('match factors', () => {
  it('NICHE is the share of the campaign niches covered, 1 without niches', () => {
    expect(nicheValue(2, 3)).toBeCloseTo(2 / 3, 12);
    expect(nicheValue(0, 2)).toBe(0);
    expect(nicheValue(0, 0)).toBe(1);
  });

  it('FOLLOWERS is 1 in the micro range and 0 outside the band', () => {
    expect(followersValue(10_000, 10_000, 100_000)).toBe(1);
    expect(followersValue(100_000, 10_000, 100_000)).toBe(1);
    expect(followersValue(55_555, 10_000, 100_000)).toBe(1);
    expect(followersValue(9_999, 10_000, 100_000)).toBe(0);
    expect(followersValue(100_001, 10_000, 100_000)).toBe(0);
  });

  it('FOLLOWERS eases down in log space above 100k, to 0.5 at the band maximum', () => {
    const band = [10_000, 1_000_000] as const;
    expect(followersValue(1_000_000, ...band)).toBeCloseTo(0.5, 12);
    const middle = followersValue(Math.round(Math.sqrt(1e5 * 1e6)), ...band); // halfway in log space
    expect(middle).toBeCloseTo(0.75, 4);
    const samples = [100_000, 150_000, 300_000, 600_000, 1_000_000].map((n) => followersValue(n, ...band));
    for (let i = 1; i < samples.length; i += 1) expect(samples[i]).toBeLessThan(samples[i - 1]!);
    // Smooth where the micro range ends: no jump just above 100k.
    expect(1 - followersValue(100_500, ...band)).toBeLessThan(1e-4);
  });

  it('FOLLOWERS favours micro over nano accounts when the band allows both', () => {
    const band = [0, 100_000] as const;
    expect(followersValue(500, ...band)).toBeCloseTo(0.7, 12);
    expect(followersValue(1_000, ...band)).toBeCloseTo(0.7, 12);
    const nano = followersValue(5_000, ...band);
    expect(nano).toBeGreaterThan(0.7);
    expect(nano).toBeLessThan(1);
    expect(followersValue(10_000, ...band)).toBe(1);
    expect(followersValue(0, ...band)).toBeCloseTo(0.7, 12);
  });

  it('FOLLOWERS in a band entirely above the micro range still prefers the smaller accounts', () => {
    expect(followersValue(200_000, 200_000, 2_000_000)).toBeGreaterThan(followersValue(1_000_000, 200_000, 2_000_000));
    expect(followersValue(2_000_000, 200_000, 2_000_000)).toBeCloseTo(0.5, 12);
  });

  it('AUDIENCE is the target share as a fraction, capped, and 1 without targets', () => {
    expect(audienceValue(62, 2)).toBeCloseTo(0.62, 12);
    expect(audienceValue(0, 2)).toBe(0);
    expect(audienceValue(130, 2)).toBe(1);
    expect(audienceValue(0, 0)).toBe(1);
  });

  it('PLATFORM is the share of campaign platforms with an eligible account, 1 when any platform will do', () => {
    expect(platformValue(1, 2)).toBe(0.5);
    expect(platformValue(3, 0)).toBe(1);
  });

  it('smoothstep is flat at both ends', () => {
    expect([smoothstep(-1), smoothstep(0), smoothstep(0.5), smoothstep(1), smoothstep(2)]).toEqual([0, 0, 0.5, 1, 1]);
  });

  it('percentiles are mid-rank: ties share one, the median sits at 0.5', () => {
    const sorted = Float64Array.from([0.01, 0.02, 0.02, 0.03, 0.05]);
    expect(percentileIn(sorted, 0.01)).toBeCloseTo(0.1, 12);
    expect(percentileIn(sorted, 0.02)).toBeCloseTo(0.4, 12);
    expect(percentileIn(sorted, 0.05)).toBeCloseTo(0.9, 12);
    expect(percentileIn(sorted, 0.1)).toBe(1);
    expect(midRankPercentile(0, 0, 0)).toBe(0);
  });
});

describe('weights', () => {
  it('normalises over the evaluated factors', () => {
    const weights = normalizeWeights(effectiveMatchWeights(null), (factor) => factor !== MatchFactor.PERFORMANCE);
    const total = 1 - DEFAULT_MATCH_WEIGHTS.PERFORMANCE;
    expect(weights[FACTOR_ORDER.indexOf(MatchFactor.PERFORMANCE)]).toBe(0);
    expect(weights[FACTOR_ORDER.indexOf(MatchFactor.NICHE)]).toBeCloseTo(DEFAULT_MATCH_WEIGHTS.NICHE / total, 12);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('takes a campaign’s own weights, completing them with the defaults', () => {
    const weights = normalizeWeights(effectiveMatchWeights({ NICHE: 1, FOLLOWERS: 0, ENGAGEMENT: 0, AUDIENCE: 0, PLATFORM: 0 }), () => true);
    const perf = DEFAULT_MATCH_WEIGHTS.PERFORMANCE;
    expect(weights[0]).toBeCloseTo(1 / (1 + perf), 12);
    expect(weights[5]).toBeCloseTo(perf / (1 + perf), 12);
  });

  it('falls back to the defaults when every evaluated weight is zero', () => {
    const zero = effectiveMatchWeights({ NICHE: 0, FOLLOWERS: 0, ENGAGEMENT: 0, AUDIENCE: 0, PLATFORM: 0, PERFORMANCE: 3 });
    const weights = normalizeWeights(zero, (factor) => factor !== MatchFactor.PERFORMANCE);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(weights[0]! / weights[1]!).toBeCloseTo(DEFAULT_MATCH_WEIGHTS.NICHE / DEFAULT_MATCH_WEIGHTS.FOLLOWERS, 12);
  });
});

describe('scorePair', () => {
  it('adds up to its explanation, and explains every factor in words', () => {
    const { score, explanation } = scorePair(effectiveMatchWeights(null), facts());
    expect(explanation.map((item) => item.factor)).toEqual(FACTOR_ORDER);
    expect(sumOfItems(explanation)).toBe(score);
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThanOrEqual(1);
    const detail = Object.fromEntries(explanation.map((item) => [item.factor, item.detail]));
    expect(detail.NICHE).toBe('covers 2 of 3 niches: BEAUTY, FOOD');
    expect(detail.FOLLOWERS).toBe('48,200 followers on INSTAGRAM, inside 10,000–100,000');
    expect(detail.ENGAGEMENT).toBe('engagement 4.1%, 82nd percentile among BEAUTY creators on INSTAGRAM (1,200 accounts)');
    expect(detail.AUDIENCE).toBe('62% of the audience is in the target countries (US, GB): US 50%, GB 12%');
    expect(detail.PLATFORM).toBe('eligible on 1 of 2 campaign platforms: INSTAGRAM');
    expect(detail.PERFORMANCE).toMatch(/no sales history yet/);
  });

  it('leaves PERFORMANCE out without history and renormalises the rest', () => {
    const { score, explanation } = scorePair(effectiveMatchWeights(null), facts());
    const performance = explanation.find((item) => item.factor === MatchFactor.PERFORMANCE)!;
    expect(performance).toMatchObject({ weight: 0, value: null });
    expect(explanation.reduce((sum, item) => sum + item.weight, 0)).toBeCloseTo(1, 12);
    const expected = (0.3 * (2 / 3) + 0.2 * 1 + 0.2 * 0.82 + 0.15 * 0.62 + 0.05 * 0.5) / 0.9;
    expect(score).toBeCloseTo(expected, 12);
  });

  it('uses PERFORMANCE when there is a signal', () => {
    const withHistory = scorePair(effectiveMatchWeights(null), facts({ performance: { value: 1, detail: 'converts 4% of clicks' } }));
    const without = scorePair(effectiveMatchWeights(null), facts());
    expect(withHistory.explanation.at(-1)).toEqual({ factor: MatchFactor.PERFORMANCE, weight: 0.1, value: 1, detail: 'converts 4% of clicks' });
    expect(withHistory.score).toBeGreaterThan(without.score);
    expect(sumOfItems(withHistory.explanation)).toBe(withHistory.score);
  });

  it('scores a perfect pair 1 and explains campaigns without preferences', () => {
    const perfect = facts({
      niches: { wanted: [], covered: [] },
      engagement: { rate: 0.2, percentile: 1, platform: 'TIKTOK', peerNiche: null, peers: 3 },
      audience: { targets: [], targetSharePercent: 0, topTargets: [] },
      platforms: { wanted: [], covered: ['TIKTOK'] },
    });
    const { score, explanation } = scorePair(effectiveMatchWeights(null), perfect);
    expect(score).toBeCloseTo(1, 12);
    expect(explanation[0]!.detail).toBe('the campaign has no niche preference');
    expect(explanation[2]!.detail).toContain('among all creators on TIKTOK');
    expect(explanation[3]!.detail).toBe('the campaign targets no particular countries');
  });

  it('names nano and macro accounts in the FOLLOWERS detail', () => {
    const nano = scorePair(effectiveMatchWeights(null), facts({ followers: { count: 4_000, platform: 'TIKTOK', min: 1_000, max: 100_000 } }));
    expect(nano.explanation[1]!.detail).toBe('4,000 followers on TIKTOK, inside 1,000–100,000, a nano account below 10,000');
    const macro = scorePair(effectiveMatchWeights(null), facts({ followers: { count: 400_000, platform: 'YOUTUBE', min: 10_000, max: 1_000_000 } }));
    expect(macro.explanation[1]!.detail).toContain('above the 100,000 micro-influencer range');
    expect(macro.explanation[1]!.value).toBeLessThan(1);
  });

  it('writes ordinals the English way', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 82, 100].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '82nd', '100th']);
  });
});

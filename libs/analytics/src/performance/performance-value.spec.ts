import {
  BRAND_WEIGHT,
  hasEvidence,
  MIN_UNIQUE_CLICKS,
  performanceSignal,
  saturate,
  type ScopeHistory,
  scopeValue,
  TARGET_CONVERSION_RATE,
} from './performance-value.js';

const scope = (spec: Partial<ScopeHistory> = {}): ScopeHistory => ({
  campaigns: 1,
  uniqueClicks: 1_000,
  orders: 20,
  commissionMinor: 40_000,
  expectedCommissionMinor: 40_000,
  ...spec,
});

describe('saturate', () => {
  it('is 0 at nothing, 0.5 at half the reference, 0.75 at it, and stays below 1', () => {
    expect(saturate(0)).toBe(0);
    expect(saturate(0.5)).toBeCloseTo(0.5, 12);
    expect(saturate(1)).toBeCloseTo(0.75, 12);
    expect(saturate(2)).toBeCloseTo(0.9375, 12);
    expect(saturate(1_000)).toBeLessThanOrEqual(1);
    expect(saturate(-1)).toBe(0);
    expect(saturate(Number.NaN)).toBe(0);
  });

  it('is strictly increasing, so a better history always scores higher', () => {
    let previous = -1;
    for (let r = 0; r <= 10; r += 0.05) {
      const value = saturate(r);
      expect(value).toBeGreaterThan(previous);
      previous = value;
    }
  });
});

describe('scopeValue', () => {
  it('averages conversion against the target and EPC against the same campaigns’ average', () => {
    // At the target conversion rate and exactly the average EPC: 0.75 on both counts.
    expect(scopeValue(scope())).toBeCloseTo(0.75, 12);
    const twiceTheRate = scope({ orders: 1_000 * TARGET_CONVERSION_RATE * 2 });
    expect(scopeValue(twiceTheRate)).toBeCloseTo((0.9375 + 0.75) / 2, 12);
    const halfTheEarnings = scope({ commissionMinor: 20_000 });
    expect(scopeValue(halfTheEarnings)).toBeCloseTo((0.75 + 0.5) / 2, 12);
  });

  it('rises with orders and with commissions, and stays in [0, 1]', () => {
    expect(scopeValue(scope({ orders: 30 }))).toBeGreaterThan(scopeValue(scope({ orders: 20 })));
    expect(scopeValue(scope({ commissionMinor: 50_000 }))).toBeGreaterThan(scopeValue(scope()));
    expect(scopeValue(scope({ orders: 0, commissionMinor: 0 }))).toBe(0);
    expect(scopeValue(scope({ orders: 900, commissionMinor: 10 ** 12 }))).toBeLessThanOrEqual(1);
  });

  it('judges conversion alone when the campaigns paid no commission yet', () => {
    expect(scopeValue(scope({ commissionMinor: 0, expectedCommissionMinor: 0 }))).toBeCloseTo(0.75, 12);
  });
});

describe('performanceSignal', () => {
  it('gives no signal below the minimum of unique clicks in every scope', () => {
    const thin = scope({ uniqueClicks: MIN_UNIQUE_CLICKS - 1 });
    expect(hasEvidence(thin)).toBe(false);
    expect(hasEvidence(scope({ uniqueClicks: MIN_UNIQUE_CLICKS }))).toBe(true);
    expect(performanceSignal({ currency: 'USD', brand: thin, similar: thin })).toBeNull();
    expect(performanceSignal({ currency: 'USD', brand: null, similar: null })).toBeNull();
  });

  it('weighs the brand’s own history above similar campaigns’, and ignores a scope without evidence', () => {
    const strong = scope({ orders: 60, commissionMinor: 80_000 });
    const weak = scope({ orders: 5, commissionMinor: 10_000 });
    const both = performanceSignal({ currency: 'USD', brand: strong, similar: weak })!;
    expect(both.value).toBeCloseTo((BRAND_WEIGHT * scopeValue(strong) + scopeValue(weak)) / (BRAND_WEIGHT + 1), 12);
    const reversed = performanceSignal({ currency: 'USD', brand: weak, similar: strong })!;
    expect(both.value).toBeGreaterThan(reversed.value);
    const thinBrand = performanceSignal({ currency: 'USD', brand: scope({ uniqueClicks: 10, orders: 10 }), similar: weak })!;
    expect(thinBrand.value).toBeCloseTo(scopeValue(weak), 12);
  });

  it('explains the rates over the counted campaigns in the campaign’s currency', () => {
    const brand = scope({ campaigns: 2, uniqueClicks: 600, orders: 18, commissionMinor: 24_000, expectedCommissionMinor: 15_000 });
    const similar = scope({ campaigns: 3, uniqueClicks: 400, orders: 14, commissionMinor: 17_000, expectedCommissionMinor: 10_000 });
    expect(performanceSignal({ currency: 'USD', brand, similar })!.detail).toBe(
      "converts 3.2% of 1,000 unique clicks, 0.41 USD per click (1.6× the average in the same campaigns) over 2 of this brand's campaigns and 3 similar ones in the last 180 days",
    );
    expect(performanceSignal({ currency: 'JPY', brand: null, similar: scope({ campaigns: 1, uniqueClicks: 200, orders: 3, commissionMinor: 9_000, expectedCommissionMinor: 0 }) })!.detail).toBe(
      'converts 1.5% of 200 unique clicks, 45.00 JPY per click over 1 similar campaign in the last 180 days',
    );
  });
});

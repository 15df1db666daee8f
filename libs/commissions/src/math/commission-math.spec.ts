import { allocateProportionally, commissionAfterChanges, computeCommission, lineNetAmounts, proportionalAmount } from './commission-math.js';
import type { CommissionOrder, CommissionOverride, CommissionTerms } from './commission-terms.js';

type LineItem = CommissionOrder['lineItems'][number];

const terms = (over: Partial<CommissionTerms> = {}): CommissionTerms => ({
  currency: 'USD',
  rateBps: 1_500,
  flatPerOrderMinor: null,
  tiers: [],
  overrides: [],
  capPerOrderMinor: null,
  ...over,
});
const order = (over: Partial<CommissionOrder> = {}): CommissionOrder => ({ currency: 'USD', subtotalMinor: 10_000n, discountMinor: 0n, lineItems: [], ...over });
const line = (sku: string | null, productId: string | null, quantity: number, unitPriceMinor: bigint, discountMinor = 0n): LineItem => ({
  sku,
  productId,
  quantity,
  unitPriceMinor,
  discountMinor,
});
const skuRate = (sku: string, rateBps: number): CommissionOverride => ({ sku, productId: null, rateBps, flatPerUnitMinor: null });
const skuFlat = (sku: string, flatPerUnitMinor: bigint): CommissionOverride => ({ sku, productId: null, rateBps: null, flatPerUnitMinor });
const productRate = (productId: string, rateBps: number): CommissionOverride => ({ sku: null, productId, rateBps, flatPerUnitMinor: null });

// Two lines of 50.00 each: SKU A-1 of product P-A, SKU B-1 of product P-B.
const twoLines = order({ lineItems: [line('A-1', 'P-A', 2, 2_500n), line('B-1', 'P-B', 1, 5_000n)] });

describe('computeCommission', () => {
  it.each<[string, Partial<CommissionTerms>, Partial<CommissionOrder>, bigint]>([
    ['a percent of the net', {}, {}, 1_500n],
    ['a percent of the net after discounts', {}, { discountMinor: 1_600n }, 1_260n],
    ['a flat amount per order', { rateBps: null, flatPerOrderMinor: 500n }, {}, 500n],
    ['a percent plus a flat amount', { rateBps: 1_000, flatPerOrderMinor: 250n }, { discountMinor: 1_600n }, 1_090n],
    ['nothing on flat-only terms without a flat amount', { rateBps: null }, {}, 0n],
    ['half-even: 5% of 2.50 is 0.12', { rateBps: 500 }, { subtotalMinor: 250n }, 12n],
    ['half-even: 5% of 2.70 is 0.14', { rateBps: 500 }, { subtotalMinor: 270n }, 14n],
    ['half-even: 1% of 0.50 is 0.00', { rateBps: 100 }, { subtotalMinor: 50n }, 0n],
    ['half-even: 1% of 1.50 is 0.02', { rateBps: 100 }, { subtotalMinor: 150n }, 2n],
    ['JPY half-even: 10% of ¥1,225 is ¥122', { currency: 'JPY', rateBps: 1_000 }, { currency: 'JPY', subtotalMinor: 1_225n }, 122n],
    ['JPY half-even: 10% of ¥1,235 is ¥124', { currency: 'JPY', rateBps: 1_000 }, { currency: 'JPY', subtotalMinor: 1_235n }, 124n],
    ['JPY with a flat amount', { currency: 'JPY', rateBps: 1_000, flatPerOrderMinor: 100n }, { currency: 'JPY', subtotalMinor: 1_233n }, 223n],
    ['a cap', { capPerOrderMinor: 1_000n }, {}, 1_000n],
    ['a cap that covers flat parts too', { rateBps: 900, flatPerOrderMinor: 200n, capPerOrderMinor: 1_000n }, {}, 1_000n],
    ['flat parts only when discounts exceed the subtotal', { flatPerOrderMinor: 500n }, { discountMinor: 12_000n }, 500n],
    ['never below zero, whatever the flat amount', { rateBps: 1_000, flatPerOrderMinor: -5_000n }, {}, 0n],
  ])('computes %s', (_name, termsOver, orderOver, amount) => {
    expect(computeCommission(terms(termsOver), order(orderOver), 0n).amountMinor).toBe(amount);
  });

  it('explains itself in plain lines of exact money', () => {
    const quote = computeCommission(terms({ flatPerOrderMinor: 250n }), order({ discountMinor: 1_600n }), 0n);
    expect(quote).toMatchObject({ amountMinor: 1_510n, netMinor: 8_400n, baseRateBps: 1_500, tierFromNetMinor: null, capped: false, currencyMismatch: false, lines: [] });
    expect(quote.explanation).toEqual([
      'Net $84.00: subtotal $100.00 less discounts $16.00',
      '15% of $84.00 net at the base rate',
      '$2.50 flat per order',
      'Commission $15.10',
    ]);
    const inexact = computeCommission(terms({ rateBps: 1_250 }), order({ subtotalMinor: 1_234n }), 0n);
    expect(inexact.explanation).toContain('Rate parts 154.25 minor units, rounded half-even to $1.54');
    expect(computeCommission(terms({ currency: 'JPY' }), order({ currency: 'JPY', subtotalMinor: 1_200n }), 0n).explanation).toContain('15% of ¥1,200 net at the base rate');
  });

  it('says when it capped', () => {
    const quote = computeCommission(terms({ capPerOrderMinor: 1_000n }), order(), 0n);
    expect([quote.capped, quote.explanation.at(-2)]).toEqual([true, 'Capped at $10.00 per order']);
    expect(computeCommission(terms({ capPerOrderMinor: 1_500n }), order(), 0n).capped).toBe(false);
  });

  describe('tiers', () => {
    const tiered = terms({
      rateBps: 1_000,
      // Out of order on purpose: the highest threshold reached wins, not the last listed.
      tiers: [
        { fromNetMinor: 500_000n, rateBps: 1_500 },
        { fromNetMinor: 100_000n, rateBps: 1_200 },
      ],
    });

    it.each<[string, bigint, number, bigint | null, bigint]>([
      ['below the first tier', 0n, 1_000, null, 1_000n],
      ['just below the first tier with this order', 89_999n, 1_000, null, 1_000n],
      ['exactly at a threshold with this order', 90_000n, 1_200, 100_000n, 1_200n],
      ['between tiers', 300_000n, 1_200, 100_000n, 1_200n],
      ['crossing the next tier with this order', 495_000n, 1_500, 500_000n, 1_500n],
      ['above the last tier', 2_000_000n, 1_500, 500_000n, 1_500n],
    ])('applies the base rate %s', (_name, monthToDate, rateBps, tierFrom, amount) => {
      const quote = computeCommission(tiered, order(), monthToDate);
      expect([quote.baseRateBps, quote.tierFromNetMinor, quote.amountMinor]).toEqual([rateBps, tierFrom, amount]);
    });

    it('replaces a null base rate once reached, and pays nothing on it before', () => {
      const flatOnly = terms({ rateBps: null, tiers: [{ fromNetMinor: 50_000n, rateBps: 500 }] });
      expect(computeCommission(flatOnly, order(), 0n).amountMinor).toBe(0n);
      expect(computeCommission(flatOnly, order(), 40_000n).amountMinor).toBe(500n);
    });

    it('counts the net, not the subtotal, toward the tier', () => {
      const quote = computeCommission(tiered, order({ discountMinor: 1n }), 90_000n);
      expect(quote.tierFromNetMinor).toBeNull();
    });
  });

  describe('overrides', () => {
    it.each<[string, CommissionOverride[], bigint, object[]]>([
      ['a SKU override', [skuRate('A-1', 2_000)], 1_750n, [{ sku: 'A-1', rule: 'OVERRIDE_RATE', rateBps: 2_000, netMinor: 5_000n, matchedBy: 'SKU' }]],
      ['a product override', [productRate('P-B', 3_000)], 2_250n, [{ productId: 'P-B', rule: 'OVERRIDE_RATE', rateBps: 3_000, netMinor: 5_000n, matchedBy: 'PRODUCT' }]],
      ['a SKU override over a product override listed first', [productRate('P-A', 3_000), skuRate('A-1', 500)], 1_000n, [{ sku: 'A-1', rateBps: 500, matchedBy: 'SKU' }]],
      [
        'a flat amount per unit',
        [skuFlat('A-1', 300n)],
        1_350n,
        [{ sku: 'A-1', quantity: 2, rule: 'OVERRIDE_FLAT', flatPerUnitMinor: 300n, netMinor: 5_000n }],
      ],
      ['overrides on every line, leaving nothing at the base rate', [skuRate('A-1', 1_000), productRate('P-B', 1_000)], 1_000n, [{ sku: 'A-1' }, { sku: 'B-1' }]],
    ])('prices only the matched lines by %s', (_name, overrides, amount, lines) => {
      const quote = computeCommission(terms({ overrides }), twoLines, 0n);
      expect(quote.amountMinor).toBe(amount);
      expect(quote.lines).toMatchObject(lines);
      expect(quote.lines).toHaveLength(lines.length);
    });

    it('explains override lines', () => {
      const quote = computeCommission(terms({ overrides: [skuRate('A-1', 2_000), productRate('P-B', 0), skuFlat('B-1', 150n)] }), twoLines, 0n);
      expect(quote.explanation).toEqual([
        'Net $100.00: subtotal $100.00 less discounts $0.00',
        'SKU A-1: 20% of $50.00 net',
        'SKU B-1: $1.50 × 1 unit',
        'Commission $11.50',
      ]);
    });

    it('rounds the sum of all rate parts once, not line by line', () => {
      // Each half pays 12.5 cents; rounded apart they would pay 24, together they pay 25.
      const halves = order({ subtotalMinor: 500n, lineItems: [line('A-1', null, 1, 250n), line('B-1', null, 1, 250n)] });
      expect(computeCommission(terms({ rateBps: 500, overrides: [skuRate('A-1', 500)] }), halves, 0n).amountMinor).toBe(25n);
    });

    it('pays flat overrides but no rate part when there is no net', () => {
      const free = order({ ...twoLines, discountMinor: 10_000n });
      const quote = computeCommission(terms({ overrides: [skuFlat('A-1', 300n), productRate('P-B', 5_000)] }), free, 0n);
      expect([quote.amountMinor, quote.netMinor]).toEqual([600n, 0n]);
      expect(quote.explanation).toContain('No net: no rate part');
    });
  });

  describe('lines and discounts', () => {
    it('allocates the order-level discount over lines in proportion to their nets, exactly', () => {
      // 10.00 off 60.00: shares 166.67, 333.33, 500 → 167, 333, 500 (largest remainder).
      const discounted = order({ subtotalMinor: 6_000n, discountMinor: 1_000n, lineItems: [line('A', null, 1, 1_000n), line('B', null, 2, 1_000n), line('C', null, 3, 1_000n)] });
      expect(lineNetAmounts(discounted)).toEqual([833n, 1_667n, 2_500n]);
      const quote = computeCommission(terms({ overrides: [skuRate('A', 1_000), skuRate('B', 1_000), skuRate('C', 1_000)] }), discounted, 0n);
      expect(quote.lines.map((l) => l.netMinor)).toEqual([833n, 1_667n, 2_500n]);
      expect(quote.amountMinor).toBe(500n);
    });

    it('takes line discounts first and allocates only the rest of the order discount', () => {
      // 15.00 off, 5.00 of it on line C: 10.00 over nets 10, 20, 25 → 181.8, 363.6, 454.5 → 182, 364, 454.
      const discounted = order({
        subtotalMinor: 6_000n,
        discountMinor: 1_500n,
        lineItems: [line('A', null, 1, 1_000n), line('B', null, 1, 2_000n), line('C', null, 1, 3_000n, 500n)],
      });
      expect(lineNetAmounts(discounted)).toEqual([818n, 1_636n, 2_046n]);
    });

    it('prices the rest of the net at the base rate when lines cover less than the subtotal', () => {
      const partial = order({ discountMinor: 1_000n, lineItems: [line('A', null, 1, 4_000n)] });
      // The whole order-level discount falls on the one line: 30.00 at 20%, 60.00 at 15%.
      expect(computeCommission(terms({ overrides: [skuRate('A', 2_000)] }), partial, 0n).amountMinor).toBe(1_500n);
    });

    it('prices overridden lines on their own net when lines claim more than the subtotal, and leaves no rest', () => {
      const inflated = order({ subtotalMinor: 5_000n, lineItems: [line('A', null, 1, 8_000n), line('B', null, 1, 1_000n)] });
      const quote = computeCommission(terms({ overrides: [skuRate('A', 2_000)] }), inflated, 0n);
      expect([quote.amountMinor, quote.lines[0].netMinor]).toEqual([1_600n, 8_000n]);
    });

    it('never lets an over-discounted line go negative', () => {
      expect(lineNetAmounts(order({ lineItems: [line('A', null, 1, 1_000n, 1_500n), line('B', null, 1, 1_000n)] }))).toEqual([0n, 1_000n]);
    });

    it('refuses a fractional quantity instead of rounding it', () => {
      expect(() => computeCommission(terms(), order({ lineItems: [line('A', null, 1.5, 1_000n)] }), 0n)).toThrow(RangeError);
    });
  });

  describe('allocateProportionally', () => {
    it.each<[bigint, bigint[], bigint[]]>([
      [1_000n, [1_000n, 2_000n, 3_000n], [167n, 333n, 500n]],
      [2n, [1n, 1n, 1n], [1n, 1n, 0n]],
      [5n, [0n, 0n], [3n, 2n]],
      [7n, [0n, 3n], [0n, 7n]],
      [0n, [4n, 5n], [0n, 0n]],
      [3n, [], []],
    ])('splits %p over %p as %p', (total, weights, shares) => {
      expect(allocateProportionally(total, weights)).toEqual(shares);
    });

    it('refuses negative input', () => {
      expect(() => allocateProportionally(-1n, [1n])).toThrow(RangeError);
      expect(() => allocateProportionally(1n, [-1n, 2n])).toThrow(RangeError);
    });
  });

  describe('currency mismatch', () => {
    const usdTerms = terms({
      rateBps: 1_000,
      flatPerOrderMinor: 500n,
      capPerOrderMinor: 100n,
      tiers: [{ fromNetMinor: 0n, rateBps: 2_000 }],
      overrides: [skuFlat('A-1', 300n), productRate('P-B', 3_000)],
    });

    it('keeps rates, leaves out every amount stated in the terms currency, and flags the quote', () => {
      const quote = computeCommission(usdTerms, { ...twoLines, currency: 'EUR' }, 1_000_000n);
      // A-1 at the base rate (its flat override and the tier are left out), P-B at 30%; no flat, no cap.
      expect(quote).toMatchObject({ amountMinor: 2_000n, baseRateBps: 1_000, tierFromNetMinor: null, capped: false, currencyMismatch: true });
      expect(quote.lines).toMatchObject([{ productId: 'P-B', rule: 'OVERRIDE_RATE' }]);
      expect(quote.explanation[0]).toBe('Order in EUR, terms in USD: flat amounts, cap and tiers left out; hold for finance');
      expect(computeCommission(usdTerms, twoLines, 0n)).toMatchObject({ amountMinor: 100n, capped: true, currencyMismatch: false });
    });

    it('falls back from an unusable flat SKU override to a product rate override', () => {
      const quote = computeCommission(terms({ overrides: [skuFlat('A-1', 300n), productRate('P-A', 2_000)] }), { ...twoLines, currency: 'EUR' }, 0n);
      expect(quote.lines).toMatchObject([{ sku: 'A-1', matchedBy: 'PRODUCT', rateBps: 2_000 }]);
      expect(quote.amountMinor).toBe(1_750n);
    });
  });
});

describe('refunds and cancellation', () => {
  it.each<[bigint, bigint, bigint, bigint]>([
    [1_000n, 500n, 1_000n, 500n],
    [5n, 1n, 2n, 2n], // 2.5 → 2
    [7n, 1n, 2n, 4n], // 3.5 → 4
    [1_000n, 0n, 1_000n, 0n],
    [1_000n, 1_200n, 1_000n, 1_000n],
    [1_000n, -1n, 1_000n, 0n],
    [1_000n, 0n, 0n, 0n],
    [1_000n, 5n, 0n, 1_000n],
    [-5n, 1n, 2n, 0n],
  ])('proportionalAmount(%p, %p, %p) is %p', (amount, remaining, original, expected) => {
    expect(proportionalAmount(amount, remaining, original)).toBe(expected);
  });

  it('lands successive partial refunds on the same amount as one refund of their total', () => {
    const refunds = [700n, 300n, 1_000n];
    let refunded = 0n;
    let amount = 1_000n;
    for (const refund of refunds) {
      refunded += refund;
      amount = commissionAfterChanges(1_000n, 3_000n, refunded, false);
    }
    expect(amount).toBe(commissionAfterChanges(1_000n, 3_000n, 2_000n, false));
    expect(amount).toBe(333n);
    // Scaling the previous amount by each refund instead would drift: 667, then 333.5 → 334.
    expect(proportionalAmount(proportionalAmount(1_000n, 2_000n, 3_000n), 1_000n, 2_000n)).toBe(334n);
  });

  it.each<[string, bigint, bigint, bigint, boolean, bigint]>([
    ['no refund keeps the quote', 1_000n, 3_000n, 0n, false, 1_000n],
    ['a full refund', 1_000n, 3_000n, 3_000n, false, 0n],
    ['a refund above the net', 1_000n, 3_000n, 3_001n, false, 0n],
    ['a cancellation', 1_000n, 3_000n, 0n, true, 0n],
    ['a flat commission on an order with no net, unrefunded', 500n, 0n, 0n, false, 500n],
    ['a flat commission on an order with no net, refunded', 500n, 0n, 1n, false, 0n],
  ])('after %s', (_name, quote, original, refunded, cancelled, expected) => {
    expect(commissionAfterChanges(quote, original, refunded, cancelled)).toBe(expected);
  });
});

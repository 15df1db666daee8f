import fc from 'fast-check';
import { allocateProportionally, commissionAfterChanges, computeCommission, lineNetAmounts, proportionalAmount } from './commission-math.js';
import type { CommissionOrder, CommissionOverride, CommissionTerms } from './commission-terms.js';

const currency = fc.constantFrom('USD', 'JPY');
const minor = (max: bigint) => fc.bigInt({ min: 0n, max });
const rate = fc.integer({ min: 0, max: 10_000 });

const override: fc.Arbitrary<CommissionOverride> = fc
  .record({
    key: fc.oneof(
      fc.record({ sku: fc.constantFrom('A', 'B', 'C'), productId: fc.constant(null) }),
      fc.record({ sku: fc.constant(null), productId: fc.constantFrom('P1', 'P2') }),
    ),
    price: fc.oneof(
      fc.record({ rateBps: rate, flatPerUnitMinor: fc.constant(null) }),
      fc.record({ rateBps: fc.constant(null), flatPerUnitMinor: minor(2_000n) }),
    ),
  })
  .map(({ key, price }) => ({ ...key, ...price }));

const terms: fc.Arbitrary<CommissionTerms> = fc.record({
  currency,
  rateBps: fc.option(rate, { nil: null }),
  // Negative flats are malformed terms, generated anyway: the amount must still never go below zero.
  flatPerOrderMinor: fc.option(fc.bigInt({ min: -1_000n, max: 5_000n }), { nil: null }),
  tiers: fc.array(fc.record({ fromNetMinor: minor(2_000_000n), rateBps: rate }), { maxLength: 4 }),
  overrides: fc.array(override, { maxLength: 4 }),
  capPerOrderMinor: fc.option(minor(50_000n), { nil: null }),
});

const lineItem = fc.record({
  sku: fc.option(fc.constantFrom('A', 'B', 'C', 'D'), { nil: null }),
  productId: fc.option(fc.constantFrom('P1', 'P2', 'P3'), { nil: null }),
  quantity: fc.integer({ min: 0, max: 5 }),
  unitPriceMinor: minor(50_000n),
  discountMinor: minor(20_000n),
});

/** Any order, including lines that disagree with the totals. */
const order: fc.Arbitrary<CommissionOrder> = fc.record({
  currency,
  subtotalMinor: minor(500_000n),
  discountMinor: minor(500_000n),
  lineItems: fc.array(lineItem, { maxLength: 5 }),
});

/** An order whose lines add up: subtotal is the sum of line grosses, discounts fit inside it. */
const consistentOrder: fc.Arbitrary<CommissionOrder> = fc
  .array(fc.record({ quantity: fc.integer({ min: 0, max: 5 }), unitPriceMinor: minor(50_000n), share: fc.integer({ min: 0, max: 100 }) }), { minLength: 1, maxLength: 6 })
  .chain((lines) => {
    const items = lines.map(({ quantity, unitPriceMinor, share }) => {
      const gross = unitPriceMinor * BigInt(quantity);
      return { sku: null, productId: null, quantity, unitPriceMinor, discountMinor: (gross * BigInt(share)) / 100n };
    });
    const subtotal = items.reduce((total, item) => total + item.unitPriceMinor * BigInt(item.quantity), 0n);
    const lineDiscounts = items.reduce((total, item) => total + item.discountMinor, 0n);
    return fc.bigInt({ min: lineDiscounts, max: subtotal }).map((discount) => ({ currency: 'USD', subtotalMinor: subtotal, discountMinor: discount, lineItems: items }));
  });

const monthToDate = minor(3_000_000n);

describe('commission math properties', () => {
  it('never quotes a negative amount, nor more than the cap in the terms currency', () => {
    fc.assert(
      fc.property(terms, order, monthToDate, (t, o, m) => {
        const quote = computeCommission(t, o, m);
        expect(quote.amountMinor).toBeGreaterThanOrEqual(0n);
        expect(quote.netMinor).toBeGreaterThanOrEqual(0n);
        if (!quote.currencyMismatch && t.capPerOrderMinor !== null) expect(quote.amountMinor).toBeLessThanOrEqual(t.capPerOrderMinor);
      }),
    );
  });

  it('caps exactly: the capped amount is the uncapped one or the cap, whichever is lower', () => {
    fc.assert(
      fc.property(terms, order, monthToDate, (t, o, m) => {
        const same = { ...o, currency: t.currency };
        const uncapped = computeCommission({ ...t, capPerOrderMinor: null }, same, m).amountMinor;
        const quote = computeCommission(t, same, m);
        const cap = t.capPerOrderMinor;
        expect(quote.amountMinor).toBe(cap !== null && uncapped > cap ? cap : uncapped);
        expect(quote.capped).toBe(cap !== null && uncapped > cap);
      }),
    );
  });

  it('is deterministic and leaves its inputs alone', () => {
    fc.assert(
      fc.property(terms, order, monthToDate, (t, o, m) => {
        const [termsBefore, orderBefore] = [structuredClone(t), structuredClone(o)];
        const first = computeCommission(t, o, m);
        expect(computeCommission(t, o, m)).toEqual(first);
        expect([t, o]).toEqual([termsBefore, orderBefore]);
      }),
    );
  });

  it('ignores every amount in the terms currency on a foreign order', () => {
    fc.assert(
      fc.property(terms, order, monthToDate, (t, o, m) => {
        const foreign = { ...o, currency: t.currency === 'USD' ? 'JPY' : 'USD' };
        const ratesOnly: CommissionTerms = {
          ...t,
          flatPerOrderMinor: null,
          capPerOrderMinor: null,
          tiers: [],
          overrides: t.overrides.filter((entry) => entry.rateBps !== null),
        };
        const quote = computeCommission(t, foreign, m);
        expect(quote.currencyMismatch).toBe(true);
        expect(quote).toEqual(computeCommission(ratesOnly, foreign, m));
      }),
    );
  });

  it('counts the order toward its own tier', () => {
    fc.assert(
      fc.property(terms, minor(500_000n), monthToDate, (t, net, m) => {
        const withOrder = computeCommission(t, { currency: t.currency, subtotalMinor: net, discountMinor: 0n, lineItems: [] }, m);
        const before = computeCommission(t, { currency: t.currency, subtotalMinor: 0n, discountMinor: 0n, lineItems: [] }, m + net);
        expect([withOrder.baseRateBps, withOrder.tierFromNetMinor]).toEqual([before.baseRateBps, before.tierFromNetMinor]);
      }),
    );
  });

  it('rounds a plain percentage half-even: within half a unit, and to even on a tie', () => {
    fc.assert(
      fc.property(minor(10_000_000n), rate, (net, rateBps) => {
        const simple: CommissionTerms = { currency: 'USD', rateBps, flatPerOrderMinor: null, tiers: [], overrides: [], capPerOrderMinor: null };
        const { amountMinor } = computeCommission(simple, { currency: 'USD', subtotalMinor: net, discountMinor: 0n, lineItems: [] }, 0n);
        const error = amountMinor * 10_000n - net * BigInt(rateBps);
        expect(error >= -5_000n && error <= 5_000n).toBe(true);
        if (error === 5_000n || error === -5_000n) expect(amountMinor % 2n).toBe(0n);
      }),
    );
  });

  it('allocates exactly: shares sum to the total, each within one unit of its exact proportion', () => {
    fc.assert(
      fc.property(minor(1_000_000n), fc.array(minor(1_000_000n), { minLength: 1, maxLength: 8 }), (total, weights) => {
        const shares = allocateProportionally(total, weights);
        expect(shares.reduce((a, b) => a + b, 0n)).toBe(total);
        const weightSum = weights.reduce((a, b) => a + b, 0n);
        const effective = weightSum === 0n ? weights.map(() => 1n) : weights;
        const denominator = weightSum === 0n ? BigInt(weights.length) : weightSum;
        shares.forEach((share, index) => {
          const gap = share * denominator - total * effective[index];
          expect(gap > -denominator && gap < denominator).toBe(true);
        });
      }),
    );
  });

  it('splits a consistent order into line nets that add up to its net', () => {
    fc.assert(
      fc.property(consistentOrder, (o) => {
        const nets = lineNetAmounts(o);
        expect(nets.every((net) => net >= 0n)).toBe(true);
        expect(nets.reduce((a, b) => a + b, 0n)).toBe(o.subtotalMinor - o.discountMinor);
      }),
    );
  });

  it('only lowers a commission as more is refunded, staying within [0, quote]', () => {
    fc.assert(
      fc.property(minor(100_000n), minor(1_000_000n), minor(1_200_000n), minor(1_200_000n), (quote, original, r1, r2) => {
        const [less, more] = r1 <= r2 ? [r1, r2] : [r2, r1];
        const afterLess = commissionAfterChanges(quote, original, less, false);
        const afterMore = commissionAfterChanges(quote, original, more, false);
        expect(afterMore).toBeLessThanOrEqual(afterLess);
        expect(afterLess).toBeLessThanOrEqual(quote);
        expect(afterMore).toBeGreaterThanOrEqual(0n);
        expect(commissionAfterChanges(quote, original, less, true)).toBe(0n);
      }),
    );
  });

  it('scales a commission within [0, amount], rising with what remains', () => {
    fc.assert(
      fc.property(minor(100_000n), fc.bigInt({ min: -1_000n, max: 1_200_000n }), fc.bigInt({ min: -1_000n, max: 1_200_000n }), minor(1_000_000n), (amount, a, b, original) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const lowAmount = proportionalAmount(amount, low, original);
        expect(lowAmount).toBeGreaterThanOrEqual(0n);
        expect(lowAmount).toBeLessThanOrEqual(proportionalAmount(amount, high, original));
        expect(proportionalAmount(amount, high, original)).toBeLessThanOrEqual(amount);
      }),
    );
  });
});

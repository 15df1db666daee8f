import { formatMoney, roundHalfEven } from '@app/core';
import type { CommissionOrder, CommissionOverride, CommissionQuote, CommissionQuoteLine, CommissionTerms, CommissionTier } from './commission-terms.js';

/**
 * The pure commission math: integer minor units as `bigint` throughout and exactly one rounding
 * (half-even, `roundHalfEven`) per commission, so a quote can be recomputed at any time and agree
 * to the unit. Rates are basis points; a `rateBps` or `quantity` that is not an integer is a
 * programming error and throws (`BigInt` refuses it) rather than being rounded silently.
 */

const BASIS_POINTS = 10_000n;

const max0 = (value: bigint): bigint => (value > 0n ? value : 0n);
const sum = (values: readonly bigint[]): bigint => values.reduce((total, value) => total + value, 0n);

/**
 * Splits `total` over `weights` in proportion, exactly: the shares always sum to `total`.
 * Largest remainder: each share starts at `floor(total × weight / Σ weights)`, and the units
 * the flooring left over go one each to the largest fractional remainders, ties to the earlier
 * index, so the split is deterministic and no share is off by more than one unit. When every
 * weight is zero the split is even (the same rule with equal weights) rather than lost.
 */
export function allocateProportionally(total: bigint, weights: readonly bigint[]): bigint[] {
  if (total < 0n) throw new RangeError('Cannot allocate a negative total');
  if (weights.some((weight) => weight < 0n)) throw new RangeError('Allocation weights must not be negative');
  if (weights.length === 0) return [];
  const weightSum = sum(weights);
  const effective = weightSum === 0n ? weights.map(() => 1n) : weights;
  const denominator = weightSum === 0n ? BigInt(weights.length) : weightSum;
  const shares = effective.map((weight) => (total * weight) / denominator);
  const byRemainder = effective
    .map((weight, index) => ({ index, remainder: (total * weight) % denominator }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  // Each share lost less than one unit to flooring, so fewer units are left than there are lines.
  let left = total - sum(shares);
  for (let k = 0; left > 0n; k += 1, left -= 1n) shares[byRemainder[k].index] += 1n;
  return shares;
}

/**
 * Each line's share of the order net: gross less its own discount, less its share of the
 * order-level discount (the part of `discountMinor` not already on lines), allocated in
 * proportion to the line nets. A line never goes below zero: an over-discounted line has no
 * net to earn on, and a negative one would take commission from the other lines.
 */
export function lineNetAmounts(order: CommissionOrder): bigint[] {
  const nets = order.lineItems.map((item) => max0(item.unitPriceMinor * BigInt(item.quantity) - item.discountMinor));
  const orderLevelDiscount = order.discountMinor - sum(order.lineItems.map((item) => item.discountMinor));
  if (orderLevelDiscount <= 0n || nets.length === 0) return nets;
  const shares = allocateProportionally(orderLevelDiscount, nets);
  return nets.map((net, index) => max0(net - shares[index]));
}

/** The highest tier reached; tiers are not trusted to be sorted, and of equal thresholds the later one wins. */
function reachedTier(tiers: readonly CommissionTier[], reachedNetMinor: bigint): CommissionTier | null {
  let best: CommissionTier | null = null;
  for (const tier of tiers) {
    if (tier.fromNetMinor <= reachedNetMinor && (best === null || tier.fromNetMinor >= best.fromNetMinor)) best = tier;
  }
  return best;
}

interface OverrideMatch {
  override: CommissionOverride;
  matchedBy: 'SKU' | 'PRODUCT';
}

/** An override naming a SKU is a SKU override even if it also names a product; the first listed match wins. */
function matchOverride(item: CommissionOrder['lineItems'][number], overrides: readonly CommissionOverride[]): OverrideMatch | null {
  const bySku = item.sku === null ? undefined : overrides.find((override) => override.sku !== null && override.sku === item.sku);
  if (bySku) return { override: bySku, matchedBy: 'SKU' };
  const byProduct =
    item.productId === null ? undefined : overrides.find((override) => override.sku === null && override.productId !== null && override.productId === item.productId);
  return byProduct ? { override: byProduct, matchedBy: 'PRODUCT' } : null;
}

/** "15%", "12.5%", "0.05%": basis points as a percent without floating point. */
function percent(rateBps: number): string {
  const bps = BigInt(rateBps);
  const absolute = bps < 0n ? -bps : bps;
  const fraction = (absolute % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return `${bps < 0n ? '-' : ''}${absolute / 100n}${fraction ? `.${fraction}` : ''}%`;
}

/** An exact count of minor units with up to four decimals, e.g. "1234.5", for showing what was rounded. */
function exactMinorUnits(numerator: bigint): string {
  const fraction = (numerator % BASIS_POINTS).toString().padStart(4, '0').replace(/0+$/, '');
  return `${numerator / BASIS_POINTS}${fraction ? `.${fraction}` : ''}`;
}

/**
 * The commission on one order under one version of the terms. `monthToDateNetMinor` is the
 * creator's attributed net earlier in the calendar month, without this order: the order counts
 * toward its own tier. When the order is not in the terms currency, everything the terms state
 * in their own currency (flat amounts, cap, tier thresholds) is left out and the quote says so
 * with `currencyMismatch`, so the caller can hold it for finance instead of converting here.
 */
export function computeCommission(terms: CommissionTerms, order: CommissionOrder, monthToDateNetMinor: bigint): CommissionQuote {
  const currencyMismatch = order.currency !== terms.currency;
  const money = (amountMinor: bigint) => formatMoney({ amountMinor, currency: order.currency });
  const net = max0(order.subtotalMinor - order.discountMinor);
  const explanation: string[] = [];
  if (currencyMismatch) {
    explanation.push(`Order in ${order.currency}, terms in ${terms.currency}: flat amounts, cap and tiers left out; hold for finance`);
  }
  explanation.push(`Net ${money(net)}: subtotal ${money(order.subtotalMinor)} less discounts ${money(order.discountMinor)}`);

  const tier = currencyMismatch ? null : reachedTier(terms.tiers, monthToDateNetMinor + net);
  const baseRateBps = tier?.rateBps ?? terms.rateBps ?? 0;
  if (tier) {
    explanation.push(`Tier from ${money(tier.fromNetMinor)} reached (${money(monthToDateNetMinor)} earlier this month plus this order): ${percent(tier.rateBps)}`);
  }

  // A flat override is an amount in the terms currency: unusable on a foreign order, so it is
  // dropped before matching and the line falls to the next rule (a product override or the base rate).
  const overrides = terms.overrides.filter((override) => override.rateBps !== null || (override.flatPerUnitMinor !== null && !currencyMismatch));
  const nets = lineNetAmounts(order);
  const lines: CommissionQuoteLine[] = [];
  let rateNumerator = 0n;
  let flatMinor = 0n;
  let overriddenNet = 0n;
  order.lineItems.forEach((item, index) => {
    const match = matchOverride(item, overrides);
    if (!match) return;
    const lineNet = nets[index];
    overriddenNet += lineNet;
    const label = match.matchedBy === 'SKU' ? `SKU ${item.sku}` : `Product ${item.productId}`;
    const shared = { sku: item.sku, productId: item.productId, quantity: item.quantity, netMinor: lineNet, matchedBy: match.matchedBy };
    const { rateBps, flatPerUnitMinor } = match.override;
    if (rateBps !== null) {
      lines.push({ ...shared, rule: 'OVERRIDE_RATE', rateBps });
      rateNumerator += lineNet * BigInt(rateBps);
      if (net > 0n) explanation.push(`${label}: ${percent(rateBps)} of ${money(lineNet)} net`);
    } else if (flatPerUnitMinor !== null) {
      lines.push({ ...shared, rule: 'OVERRIDE_FLAT', flatPerUnitMinor });
      const units = max0(BigInt(item.quantity));
      flatMinor += units * flatPerUnitMinor;
      explanation.push(`${label}: ${money(flatPerUnitMinor)} × ${units} ${units === 1n ? 'unit' : 'units'}`);
    }
  });

  const restNet = max0(net - overriddenNet);
  rateNumerator += restNet * BigInt(baseRateBps);
  if (net === 0n) {
    // No net, nothing to take a rate of, whatever the lines claim: only flat parts are paid.
    rateNumerator = 0n;
    explanation.push('No net: no rate part');
  } else if (restNet > 0n || overriddenNet === 0n) {
    explanation.push(`${percent(baseRateBps)} of ${money(restNet)} net at the base rate`);
  }
  const ratePart = roundHalfEven(rateNumerator, BASIS_POINTS);
  if (rateNumerator % BASIS_POINTS !== 0n) {
    explanation.push(`Rate parts ${exactMinorUnits(rateNumerator)} minor units, rounded half-even to ${money(ratePart)}`);
  }

  if (!currencyMismatch && terms.flatPerOrderMinor !== null) {
    flatMinor += terms.flatPerOrderMinor;
    explanation.push(`${money(terms.flatPerOrderMinor)} flat per order`);
  }

  let amountMinor = max0(ratePart + flatMinor);
  let capped = false;
  if (!currencyMismatch && terms.capPerOrderMinor !== null && amountMinor > terms.capPerOrderMinor) {
    amountMinor = max0(terms.capPerOrderMinor);
    capped = true;
    explanation.push(`Capped at ${money(terms.capPerOrderMinor)} per order`);
  }
  explanation.push(`Commission ${money(amountMinor)}`);

  return { amountMinor, netMinor: net, baseRateBps, tierFromNetMinor: tier?.fromNetMinor ?? null, capped, currencyMismatch, lines, explanation };
}

/**
 * The part of a commission that `remainingNetMinor` of `originalNetMinor` still earns, rounded
 * half-even once and kept within [0, amount]. With no original net there is nothing to be
 * proportional to: the commission stands while something remains, else it goes.
 */
export function proportionalAmount(amountMinor: bigint, remainingNetMinor: bigint, originalNetMinor: bigint): bigint {
  if (amountMinor <= 0n) return 0n;
  if (originalNetMinor <= 0n) return remainingNetMinor <= 0n ? 0n : amountMinor;
  const scaled = roundHalfEven(amountMinor * remainingNetMinor, originalNetMinor);
  return scaled < 0n ? 0n : scaled > amountMinor ? amountMinor : scaled;
}

/**
 * The amount a commission should stand at after the order's refunds and cancellation so far.
 * It takes totals (the quote and all refunded net to date), never the previous amount and an
 * increment, so successive partial refunds land on the same unit as one refund of their sum.
 * With nothing refunded the quote stands in full, even on an order with no net, where a flat
 * commission has no net to be proportional to.
 */
export function commissionAfterChanges(quoteAmountMinor: bigint, originalNetMinor: bigint, refundedNetMinor: bigint, cancelled: boolean): bigint {
  if (cancelled) return 0n;
  if (refundedNetMinor <= 0n) return max0(quoteAmountMinor);
  if (refundedNetMinor >= originalNetMinor) return 0n;
  return proportionalAmount(quoteAmountMinor, originalNetMinor - refundedNetMinor, originalNetMinor);
}

import { currencyDigits } from '@app/core';
import type { PerformanceSignal } from '@app/matching';

/**
 * The PERFORMANCE value of a creator for a campaign, from the creator's history in the
 * brand's other campaigns and in similar campaigns of other brands. Pure: the numbers come
 * from the rollups (analytics-performance-signals.ts), the judgement is made here.
 *
 * Per scope (brand, similar):
 *   conversion = sat(conversionRate / TARGET_CONVERSION_RATE)
 *   earnings   = sat(commission / expectedCommission)
 *   scopeValue = (conversion + earnings) / 2
 * where sat(r) = 1 − 4^(−r) is 0 at r = 0, 0.5 at half the reference, 0.75 at the reference,
 * 0.94 at twice it, and approaches but never reaches 1: strictly increasing, so a better
 * history always scores higher, and bounded, so no outlier swamps the other factors.
 *
 * The conversion reference is a fixed market norm (a share of clicks has no currency). EPC
 * has no currency-free norm, so its reference is the campaigns themselves: the commission an
 * average creator would have earned with the same unique clicks in the same campaigns
 * (Σ over campaigns of the creator's clicks × all creators' EPC there). That compares a
 * creator with peers selling the same products on the same terms; a creator alone in its
 * campaigns is average by definition. When those campaigns paid no commission at all yet,
 * the earnings part says nothing and the conversion part stands alone.
 *
 * A scope counts only with at least {@link MIN_UNIQUE_CLICKS} unique clicks: fewer say more
 * about luck than about the creator. Counting scopes are blended with the brand's own
 * history weighted {@link BRAND_WEIGHT}× the similar campaigns' (it is the same products and
 * audience fit the brand is asking about). No counting scope: no signal, and matching leaves
 * the factor out.
 */

/** How far back history counts: long enough for seasonal campaigns, recent enough to still be the same audience. */
export const HISTORY_DAYS = 180;
/** A typical affiliate conversion rate of unique clicks into orders. */
export const TARGET_CONVERSION_RATE = 0.02;
/** Unique clicks a scope needs before its rates are trusted. */
export const MIN_UNIQUE_CLICKS = 100;
/** The weight of the brand's own campaigns' history against similar campaigns' (1). */
export const BRAND_WEIGHT = 2;

/** A creator's history in one scope, in the campaign's currency. */
export interface ScopeHistory {
  /** Campaigns with any click or sale of the creator. */
  campaigns: number;
  uniqueClicks: number;
  orders: number;
  /** Pending, approved and paid commissions, in minor units. */
  commissionMinor: number;
  /** What an average creator earned in the same campaigns with as many unique clicks, in minor units. */
  expectedCommissionMinor: number;
}

export interface PerformanceHistory {
  /** ISO 4217: the campaign's currency, the only one counted. */
  currency: string;
  brand: ScopeHistory | null;
  similar: ScopeHistory | null;
}

/** 1 − 4^(−r): 0.75 at the reference (r = 1), monotonic, in [0, 1). */
export function saturate(ratio: number): number {
  if (!(ratio > 0)) return 0;
  return 1 - Math.pow(4, -ratio);
}

/** Whether a scope has enough unique clicks to be judged. */
export function hasEvidence(scope: ScopeHistory | null): scope is ScopeHistory {
  return scope !== null && scope.uniqueClicks >= MIN_UNIQUE_CLICKS;
}

/** The value of one scope's history, in [0, 1). */
export function scopeValue(scope: ScopeHistory): number {
  const conversion = saturate(scope.orders / scope.uniqueClicks / TARGET_CONVERSION_RATE);
  if (!(scope.expectedCommissionMinor > 0)) return conversion;
  return (conversion + saturate(scope.commissionMinor / scope.expectedCommissionMinor)) / 2;
}

/** The PERFORMANCE signal of a history, or null when no scope has enough evidence. */
export function performanceSignal(history: PerformanceHistory): PerformanceSignal | null {
  const brand = hasEvidence(history.brand) ? history.brand : null;
  const similar = hasEvidence(history.similar) ? history.similar : null;
  if (!brand && !similar) return null;
  const weighted = [...(brand ? [{ scope: brand, weight: BRAND_WEIGHT }] : []), ...(similar ? [{ scope: similar, weight: 1 }] : [])];
  const totalWeight = weighted.reduce((sum, { weight }) => sum + weight, 0);
  const value = weighted.reduce((sum, { scope, weight }) => sum + weight * scopeValue(scope), 0) / totalWeight;
  return { value, detail: describe(history.currency, brand, similar) };
}

function describe(currency: string, brand: ScopeHistory | null, similar: ScopeHistory | null): string {
  const scopes = [brand, similar].filter((scope): scope is ScopeHistory => scope !== null);
  const clicks = scopes.reduce((sum, s) => sum + s.uniqueClicks, 0);
  const orders = scopes.reduce((sum, s) => sum + s.orders, 0);
  const commission = scopes.reduce((sum, s) => sum + s.commissionMinor, 0);
  const expected = scopes.reduce((sum, s) => sum + s.expectedCommissionMinor, 0);
  const digits = currencyDigits(currency);
  const rate = `${((orders / clicks) * 100).toFixed(1).replace(/\.0$/, '')}%`;
  // Per click is often a fraction of a minor unit: at least two decimals, even for yen.
  const epc = (commission / clicks / 10 ** digits).toFixed(Math.max(digits, 2));
  const relative = expected > 0 ? ` (${(commission / expected).toFixed(1)}× the average in the same campaigns)` : '';
  const where = [
    brand ? `${brand.campaigns} of this brand's campaigns` : null,
    similar ? `${similar.campaigns} similar ${similar.campaigns === 1 ? (brand ? 'one' : 'campaign') : brand ? 'ones' : 'campaigns'}` : null,
  ]
    .filter((part) => part !== null)
    .join(' and ');
  return `converts ${rate} of ${clicks.toLocaleString('en-US')} unique clicks, ${epc} ${currency} per click${relative} over ${where} in the last ${HISTORY_DAYS} days`;
}

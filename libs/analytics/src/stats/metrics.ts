import { type Money, roundHalfEven } from '@app/core';

/** What the sale rollups of one currency add up to over some days. */
export interface SaleCounters {
  orders: number;
  grossMinor: bigint;
  netMinor: bigint;
  refundedOrders: number;
  refundedMinor: bigint;
  commissionPendingMinor: bigint;
  commissionApprovedMinor: bigint;
  commissionPaidMinor: bigint;
  feeMinor: bigint;
}

/** What the click rollups add up to over some days. Bots are kept apart, never counted as clicks. */
export interface ClickCounters {
  clicks: number;
  uniqueClicks: number;
  botClicks: number;
}

/** The figures of one currency, derived from its counters; money never crosses currencies. */
export interface CurrencyMetrics {
  currency: string;
  orders: number;
  grossRevenue: Money;
  netRevenue: Money;
  /** Null without orders. */
  averageOrderValue: Money | null;
  refunds: number;
  /** Refunded orders per order; null without orders. */
  refundRate: number | null;
  refundedAmount: Money;
  commissionsPending: Money;
  commissionsApproved: Money;
  commissionsPaid: Money;
  /** Pending, approved and paid together: what the creators earned. */
  commissions: Money;
  fees: Money;
  /** Commissions per unique click; null without unique clicks. */
  earningsPerClick: Money | null;
  /** Commissions and fees: what the sales cost the brand. */
  costOfSale: Money;
  /** Net revenue per unit of cost of sale; null when nothing was spent. */
  returnOnSpend: number | null;
}

/** The figures of a period (or of a whole range): clicks across currencies, money per currency. */
export interface PeriodMetrics extends ClickCounters {
  orders: number;
  /** Orders (in every currency) per unique click; null without unique clicks. */
  conversionRate: number | null;
  byCurrency: CurrencyMetrics[];
}

export const NO_CLICKS: Readonly<ClickCounters> = Object.freeze({ clicks: 0, uniqueClicks: 0, botClicks: 0 });

export function emptySales(): SaleCounters {
  return {
    orders: 0,
    grossMinor: 0n,
    netMinor: 0n,
    refundedOrders: 0,
    refundedMinor: 0n,
    commissionPendingMinor: 0n,
    commissionApprovedMinor: 0n,
    commissionPaidMinor: 0n,
    feeMinor: 0n,
  };
}

export function addSales(a: SaleCounters, b: SaleCounters): SaleCounters {
  return {
    orders: a.orders + b.orders,
    grossMinor: a.grossMinor + b.grossMinor,
    netMinor: a.netMinor + b.netMinor,
    refundedOrders: a.refundedOrders + b.refundedOrders,
    refundedMinor: a.refundedMinor + b.refundedMinor,
    commissionPendingMinor: a.commissionPendingMinor + b.commissionPendingMinor,
    commissionApprovedMinor: a.commissionApprovedMinor + b.commissionApprovedMinor,
    commissionPaidMinor: a.commissionPaidMinor + b.commissionPaidMinor,
    feeMinor: a.feeMinor + b.feeMinor,
  };
}

export function addClicks(a: ClickCounters, b: ClickCounters): ClickCounters {
  return { clicks: a.clicks + b.clicks, uniqueClicks: a.uniqueClicks + b.uniqueClicks, botClicks: a.botClicks + b.botClicks };
}

const RATIO_SCALE = 1_000_000n;

/**
 * `numerator / denominator` as a float rounded half-even to six decimal places, or null for
 * a zero denominator. The division is done on integers, so huge amounts lose nothing
 * before the last step and the same counters always give the same rate.
 */
export function ratio(numerator: bigint | number, denominator: bigint | number): number | null {
  const d = BigInt(denominator);
  if (d === 0n) return null;
  return Number(roundHalfEven(BigInt(numerator) * RATIO_SCALE, d)) / Number(RATIO_SCALE);
}

/** Total commissions of the counters: pending, approved and paid. */
export function commissionsOf(sales: SaleCounters): bigint {
  return sales.commissionPendingMinor + sales.commissionApprovedMinor + sales.commissionPaidMinor;
}

/** Commissions per unique click in minor units, half-even; null without unique clicks. */
export function earningsPerClickMinor(commissionsMinor: bigint, uniqueClicks: number): bigint | null {
  return uniqueClicks === 0 ? null : roundHalfEven(commissionsMinor, BigInt(uniqueClicks));
}

export function deriveCurrency(currency: string, sales: SaleCounters, uniqueClicks: number): CurrencyMetrics {
  const money = (amountMinor: bigint): Money => ({ amountMinor, currency });
  const commissions = commissionsOf(sales);
  const spend = commissions + sales.feeMinor;
  const epc = earningsPerClickMinor(commissions, uniqueClicks);
  return {
    currency,
    orders: sales.orders,
    grossRevenue: money(sales.grossMinor),
    netRevenue: money(sales.netMinor),
    averageOrderValue: sales.orders === 0 ? null : money(roundHalfEven(sales.grossMinor, BigInt(sales.orders))),
    refunds: sales.refundedOrders,
    refundRate: ratio(sales.refundedOrders, sales.orders),
    refundedAmount: money(sales.refundedMinor),
    commissionsPending: money(sales.commissionPendingMinor),
    commissionsApproved: money(sales.commissionApprovedMinor),
    commissionsPaid: money(sales.commissionPaidMinor),
    commissions: money(commissions),
    fees: money(sales.feeMinor),
    earningsPerClick: epc === null ? null : money(epc),
    costOfSale: money(spend),
    returnOnSpend: ratio(sales.netMinor, spend),
  };
}

/** A period's figures from its clicks and its sales by currency (currencies in alphabetical order). */
export function derivePeriod(clicks: ClickCounters, salesByCurrency: ReadonlyMap<string, SaleCounters>): PeriodMetrics {
  const currencies = [...salesByCurrency.keys()].sort();
  const orders = currencies.reduce((sum, currency) => sum + salesByCurrency.get(currency)!.orders, 0);
  return {
    clicks: clicks.clicks,
    uniqueClicks: clicks.uniqueClicks,
    botClicks: clicks.botClicks,
    orders,
    conversionRate: ratio(orders, clicks.uniqueClicks),
    byCurrency: currencies.map((currency) => deriveCurrency(currency, salesByCurrency.get(currency)!, clicks.uniqueClicks)),
  };
}

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

/**
 * The figures of one currency, derived from its counters when read (a report holds
 * hundreds and a query reads a few of each); money never crosses currencies.
 */
export class CurrencyMetrics {
  constructor(
    readonly currency: string,
    private readonly sales: SaleCounters,
    private readonly uniqueClicks: number,
  ) {}

  get orders(): number {
    return this.sales.orders;
  }

  get grossRevenue(): Money {
    return this.money(this.sales.grossMinor);
  }

  get netRevenue(): Money {
    return this.money(this.sales.netMinor);
  }

  /** Null without orders. */
  get averageOrderValue(): Money | null {
    return this.sales.orders === 0 ? null : this.money(roundHalfEven(this.sales.grossMinor, BigInt(this.sales.orders)));
  }

  get refunds(): number {
    return this.sales.refundedOrders;
  }

  /** Refunded orders per order; null without orders. */
  get refundRate(): number | null {
    return ratio(this.sales.refundedOrders, this.sales.orders);
  }

  get refundedAmount(): Money {
    return this.money(this.sales.refundedMinor);
  }

  get commissionsPending(): Money {
    return this.money(this.sales.commissionPendingMinor);
  }

  get commissionsApproved(): Money {
    return this.money(this.sales.commissionApprovedMinor);
  }

  get commissionsPaid(): Money {
    return this.money(this.sales.commissionPaidMinor);
  }

  /** Pending, approved and paid together: what the creators earned. */
  get commissions(): Money {
    return this.money(commissionsOf(this.sales));
  }

  get fees(): Money {
    return this.money(this.sales.feeMinor);
  }

  /** Commissions per unique click; null without unique clicks. */
  get earningsPerClick(): Money | null {
    const epc = earningsPerClickMinor(commissionsOf(this.sales), this.uniqueClicks);
    return epc === null ? null : this.money(epc);
  }

  /** Commissions and fees: what the sales cost the brand. */
  get costOfSale(): Money {
    return this.money(this.spendMinor);
  }

  /** Net revenue per unit of cost of sale; null when nothing was spent. */
  get returnOnSpend(): number | null {
    return ratio(this.sales.netMinor, this.spendMinor);
  }

  private get spendMinor(): bigint {
    return commissionsOf(this.sales) + this.sales.feeMinor;
  }

  private money(amountMinor: bigint): Money {
    return { amountMinor, currency: this.currency };
  }
}

/**
 * The figures of a period (or of a whole range): clicks across currencies, money per
 * currency (currencies in alphabetical order). Derived when read, like {@link CurrencyMetrics}.
 */
export class PeriodMetrics implements ClickCounters {
  constructor(
    private readonly clickCounters: ClickCounters,
    private readonly salesByCurrency: ReadonlyMap<string, SaleCounters>,
  ) {}

  get clicks(): number {
    return this.clickCounters.clicks;
  }

  get uniqueClicks(): number {
    return this.clickCounters.uniqueClicks;
  }

  get botClicks(): number {
    return this.clickCounters.botClicks;
  }

  /** Orders in every currency. */
  get orders(): number {
    let orders = 0;
    for (const sales of this.salesByCurrency.values()) orders += sales.orders;
    return orders;
  }

  /** Orders (in every currency) per unique click; null without unique clicks. */
  get conversionRate(): number | null {
    return ratio(this.orders, this.clickCounters.uniqueClicks);
  }

  get byCurrency(): CurrencyMetrics[] {
    return [...this.salesByCurrency.keys()].sort().map((currency) => new CurrencyMetrics(currency, this.salesByCurrency.get(currency)!, this.clickCounters.uniqueClicks));
  }
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
  return new CurrencyMetrics(currency, sales, uniqueClicks);
}

/** A period's figures from its clicks and its sales by currency. */
export function derivePeriod(clicks: ClickCounters, salesByCurrency: ReadonlyMap<string, SaleCounters>): PeriodMetrics {
  return new PeriodMetrics(clicks, salesByCurrency);
}

import { addClicks, addSales, deriveCurrency, derivePeriod, emptySales, ratio, type SaleCounters } from './metrics.js';

function sales(overrides: Partial<SaleCounters>): SaleCounters {
  return { ...emptySales(), ...overrides };
}

const usd = (amountMinor: bigint) => ({ amountMinor, currency: 'USD' });

const FIGURES = [
  'currency',
  'orders',
  'grossRevenue',
  'netRevenue',
  'averageOrderValue',
  'refunds',
  'refundRate',
  'refundedAmount',
  'commissionsPending',
  'commissionsApproved',
  'commissionsPaid',
  'commissions',
  'fees',
  'earningsPerClick',
  'costOfSale',
  'returnOnSpend',
] as const;

describe('ratio', () => {
  it('divides on integers, rounding half-even to six places, and is null over zero', () => {
    expect(ratio(1, 3)).toBe(0.333333);
    expect(ratio(2, 3)).toBe(0.666667);
    expect(ratio(1, 8_000_000)).toBe(0); // 0.000000125 -> 0.000000 (half to even)
    expect(ratio(3, 8_000_000)).toBe(0); // 0.000000375 -> 0.000000
    expect(ratio(5, 8_000_000)).toBe(0.000001); // 0.000000625 -> 0.000001
    expect(ratio(7, 0)).toBeNull();
    expect(ratio(0n, 0n)).toBeNull();
    expect(ratio(9_223_372_036_854_775_807n, 9_223_372_036_854_775_807n)).toBe(1);
  });
});

describe('deriveCurrency', () => {
  it('derives order, refund, commission and spend figures in the currency', () => {
    const counters = sales({
      orders: 4,
      grossMinor: 10_002n,
      netMinor: 8_000n,
      refundedOrders: 1,
      refundedMinor: 2_002n,
      commissionPendingMinor: 300n,
      commissionApprovedMinor: 500n,
      commissionPaidMinor: 200n,
      feeMinor: 100n,
    });
    const metrics = deriveCurrency('USD', counters, 3);
    // Every figure, read off the getters.
    expect(Object.fromEntries(FIGURES.map((figure) => [figure, metrics[figure]]))).toEqual({
      currency: 'USD',
      orders: 4,
      grossRevenue: usd(10_002n),
      netRevenue: usd(8_000n),
      averageOrderValue: usd(2_500n), // 2500.5 -> 2500 (half to even)
      refunds: 1,
      refundRate: 0.25,
      refundedAmount: usd(2_002n),
      commissionsPending: usd(300n),
      commissionsApproved: usd(500n),
      commissionsPaid: usd(200n),
      commissions: usd(1_000n),
      fees: usd(100n),
      earningsPerClick: usd(333n), // 1000 / 3
      costOfSale: usd(1_100n),
      returnOnSpend: 7.272727, // 8000 / 1100
    });
  });

  it('rounds averages and earnings per click half to even', () => {
    expect(deriveCurrency('USD', sales({ orders: 2, grossMinor: 7n }), 0).averageOrderValue).toEqual(usd(4n)); // 3.5 -> 4
    expect(deriveCurrency('USD', sales({ orders: 2, grossMinor: 5n }), 0).averageOrderValue).toEqual(usd(2n)); // 2.5 -> 2
    expect(deriveCurrency('USD', sales({ commissionApprovedMinor: 5n }), 2).earningsPerClick).toEqual(usd(2n)); // 2.5 -> 2
    expect(deriveCurrency('USD', sales({ commissionApprovedMinor: 7n }), 2).earningsPerClick).toEqual(usd(4n)); // 3.5 -> 4
  });

  it('answers null, not zero or infinity, where the denominator is zero', () => {
    const metrics = deriveCurrency('EUR', sales({ netMinor: 500n }), 0);
    expect(metrics.averageOrderValue).toBeNull();
    expect(metrics.refundRate).toBeNull();
    expect(metrics.earningsPerClick).toBeNull();
    expect(metrics.returnOnSpend).toBeNull();
    expect(metrics.costOfSale).toEqual({ amountMinor: 0n, currency: 'EUR' });
  });

  it('keeps amounts past float precision exact', () => {
    const big = 9_007_199_254_740_993n;
    const metrics = deriveCurrency('JPY', sales({ orders: 1, grossMinor: big, netMinor: big, commissionPaidMinor: big }), 1);
    expect(metrics.averageOrderValue!.amountMinor).toBe(big);
    expect(metrics.earningsPerClick!.amountMinor).toBe(big);
    expect(metrics.returnOnSpend).toBe(1);
  });
});

describe('derivePeriod', () => {
  it('counts clicks and orders across currencies but never adds money across them', () => {
    const period = derivePeriod(
      { clicks: 50, uniqueClicks: 40, botClicks: 7 },
      new Map([
        ['USD', sales({ orders: 3, netMinor: 900n, commissionApprovedMinor: 120n })],
        ['EUR', sales({ orders: 1, netMinor: 400n, commissionPendingMinor: 60n })],
      ]),
    );
    expect(period.clicks).toBe(50);
    expect(period.botClicks).toBe(7);
    expect(period.orders).toBe(4);
    expect(period.conversionRate).toBe(0.1);
    expect(period.byCurrency.map((row) => row.currency)).toEqual(['EUR', 'USD']);
    expect(period.byCurrency.map((row) => row.earningsPerClick)).toEqual([
      { amountMinor: 2n, currency: 'EUR' }, // 60 / 40 = 1.5 -> 2
      usd(3n),
    ]);
  });

  it('has no conversion rate without unique clicks, and no currencies without sales', () => {
    const period = derivePeriod({ clicks: 0, uniqueClicks: 0, botClicks: 12 }, new Map());
    const { clicks, uniqueClicks, botClicks, orders, conversionRate, byCurrency } = period;
    expect({ clicks, uniqueClicks, botClicks, orders, conversionRate, byCurrency }).toEqual({ clicks: 0, uniqueClicks: 0, botClicks: 12, orders: 0, conversionRate: null, byCurrency: [] });
  });
});

describe('adding counters', () => {
  it('adds every counter', () => {
    const one = sales({ orders: 1, grossMinor: 1n, netMinor: 2n, refundedOrders: 1, refundedMinor: 3n, commissionPendingMinor: 4n, commissionApprovedMinor: 5n, commissionPaidMinor: 6n, feeMinor: 7n });
    expect(addSales(one, one)).toEqual(
      sales({ orders: 2, grossMinor: 2n, netMinor: 4n, refundedOrders: 2, refundedMinor: 6n, commissionPendingMinor: 8n, commissionApprovedMinor: 10n, commissionPaidMinor: 12n, feeMinor: 14n }),
    );
    expect(addClicks({ clicks: 1, uniqueClicks: 2, botClicks: 3 }, { clicks: 10, uniqueClicks: 20, botClicks: 30 })).toEqual({ clicks: 11, uniqueClicks: 22, botClicks: 33 });
  });
});

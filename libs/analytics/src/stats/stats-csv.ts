import { csvRow, type Money, minorToDecimal } from '@app/core';
import { derivePeriod } from './metrics.js';
import type { SeriesCounters } from './rollup-series.js';

export const STATS_HEADER = [
  'period_start', 'period_end', 'clicks', 'unique_clicks', 'bot_clicks', 'conversion_rate', 'currency', 'orders', 'gross_revenue', 'net_revenue',
  'average_order_value', 'refunds', 'refund_rate', 'refunded_amount', 'commissions_pending', 'commissions_approved', 'commissions_paid', 'fees',
  'earnings_per_click', 'cost_of_sale', 'return_on_spend',
];

function amount(money: Money | null): string | null {
  return money === null ? null : minorToDecimal(money.amountMinor, money.currency);
}

/** The CSV of a series: one row per period and currency (one row with no currency for a period without sales). */
export function statsCsv(counters: SeriesCounters): { csv: string; rowCount: number } {
  let csv = csvRow(STATS_HEADER);
  let rowCount = 0;
  for (const period of counters.periods) {
    const metrics = derivePeriod(period.clicks, period.sales);
    const head = [period.start, period.end, metrics.clicks, metrics.uniqueClicks, metrics.botClicks, metrics.conversionRate];
    const currencies = metrics.byCurrency;
    if (currencies.length === 0) {
      csv += csvRow([...head, ...STATS_HEADER.slice(head.length).map(() => null)]);
      rowCount += 1;
    }
    for (const m of currencies) {
      csv += csvRow([
        ...head,
        m.currency,
        m.orders,
        amount(m.grossRevenue),
        amount(m.netRevenue),
        amount(m.averageOrderValue),
        m.refunds,
        m.refundRate,
        amount(m.refundedAmount),
        amount(m.commissionsPending),
        amount(m.commissionsApproved),
        amount(m.commissionsPaid),
        amount(m.fees),
        amount(m.earningsPerClick),
        amount(m.costOfSale),
        m.returnOnSpend,
      ]);
      rowCount += 1;
    }
  }
  return { csv, rowCount };
}

import type { EntityManager } from 'typeorm';
import { addClicks, addSales, type ClickCounters, derivePeriod, NO_CLICKS, type PeriodMetrics, type SaleCounters } from './metrics.js';
import { type DayRange, type StatsGranularity, truncField } from './stats-range.js';

/** Which rollup rows a report reads; every given id narrows it (AND). */
export interface RollupFilter {
  campaignId?: string;
  creatorId?: string;
  enrollmentId?: string;
  linkId?: string;
  /** Codes have no clicks: a code filter reads sales only. */
  codeId?: string;
}

/** One bucket's counters: clicks across currencies, sales per currency. */
export interface PeriodCounters {
  start: string;
  end: string;
  clicks: ClickCounters;
  sales: Map<string, SaleCounters>;
}

export interface SeriesCounters {
  periods: PeriodCounters[];
  total: { clicks: ClickCounters; sales: Map<string, SaleCounters> };
}

export type PeriodFigures = PeriodMetrics & { start: string; end: string };

const COLUMNS: Record<keyof RollupFilter, string> = {
  campaignId: 'campaign_id',
  creatorId: 'creator_id',
  enrollmentId: 'enrollment_id',
  linkId: 'link_id',
  codeId: 'code_id',
};

/** `AND column = $n` for each id of the filter, parameters numbered from `first`. */
function whereOf(filter: RollupFilter, first: number): { sql: string; params: string[] } {
  const params: string[] = [];
  let sql = '';
  for (const key of Object.keys(COLUMNS) as (keyof RollupFilter)[]) {
    const value = filter[key];
    if (value === undefined) continue;
    params.push(value);
    sql += ` AND ${COLUMNS[key]} = $${first + params.length - 1}`;
  }
  return { sql, params };
}

interface ClickRow {
  start: string;
  end: string;
  clicks: string;
  unique_clicks: string;
  bot_clicks: string;
}

interface SaleRow {
  period: string;
  currency: string;
  orders: string;
  gross_minor: string;
  net_minor: string;
  refunded_orders: string;
  refunded_minor: string;
  commission_pending_minor: string;
  commission_approved_minor: string;
  commission_paid_minor: string;
  fee_minor: string;
}

/**
 * The rollups of a filter over a range, bucketed by day, week or month, in two statements:
 * the click buckets (every bucket of the range, with zeros where nothing happened, from
 * `generate_series`) and the sale buckets per currency. Both aggregate in SQL on the
 * rollups' `(<id>, day)` indexes; only one row per bucket (and currency) comes back.
 */
export async function readSeries(manager: EntityManager, filter: RollupFilter, range: DayRange, granularity: StatsGranularity): Promise<SeriesCounters> {
  const field = truncField(granularity);
  const clickWhere = whereOf(filter, 4);
  const clicksSql = filter.codeId !== undefined ? ' AND false' : clickWhere.sql;
  const clickRows = await manager.query<ClickRow[]>(
    `SELECT greatest(b.period, $1::date)::text AS start,
            least((b.period + ('1 ' || $3)::interval - interval '1 day')::date, $2::date)::text AS "end",
            coalesce(c.clicks, 0)::text AS clicks, coalesce(c.unique_clicks, 0)::text AS unique_clicks, coalesce(c.bot_clicks, 0)::text AS bot_clicks
       FROM (SELECT DISTINCT date_trunc($3, d)::date AS period FROM generate_series($1::date::timestamp, $2::date::timestamp, interval '1 day') d) b
       LEFT JOIN (SELECT date_trunc($3, day::timestamp)::date AS period, sum(clicks) AS clicks, sum(unique_clicks) AS unique_clicks, sum(bot_clicks) AS bot_clicks
                    FROM analytics_click_days
                   WHERE day BETWEEN $1::date AND $2::date${clicksSql}
                   GROUP BY 1) c ON c.period = b.period
      ORDER BY b.period`,
    [range.from, range.to, field, ...(filter.codeId !== undefined ? [] : clickWhere.params)],
  );
  const saleWhere = whereOf(filter, 4);
  const saleRows = await manager.query<SaleRow[]>(
    `SELECT greatest(date_trunc($3, day::timestamp)::date, $1::date)::text AS period, currency,
            sum(orders)::text AS orders, sum(gross_minor)::text AS gross_minor, sum(net_minor)::text AS net_minor,
            sum(refunded_orders)::text AS refunded_orders, sum(refunded_minor)::text AS refunded_minor,
            sum(commission_pending_minor)::text AS commission_pending_minor, sum(commission_approved_minor)::text AS commission_approved_minor,
            sum(commission_paid_minor)::text AS commission_paid_minor, sum(fee_minor)::text AS fee_minor
       FROM analytics_sale_days
      WHERE day BETWEEN $1::date AND $2::date${saleWhere.sql}
      GROUP BY 1, 2`,
    [range.from, range.to, field, ...saleWhere.params],
  );

  const periods: PeriodCounters[] = clickRows.map((row) => ({
    start: row.start,
    end: row.end,
    clicks: { clicks: Number(row.clicks), uniqueClicks: Number(row.unique_clicks), botClicks: Number(row.bot_clicks) },
    sales: new Map(),
  }));
  const byStart = new Map(periods.map((period) => [period.start, period]));
  const total = { clicks: periods.reduce((sum, period) => addClicks(sum, period.clicks), { ...NO_CLICKS }), sales: new Map<string, SaleCounters>() };
  for (const row of saleRows) {
    const counters = saleCountersOf(row);
    byStart.get(row.period)?.sales.set(row.currency, counters);
    const sofar = total.sales.get(row.currency);
    total.sales.set(row.currency, sofar ? addSales(sofar, counters) : counters);
  }
  return { periods, total };
}

export function saleCountersOf(row: Omit<SaleRow, 'period' | 'currency'>): SaleCounters {
  return {
    orders: Number(row.orders),
    grossMinor: BigInt(row.gross_minor),
    netMinor: BigInt(row.net_minor),
    refundedOrders: Number(row.refunded_orders),
    refundedMinor: BigInt(row.refunded_minor),
    commissionPendingMinor: BigInt(row.commission_pending_minor),
    commissionApprovedMinor: BigInt(row.commission_approved_minor),
    commissionPaidMinor: BigInt(row.commission_paid_minor),
    feeMinor: BigInt(row.fee_minor),
  };
}

/** The derived figures of the whole range and of each bucket. */
export function deriveSeries(counters: SeriesCounters): { total: PeriodMetrics; series: PeriodFigures[] } {
  return {
    total: derivePeriod(counters.total.clicks, counters.total.sales),
    series: counters.periods.map((period) => ({ start: period.start, end: period.end, ...derivePeriod(period.clicks, period.sales) })),
  };
}

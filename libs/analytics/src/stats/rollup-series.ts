import { preparedSelect } from '@app/core';
import type { EntityManager } from 'typeorm';
import { addClicks, addSales, type ClickCounters, derivePeriod, NO_CLICKS, type PeriodMetrics, type SaleCounters } from './metrics.js';
import { type ReadableCampaignRow, readableCampaignSelect } from './stats-access.js';
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

export interface PeriodFigures {
  start: string;
  end: string;
  metrics: PeriodMetrics;
}

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
 * The statement reading a series: the click buckets (every bucket of the range, with
 * zeros where nothing happened, from `generate_series`) and the sale buckets per currency,
 * each as a JSON array. Both aggregate in SQL on the rollups' `(<id>, day)` keys; only one
 * entry per bucket (and currency) comes back. Counters travel as text, so no bigint is
 * rounded. `$1`..`$3` are from, to and the bucket; `before` adds CTEs ahead and `also`
 * columns after.
 */
function seriesStatement(parts: { clicks: string; clickWhere: string; sales: string; saleWhere: string; before?: string; also?: string }): string {
  return `WITH ${parts.before ?? ''}
     buckets AS (
       SELECT DISTINCT date_trunc($3, d)::date AS period FROM generate_series($1::date::timestamp, $2::date::timestamp, interval '1 day') d
     ),
     clicks AS (
       SELECT date_trunc($3, day::timestamp)::date AS period, sum(clicks) AS clicks, sum(unique_clicks) AS unique_clicks, sum(bot_clicks) AS bot_clicks
         FROM ${parts.clicks}
        WHERE day BETWEEN $1::date AND $2::date${parts.clickWhere}
        GROUP BY 1
     ),
     sales AS (
       SELECT greatest(date_trunc($3, day::timestamp)::date, $1::date) AS period, currency,
              sum(orders) AS orders, sum(gross_minor) AS gross_minor, sum(net_minor) AS net_minor,
              sum(refunded_orders) AS refunded_orders, sum(refunded_minor) AS refunded_minor,
              sum(commission_pending_minor) AS commission_pending_minor, sum(commission_approved_minor) AS commission_approved_minor,
              sum(commission_paid_minor) AS commission_paid_minor, sum(fee_minor) AS fee_minor
         FROM ${parts.sales}
        WHERE day BETWEEN $1::date AND $2::date${parts.saleWhere}
        GROUP BY 1, 2
     )
     SELECT
       (SELECT json_agg(json_build_object(
                 'start', greatest(b.period, $1::date)::text,
                 'end', least((b.period + ('1 ' || $3)::interval - interval '1 day')::date, $2::date)::text,
                 'clicks', coalesce(c.clicks, 0)::text, 'unique_clicks', coalesce(c.unique_clicks, 0)::text, 'bot_clicks', coalesce(c.bot_clicks, 0)::text)
               ORDER BY b.period)
          FROM buckets b LEFT JOIN clicks c ON c.period = b.period) AS clicks,
       (SELECT coalesce(json_agg(json_build_object(
                 'period', s.period::text, 'currency', s.currency, 'orders', s.orders::text, 'gross_minor', s.gross_minor::text,
                 'net_minor', s.net_minor::text, 'refunded_orders', s.refunded_orders::text, 'refunded_minor', s.refunded_minor::text,
                 'commission_pending_minor', s.commission_pending_minor::text, 'commission_approved_minor', s.commission_approved_minor::text,
                 'commission_paid_minor', s.commission_paid_minor::text, 'fee_minor', s.fee_minor::text)), '[]')
          FROM sales s) AS sales${parts.also ?? ''}`;
}

/**
 * The per-link and per-enrollment rollups of a filter over a range, bucketed by day, week
 * or month, in one statement (one round trip). A whole campaign reads its own rollups
 * through {@link readCampaignSeries}.
 */
export async function readSeries(manager: EntityManager, filter: RollupFilter, range: DayRange, granularity: StatsGranularity): Promise<SeriesCounters> {
  const where = whereOf(filter, 4);
  // Codes have no clicks.
  const clickWhere = filter.codeId !== undefined ? ' AND false' : where.sql;
  const [answer] = await preparedSelect<SeriesRows>(
    manager,
    seriesStatement({ clicks: 'analytics_click_days', clickWhere, sales: 'analytics_sale_days', saleWhere: where.sql }),
    [range.from, range.to, truncField(granularity), ...where.params],
  );
  return toSeriesCounters(answer!);
}

/**
 * A whole campaign's series together with the campaign itself, in one round trip: the
 * campaign is read only when it belongs to `organizationId` (any, when null), and its
 * rollups only when it was read. Null when the campaign is not readable.
 */
export async function readCampaignSeries(
  manager: EntityManager,
  campaignId: string,
  organizationId: string | null,
  range: DayRange,
  granularity: StatsGranularity,
): Promise<{ campaign: ReadableCampaignRow; counters: SeriesCounters } | null> {
  const readable = ' AND campaign_id = (SELECT id FROM campaign)';
  const [answer] = await preparedSelect<SeriesRows & { campaign: ReadableCampaignRow | null }>(
    manager,
    seriesStatement({
      before: `campaign AS (${readableCampaignSelect('$4', '$5')}),`,
      clicks: 'analytics_campaign_click_days',
      clickWhere: readable,
      sales: 'analytics_campaign_sale_days',
      saleWhere: readable,
      also: ',\n       (SELECT row_to_json(campaign) FROM campaign) AS campaign',
    }),
    [range.from, range.to, truncField(granularity), campaignId, organizationId],
  );
  if (!answer?.campaign) return null;
  return { campaign: answer.campaign, counters: toSeriesCounters(answer) };
}

interface SeriesRows {
  clicks: ClickRow[];
  sales: SaleRow[];
}

function toSeriesCounters({ clicks: clickRows, sales: saleRows }: SeriesRows): SeriesCounters {
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
    series: counters.periods.map((period) => ({ start: period.start, end: period.end, metrics: derivePeriod(period.clicks, period.sales) })),
  };
}

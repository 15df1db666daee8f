import { type CampaignRef, type PerformanceSignal, type PerformanceSignals } from '@app/matching';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { HISTORY_DAYS, type PerformanceHistory, performanceSignal, type ScopeHistory } from './performance-value.js';

/**
 * Each source campaign's rollups over the last `days` days (a query parameter), per creator, with what the
 * average creator earned there per unique click. Expects a CTE `sources (id, currency)`:
 * the campaigns whose history counts. Sales count in the source campaign's currency only
 * (the callers keep sources in the target campaign's currency), so no two currencies are
 * ever added; orders in another currency are left out with their commissions.
 */
const pooled = (days: string) => `
  clicks AS (
    SELECT d.campaign_id, d.creator_id, sum(d.unique_clicks) AS unique_clicks
      FROM analytics_click_days d JOIN sources s ON s.id = d.campaign_id
     WHERE d.day > current_date - ${days}::int
     GROUP BY d.campaign_id, d.creator_id
  ),
  sales AS (
    SELECT d.campaign_id, d.creator_id, sum(d.orders) AS orders,
           sum(d.commission_pending_minor + d.commission_approved_minor + d.commission_paid_minor) AS commission
      FROM analytics_sale_days d JOIN sources s ON s.id = d.campaign_id AND d.currency = s.currency
     WHERE d.day > current_date - ${days}::int
     GROUP BY d.campaign_id, d.creator_id
  ),
  per_campaign AS (
    SELECT campaign_id, creator_id, coalesce(c.unique_clicks, 0) AS unique_clicks, coalesce(s.orders, 0) AS orders, coalesce(s.commission, 0) AS commission
      FROM clicks c FULL JOIN sales s USING (campaign_id, creator_id)
  ),
  pooled AS (
    SELECT p.*,
           CASE WHEN sum(p.unique_clicks) OVER w > 0 THEN p.unique_clicks * sum(p.commission) OVER w / sum(p.unique_clicks) OVER w ELSE 0 END AS expected
      FROM per_campaign p
    WINDOW w AS (PARTITION BY p.campaign_id)
  )`;

/** Ratios only: float8 is exact far beyond any count of clicks or minor units here. */
const SCOPE_COLUMNS = `
  count(*)::int AS campaigns, sum(p.unique_clicks)::float8 AS unique_clicks, sum(p.orders)::float8 AS orders,
  sum(p.commission)::float8 AS commission, sum(p.expected)::float8 AS expected`;

/** A source campaign is the brand's own, or similar: another brand's sharing a niche. Same currency either way. */
const RELATED = `s.id <> t.id AND s.currency = t.currency AND (s.organization_id = t.organization_id OR s.niches && t.niches)`;

interface ScopeRow {
  own: boolean;
  currency: string;
  campaigns: number;
  unique_clicks: number;
  orders: number;
  commission: number;
  expected: number;
}

const toScope = (row: ScopeRow): ScopeHistory => ({
  campaigns: row.campaigns,
  uniqueClicks: row.unique_clicks,
  orders: row.orders,
  commissionMinor: row.commission,
  expectedCommissionMinor: row.expected,
});

/** Groups scope rows by `key` into histories and turns each into a signal, dropping those without enough evidence. */
function signalsBy<R extends ScopeRow>(rows: readonly R[], key: (row: R) => string): Map<string, PerformanceSignal> {
  const histories = new Map<string, PerformanceHistory>();
  for (const row of rows) {
    const history = histories.get(key(row)) ?? { currency: row.currency, brand: null, similar: null };
    if (row.own) history.brand = toScope(row);
    else history.similar = toScope(row);
    histories.set(key(row), history);
  }
  const signals = new Map<string, PerformanceSignal>();
  for (const [id, history] of histories) {
    const signal = performanceSignal(history);
    if (signal) signals.set(id, signal);
  }
  return signals;
}

/**
 * Past performance from the analytics rollups: a creator's conversion rate and earnings per
 * click over the last {@link HISTORY_DAYS} days in the brand's other campaigns and in other
 * brands' campaigns sharing a niche, in the campaign's currency (performance-value.ts says
 * how that becomes a value). One query per call, whatever the number of creators or campaigns.
 */
@Injectable()
export class AnalyticsPerformanceSignals implements PerformanceSignals {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async forCampaign(campaign: CampaignRef): Promise<ReadonlyMap<string, PerformanceSignal>> {
    const rows = await this.db.query<(ScopeRow & { creator_id: string })[]>(
      `WITH target AS (SELECT id, organization_id, niches, currency FROM campaigns WHERE id = $1),
       sources AS (
         SELECT s.id, s.currency, s.organization_id = t.organization_id AS own
           FROM campaigns s CROSS JOIN target t
          WHERE ${RELATED}
       ),
       ${pooled('$2')}
       SELECT p.creator_id, s.own, s.currency, ${SCOPE_COLUMNS}
         FROM pooled p JOIN sources s ON s.id = p.campaign_id
        GROUP BY p.creator_id, s.own, s.currency
        ORDER BY p.creator_id, s.own`,
      [campaign.id, HISTORY_DAYS],
    );
    return signalsBy(rows, (row) => row.creator_id);
  }

  async forCreator(creatorId: string, campaigns: readonly CampaignRef[]): Promise<ReadonlyMap<string, PerformanceSignal>> {
    if (campaigns.length === 0) return new Map();
    // Only the campaigns the creator has history in are read, with all their creators for the average.
    const rows = await this.db.query<(ScopeRow & { target_id: string })[]>(
      `WITH mine AS (
         SELECT campaign_id FROM analytics_click_days WHERE creator_id = $1 AND day > current_date - $3::int
         UNION
         SELECT campaign_id FROM analytics_sale_days WHERE creator_id = $1 AND day > current_date - $3::int
       ),
       sources AS (SELECT c.id, c.currency FROM campaigns c JOIN mine m ON m.campaign_id = c.id),
       ${pooled('$3')}
       SELECT t.id AS target_id, s.organization_id = t.organization_id AS own, t.currency, ${SCOPE_COLUMNS}
         FROM campaigns t
         JOIN campaigns s ON ${RELATED}
         JOIN pooled p ON p.campaign_id = s.id AND p.creator_id = $1
        WHERE t.id = ANY($2::uuid[])
        GROUP BY t.id, own, t.currency
        ORDER BY t.id, own`,
      [creatorId, campaigns.map((campaign) => campaign.id), HISTORY_DAYS],
    );
    return signalsBy(rows, (row) => row.target_id);
  }
}

import { type Actor, type AppConfig, type ConnectionShape, csvRow, InjectConfig, minorToDecimal, type PageArgs, pageRequest, toConnection, toMoneyModel } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { invalidStatsInput } from './analytics.exception.js';
import { LeaderboardOrder, type LeaderboardEntry, type LeaderboardExport } from './leaderboard.model.js';
import { earningsPerClickMinor, ratio } from './metrics.js';
import { readableCampaign, type ReadableCampaign } from './stats-access.js';
import { type DayRange, optionalDayRange } from './stats-range.js';

export const MAX_LEADERBOARD_EXPORT_ROWS = 50_000;
const EXPORT_HEADER = ['rank', 'enrollment_id', 'creator_id', 'creator', 'clicks', 'unique_clicks', 'orders', 'conversion_rate', 'currency', 'net_revenue', 'earnings_per_click'];

/** The ranking key of each order, over the `entries` CTE; NULLs (no unique clicks) rank last. */
const RANK_BY: Record<LeaderboardOrder, string> = {
  [LeaderboardOrder.NET_REVENUE]: 'net_minor',
  [LeaderboardOrder.CONVERSION_RATE]: 'orders::numeric / nullif(unique_clicks, 0)',
  [LeaderboardOrder.EPC]: 'commissions_minor::numeric / nullif(unique_clicks, 0)',
};

interface RankedRow {
  rank: string;
  enrollment_id: string;
  creator_id: string;
  display_name: string;
  clicks: string;
  unique_clicks: string;
  orders: string;
  net_minor: string;
  commissions_minor: string;
}

/** A campaign's creators ranked by what they brought, for its brand and platform staff. */
@Injectable()
export class LeaderboardService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async leaderboard(actor: Actor, campaignId: string, by: LeaderboardOrder, from: string | null | undefined, to: string | null | undefined, args: PageArgs): Promise<ConnectionShape<LeaderboardEntry>> {
    const range = optionalDayRange(from, to);
    const page = pageRequest(args, this.config.graphql);
    const campaign = await readableCampaign(this.db.manager, actor, campaignId, "read a campaign's leaderboard");
    const rows = await this.ranked(campaign, by, range, page.afterId ?? null, page.first + 1);
    const entries = rows.map((row) => entryOf(row, campaign.currency));
    return toConnection(entries.slice(0, page.first), entries.length > page.first, (entry) => entry.enrollmentId);
  }

  async exportLeaderboard(actor: Actor, campaignId: string, by: LeaderboardOrder, from: string | null | undefined, to: string | null | undefined): Promise<LeaderboardExport> {
    const range = optionalDayRange(from, to);
    const campaign = await readableCampaign(this.db.manager, actor, campaignId, "export a campaign's leaderboard");
    const rows = await this.ranked(campaign, by, range, null, MAX_LEADERBOARD_EXPORT_ROWS + 1);
    if (rows.length > MAX_LEADERBOARD_EXPORT_ROWS) {
      throw invalidStatsInput('campaignId', `The campaign has more than ${MAX_LEADERBOARD_EXPORT_ROWS} creators; an export holds at most ${MAX_LEADERBOARD_EXPORT_ROWS}`);
    }
    let csv = csvRow(EXPORT_HEADER);
    for (const row of rows) {
      const entry = entryOf(row, campaign.currency);
      csv += csvRow([
        entry.rank,
        entry.enrollmentId,
        entry.creatorId,
        row.display_name,
        entry.clicks,
        entry.uniqueClicks,
        entry.orders,
        entry.conversionRate,
        campaign.currency,
        minorToDecimal(BigInt(entry.netRevenue.amountMinor), campaign.currency),
        entry.earningsPerClick && minorToDecimal(BigInt(entry.earningsPerClick.amountMinor), campaign.currency),
      ]);
    }
    const suffix = range ? `-${range.from}-${range.to}` : '';
    return { filename: `leaderboard-${campaign.slug}-${by.toLowerCase()}${suffix}.csv`, contentType: 'text/csv; charset=utf-8', rowCount: rows.length, csv };
  }

  /**
   * Every creator ever approved in the campaign (and any with activity), ranked in one
   * statement: per-enrollment sums of the campaign's rollups over the range, a window
   * rank, and the page after the `after` enrollment's place.
   */
  private ranked(campaign: ReadableCampaign, by: LeaderboardOrder, range: DayRange | null, afterId: string | null, limit: number): Promise<RankedRow[]> {
    const days = range ? ' AND day BETWEEN $5::date AND $6::date' : '';
    return this.db.query<RankedRow[]>(
      `WITH clicks AS (
         SELECT enrollment_id, sum(clicks) AS clicks, sum(unique_clicks) AS unique_clicks
           FROM analytics_click_days WHERE campaign_id = $1${days} GROUP BY enrollment_id
       ), sales AS (
         SELECT enrollment_id, sum(orders) AS orders,
                sum(net_minor) FILTER (WHERE currency = $2) AS net_minor,
                sum(commission_pending_minor + commission_approved_minor + commission_paid_minor) FILTER (WHERE currency = $2) AS commissions_minor
           FROM analytics_sale_days WHERE campaign_id = $1${days} GROUP BY enrollment_id
       ), entries AS (
         SELECT e.id AS enrollment_id, e.creator_id, coalesce(c.clicks, 0) AS clicks, coalesce(c.unique_clicks, 0) AS unique_clicks,
                coalesce(s.orders, 0) AS orders, coalesce(s.net_minor, 0) AS net_minor, coalesce(s.commissions_minor, 0) AS commissions_minor
           FROM enrollments e
           LEFT JOIN clicks c ON c.enrollment_id = e.id
           LEFT JOIN sales s ON s.enrollment_id = e.id
          WHERE e.campaign_id = $1 AND (e.approved_at IS NOT NULL OR c.enrollment_id IS NOT NULL OR s.enrollment_id IS NOT NULL)
       ), ranked AS (
         SELECT entries.*, row_number() OVER (ORDER BY ${RANK_BY[by]} DESC NULLS LAST, enrollment_id) AS rank FROM entries
       )
       SELECT r.rank::text AS rank, r.enrollment_id, r.creator_id, p.display_name, r.clicks::text AS clicks, r.unique_clicks::text AS unique_clicks,
              r.orders::text AS orders, r.net_minor::text AS net_minor, r.commissions_minor::text AS commissions_minor
         FROM ranked r JOIN creator_profiles p ON p.id = r.creator_id
        WHERE r.rank > CASE WHEN $3::uuid IS NULL THEN 0 ELSE coalesce((SELECT rank FROM ranked WHERE enrollment_id = $3::uuid), 9223372036854775807) END
        ORDER BY r.rank
        LIMIT $4`,
      [campaign.id, campaign.currency, afterId, limit, ...(range ? [range.from, range.to] : [])],
    );
  }
}

function entryOf(row: RankedRow, currency: string): LeaderboardEntry {
  const uniqueClicks = Number(row.unique_clicks);
  const epc = earningsPerClickMinor(BigInt(row.commissions_minor), uniqueClicks);
  return {
    rank: Number(row.rank),
    enrollmentId: row.enrollment_id,
    creatorId: row.creator_id,
    clicks: Number(row.clicks),
    uniqueClicks,
    orders: Number(row.orders),
    conversionRate: ratio(Number(row.orders), uniqueClicks),
    netRevenue: toMoneyModel({ amountMinor: BigInt(row.net_minor), currency }),
    earningsPerClick: epc === null ? null : toMoneyModel({ amountMinor: epc, currency }),
  };
}

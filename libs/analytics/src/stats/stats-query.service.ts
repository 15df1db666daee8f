import { HoldReason, LIVE_STATUSES } from '@app/commissions';
import { type Actor, isUuid, toMoneyModel } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { invalidStatsInput, statsNotFound } from './analytics.exception.js';
import { deriveSeries, readCampaignSeries, readSeries, type RollupFilter, type SeriesCounters } from './rollup-series.js';
import { assertOwnScope, campaignReaderScope, ownCreatorId, type ReadableCampaign, readableSource, toReadableCampaign } from './stats-access.js';
import { type CampaignBudget, type CampaignStats, type CodeStats, type CreatorStats, type LinkStats, type StatsReport, toStatsFigures, toStatsPeriod } from './stats.model.js';
import { dayRange, type DayRange, type StatsGranularity } from './stats-range.js';

export interface CreatorStatsScope {
  campaignId?: string | null;
  enrollmentId?: string | null;
}

/**
 * Clicks, sales and commissions over a range of days, from the daily rollups, for the
 * people allowed to see them: a campaign's brand and platform staff, a creator their own
 * numbers, a link's or code's brand and holder.
 */
@Injectable()
export class StatsQueryService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async campaignStats(actor: Actor, campaignId: string, from: string, to: string, granularity: StatsGranularity): Promise<CampaignStats> {
    const range = dayRange(from, to);
    const { campaign, counters } = await this.campaignSeries(actor, campaignId, range, granularity, "read a campaign's stats");
    return {
      ...this.report(range, granularity, counters),
      campaignId,
      timeZone: campaign.timeZone,
      currency: campaign.currency,
      campaign,
    };
  }

  /** A campaign the actor may read, with its series, in one round trip; another brand's campaign is NOT_FOUND, like a missing one. */
  async campaignSeries(
    actor: Actor,
    campaignId: string,
    range: DayRange,
    granularity: StatsGranularity,
    action: string,
  ): Promise<{ campaign: ReadableCampaign; counters: SeriesCounters }> {
    const organizationId = campaignReaderScope(actor, campaignId, action);
    const read = await readCampaignSeries(this.db.manager, campaignId, organizationId, range, granularity);
    if (!read) throw statsNotFound('Campaign', campaignId);
    return { campaign: toReadableCampaign(read.campaign), counters: read.counters };
  }

  async creatorStats(actor: Actor, from: string, to: string, granularity: StatsGranularity, scope: CreatorStatsScope = {}): Promise<CreatorStats> {
    const range = dayRange(from, to);
    const { creatorId, filter } = await this.ownFilter(actor, scope);
    const counters = await readSeries(this.db.manager, filter, range, granularity);
    return { ...this.report(range, granularity, counters), creatorId, campaignId: scope.campaignId ?? null, enrollmentId: scope.enrollmentId ?? null };
  }

  /** The calling creator's rollup filter, narrowed to a campaign or enrollment of theirs. */
  async ownFilter(actor: Actor, scope: CreatorStatsScope = {}): Promise<{ creatorId: string; filter: RollupFilter }> {
    for (const field of ['campaignId', 'enrollmentId'] as const) {
      const id = scope[field];
      if (id !== null && id !== undefined && !isUuid(id)) throw invalidStatsInput(field, `${field} must be an ID returned by this API`);
    }
    const creatorId = await ownCreatorId(this.db.manager, actor, 'read your stats');
    await assertOwnScope(this.db.manager, creatorId, scope.campaignId ?? null, scope.enrollmentId ?? null);
    const filter: RollupFilter = { creatorId };
    if (scope.campaignId) filter.campaignId = scope.campaignId;
    if (scope.enrollmentId) filter.enrollmentId = scope.enrollmentId;
    return { creatorId, filter };
  }

  async linkStats(actor: Actor, linkId: string, from: string, to: string, granularity: StatsGranularity): Promise<LinkStats> {
    const range = dayRange(from, to);
    const link = await readableSource(this.db.manager, actor, 'referral_links', linkId);
    const counters = await readSeries(this.db.manager, { linkId }, range, granularity);
    return { ...this.report(range, granularity, counters), linkId, campaignId: link.campaignId, timeZone: link.timeZone };
  }

  async codeStats(actor: Actor, codeId: string, from: string, to: string, granularity: StatsGranularity): Promise<CodeStats> {
    const range = dayRange(from, to);
    const code = await readableSource(this.db.manager, actor, 'discount_codes', codeId);
    const counters = await readSeries(this.db.manager, { codeId }, range, granularity);
    return { ...this.report(range, granularity, counters), codeId, campaignId: code.campaignId, timeZone: code.timeZone };
  }

  private report(range: DayRange, granularity: StatsGranularity, counters: SeriesCounters): StatsReport {
    const { total, series } = deriveSeries(counters);
    return {
      from: range.from,
      to: range.to,
      granularity,
      total: toStatsFigures(total),
      series: series.map(toStatsPeriod),
    };
  }

  /**
   * What the commissions count against the budget, summed the way the commission writer
   * sums it before holding a new one as BUDGET_EXHAUSTED: live commissions, less those
   * already held for the budget.
   */
  async budget(campaign: ReadableCampaign): Promise<CampaignBudget | null> {
    if (campaign.budgetMinor === null) return null;
    const [row] = await this.db.manager.query<{ used: string }[]>(
      `SELECT COALESCE(SUM(amount_minor), 0)::text AS used FROM commissions WHERE campaign_id = $1 AND status = ANY($2::text[]) AND NOT ($3 = ANY(hold_reasons))`,
      [campaign.id, LIVE_STATUSES, HoldReason.BUDGET_EXHAUSTED],
    );
    const used = BigInt(row?.used ?? '0');
    const remaining = campaign.budgetMinor > used ? campaign.budgetMinor - used : 0n;
    const money = (amountMinor: bigint) => toMoneyModel({ amountMinor, currency: campaign.currency });
    return { total: money(campaign.budgetMinor), used: money(used), remaining: money(remaining) };
  }
}

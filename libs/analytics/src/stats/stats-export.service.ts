import type { Actor } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { readSeries } from './rollup-series.js';
import { statsCsv } from './stats-csv.js';
import type { StatsExport } from './stats-export.model.js';
import { StatsQueryService } from './stats-query.service.js';
import { dayRange, type StatsGranularity } from './stats-range.js';

const CSV = 'text/csv; charset=utf-8';

/** Stats series as CSV files, with the same access as the stats themselves. */
@Injectable()
export class StatsExportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly stats: StatsQueryService,
  ) {}

  async exportCampaignStats(actor: Actor, campaignId: string, from: string, to: string, granularity: StatsGranularity): Promise<StatsExport> {
    const range = dayRange(from, to);
    const { campaign, counters } = await this.stats.campaignSeries(actor, campaignId, range, granularity, "export a campaign's stats");
    const { csv, rowCount } = statsCsv(counters);
    return { filename: `campaign-stats-${campaign.slug}-${range.from}-${range.to}-${granularity.toLowerCase()}.csv`, contentType: CSV, rowCount, csv };
  }

  async exportCreatorStats(actor: Actor, from: string, to: string, granularity: StatsGranularity): Promise<StatsExport> {
    const range = dayRange(from, to);
    const { filter } = await this.stats.ownFilter(actor);
    const { csv, rowCount } = statsCsv(await readSeries(this.db.manager, filter, range, granularity));
    return { filename: `creator-stats-${range.from}-${range.to}-${granularity.toLowerCase()}.csv`, contentType: CSV, rowCount, csv };
  }
}

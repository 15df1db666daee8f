import { Module } from '@nestjs/common';
import { FinanceSummaryService } from './stats/finance-summary.service.js';
import { LeaderboardService } from './stats/leaderboard.service.js';
import { StatsExportService } from './stats/stats-export.service.js';
import { StatsQueryService } from './stats/stats-query.service.js';

const SERVICES = [StatsQueryService, LeaderboardService, StatsExportService, FinanceSummaryService];

/** Reports read from the daily rollups. No GraphQL here. */
@Module({
  providers: SERVICES,
  exports: SERVICES,
})
export class AnalyticsModule {}

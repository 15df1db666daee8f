import { CreatorsModule } from '@app/creators';
import { DisclosuresModule } from '@app/disclosures';
import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics.module.js';
import { FinanceSummaryResolver } from './finance-summary.resolver.js';
import { LeaderboardResolver } from './leaderboard.resolver.js';
import { CampaignStatsResolver, OwnStatsResolver } from './stats.resolver.js';

/** The analytics part of the API's GraphQL schema: campaign, creator, link and code stats, leaderboards, the finance summary and their CSV exports. */
@Module({
  imports: [AnalyticsModule, DisclosuresModule, CreatorsModule],
  providers: [CampaignStatsResolver, OwnStatsResolver, LeaderboardResolver, FinanceSummaryResolver],
})
export class AnalyticsGraphqlModule {}

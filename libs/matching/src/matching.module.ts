import { CampaignsModule } from '@app/campaigns';
import { CreatorsModule } from '@app/creators';
import { Module } from '@nestjs/common';
import { CandidateIndexService } from './index/candidate-index.service.js';
import { CampaignMatchesService } from './matches/campaign-matches.service.js';
import { RecommendedCampaignsService } from './matches/recommended-campaigns.service.js';

/**
 * Scoring and ranking creators for campaigns, and campaigns for creators. No GraphQL here.
 * Past performance comes from `PERFORMANCE_SIGNALS`, which the application provides through
 * a global module (analytics' `AnalyticsPerformanceModule`): a default here would shadow it.
 */
@Module({
  imports: [CreatorsModule, CampaignsModule],
  providers: [CandidateIndexService, CampaignMatchesService, RecommendedCampaignsService],
  exports: [CandidateIndexService, CampaignMatchesService, RecommendedCampaignsService],
})
export class MatchingModule {}

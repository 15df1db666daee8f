import { CampaignsModule } from '@app/campaigns';
import { CreatorsModule } from '@app/creators';
import { Module } from '@nestjs/common';
import { CandidateIndexService } from './index/candidate-index.service.js';
import { CampaignMatchesService } from './matches/campaign-matches.service.js';
import { RecommendedCampaignsService } from './matches/recommended-campaigns.service.js';
import { NoPerformanceSignals, PERFORMANCE_SIGNALS } from './performance/performance-signals.js';

/** Scoring and ranking creators for campaigns, and campaigns for creators. No GraphQL here. */
@Module({
  imports: [CreatorsModule, CampaignsModule],
  providers: [
    CandidateIndexService,
    CampaignMatchesService,
    RecommendedCampaignsService,
    { provide: PERFORMANCE_SIGNALS, useClass: NoPerformanceSignals },
  ],
  exports: [CandidateIndexService, CampaignMatchesService, RecommendedCampaignsService, PERFORMANCE_SIGNALS],
})
export class MatchingModule {}

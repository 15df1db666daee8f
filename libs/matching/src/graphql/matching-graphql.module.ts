import { CampaignsModule } from '@app/campaigns';
import { CreatorsModule } from '@app/creators';
import { Module } from '@nestjs/common';
import { MatchingModule } from '../matching.module.js';
import { MatchingIndexWarmer } from './matching-index.warmer.js';
import { CampaignMatchResolver, CreatorMatchResolver, MatchingResolver } from './matching.resolver.js';

/** The matching part of the API's GraphQL schema; warms the candidate index at start. */
@Module({
  imports: [MatchingModule, CreatorsModule, CampaignsModule],
  providers: [MatchingResolver, CreatorMatchResolver, CampaignMatchResolver, MatchingIndexWarmer],
})
export class MatchingGraphqlModule {}

import { CampaignsModule } from '@app/campaigns';
import { CreatorsModule } from '@app/creators';
import { Module } from '@nestjs/common';

/** Scoring and ranking creators for campaigns, and campaigns for creators. No GraphQL here. */
@Module({
  imports: [CreatorsModule, CampaignsModule],
  providers: [],
  exports: [],
})
export class MatchingModule {}

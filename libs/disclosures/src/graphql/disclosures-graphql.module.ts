import { CampaignsModule } from '@app/campaigns';
import { CreatorsModule } from '@app/creators';
import { Module } from '@nestjs/common';
import { DisclosuresModule } from '../disclosures.module.js';
import { CampaignComplianceResolver, ComplianceGapResolver } from './campaign-compliance.resolver.js';
import { SponsoredPostResolver } from './sponsored-post.resolver.js';

/** The disclosures part of the API's GraphQL schema: sponsored posts, checks, overrides and campaign compliance. */
@Module({
  imports: [DisclosuresModule, CampaignsModule, CreatorsModule],
  providers: [SponsoredPostResolver, CampaignComplianceResolver, ComplianceGapResolver],
})
export class DisclosuresGraphqlModule {}

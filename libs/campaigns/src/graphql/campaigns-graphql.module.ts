import { CreatorsModule } from '@app/creators';
import { IdentityModule } from '@app/identity';
import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns.module.js';
import { CampaignResolver } from './campaign.resolver.js';
import { CreatorBanResolver, EnrollmentResolver } from './enrollment.resolver.js';
import { OrganizationDomainsResolver } from './organization-domains.resolver.js';

/** The campaigns part of the API's GraphQL schema. */
@Module({
  imports: [CampaignsModule, CreatorsModule, IdentityModule],
  providers: [CampaignResolver, EnrollmentResolver, CreatorBanResolver, OrganizationDomainsResolver],
})
export class CampaignsGraphqlModule {}

import { CampaignsModule } from '@app/campaigns';
import { CreatorsModule } from '@app/creators';
import { Module } from '@nestjs/common';
import { AttributionModule } from '../attribution.module.js';
import { IntegrationApiKeyResolver } from './integration-api-key.resolver.js';
import { MerchantIntegrationResolver } from './merchant-integration.resolver.js';
import { AttributionCandidateResolver, OrderResolver } from './order.resolver.js';

/** The attribution part of the API's GraphQL schema: integrations, recorded orders, orders and their decisions. */
@Module({
  imports: [AttributionModule, CampaignsModule, CreatorsModule],
  providers: [MerchantIntegrationResolver, IntegrationApiKeyResolver, OrderResolver, AttributionCandidateResolver],
})
export class AttributionGraphqlModule {}

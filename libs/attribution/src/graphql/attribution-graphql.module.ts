import { Module } from '@nestjs/common';
import { AttributionModule } from '../attribution.module.js';
import { MerchantIntegrationResolver } from './merchant-integration.resolver.js';
import { OrderResolver } from './order.resolver.js';

/** The attribution part of the API's GraphQL schema: integrations, recorded orders, orders and their decisions. */
@Module({
  imports: [AttributionModule],
  providers: [MerchantIntegrationResolver, OrderResolver],
})
export class AttributionGraphqlModule {}

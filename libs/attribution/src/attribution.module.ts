import { AuditModule } from '@app/audit';
import { CampaignsModule } from '@app/campaigns';
import { CreatorsModule } from '@app/creators';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ORDER_EVENTS_QUEUE } from './attribution.queue.js';
import { AttributionDecisionEntity } from './decisions/attribution-decision.entity.js';
import { AttributionDecider } from './decisions/attribution-decider.js';
import { TouchGatherer } from './decisions/touch-gatherer.js';
import { OrderEventRecordEntity } from './inbox/order-event-record.entity.js';
import { OrderInboxService } from './inbox/order-inbox.service.js';
import { IntegrationApiKeyEntity } from './integrations/integration-api-key.entity.js';
import { IntegrationApiKeyService } from './integrations/integration-api-key.service.js';
import { IntegrationCredentials } from './integrations/integration-credentials.js';
import { IntegrationRateLimit } from './integrations/integration-rate-limit.js';
import { MerchantIntegrationEntity } from './integrations/merchant-integration.entity.js';
import { MerchantIntegrationService } from './integrations/merchant-integration.service.js';
import { OrderAdjustmentEntity } from './orders/order-adjustment.entity.js';
import { OrderBookService } from './orders/order-book.service.js';
import { OrderEntity } from './orders/order.entity.js';
import { OrderQueryService } from './orders/order-query.service.js';
import { RecordedOrdersService } from './inbox/recorded-orders.service.js';

export const ATTRIBUTION_ENTITIES = [MerchantIntegrationEntity, IntegrationApiKeyEntity, OrderEventRecordEntity, OrderEntity, OrderAdjustmentEntity, AttributionDecisionEntity];

const SERVICES = [MerchantIntegrationService, IntegrationApiKeyService, IntegrationCredentials, IntegrationRateLimit, OrderInboxService, RecordedOrdersService, OrderBookService, OrderQueryService, TouchGatherer, AttributionDecider];

/** Integrations, the order inbox, the order book and attribution decisions, for the API and the worker. Needs QueueModule. */
@Module({
  imports: [TypeOrmModule.forFeature(ATTRIBUTION_ENTITIES), BullModule.registerQueue({ name: ORDER_EVENTS_QUEUE }), CampaignsModule, CreatorsModule, AuditModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class AttributionModule {}

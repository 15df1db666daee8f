import { RawHttpModule } from '@app/core';
import { Module } from '@nestjs/common';
import { AttributionModule } from '../attribution.module.js';
import { OrderWebhookHandler } from './order-webhook-handler.js';
import { WebhookFastPath } from './webhook-fast-path.js';

/** The API's order webhooks (`POST /webhooks/orders/:id`, `POST /webhooks/shopify/:id`), served ahead of the framework. */
@Module({
  imports: [AttributionModule, RawHttpModule],
  providers: [OrderWebhookHandler, WebhookFastPath],
})
export class AttributionHttpModule {}

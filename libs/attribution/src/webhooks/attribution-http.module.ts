import { Module } from '@nestjs/common';
import { AttributionModule } from '../attribution.module.js';
import { OrderWebhooksController } from './order-webhooks.controller.js';

/** The API's order webhooks (`/webhooks/orders/:id`, `/webhooks/shopify/:id`). Needs the raw body on `/webhooks`. */
@Module({
  imports: [AttributionModule],
  controllers: [OrderWebhooksController],
})
export class AttributionHttpModule {}

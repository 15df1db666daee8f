import { RawHttpModule } from '@app/core';
import { Module } from '@nestjs/common';
import { PayoutsModule } from './payouts.module.js';
import { StripeWebhookRoute } from './webhooks/stripe-webhook-route.js';

/** The API's Stripe webhook endpoint (`POST /webhooks/stripe`), served ahead of the framework. */
@Module({
  imports: [PayoutsModule, RawHttpModule],
  providers: [StripeWebhookRoute],
})
export class PayoutsHttpModule {}

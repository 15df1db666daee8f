import { AuditModule } from '@app/audit';
import { CreatorsModule } from '@app/creators';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PayoutAccountEntity } from './accounts/payout-account.entity.js';
import { PayoutAccountService } from './accounts/payout-account.service.js';
import { PayoutAccountSync } from './accounts/payout-account-sync.js';
import { STRIPE_CLIENT, stripeClientProvider } from './stripe/stripe-client.js';
import { StripeEventEntity } from './webhooks/stripe-event.entity.js';
import { StripeEventDispatcher } from './webhooks/stripe-event-dispatcher.js';
import { StripeEventHandlers } from './webhooks/stripe-event-handlers.js';

export const PAYOUTS_ENTITIES = [PayoutAccountEntity, StripeEventEntity];

const SERVICES = [PayoutAccountService, StripeEventHandlers, StripeEventDispatcher];

/**
 * Payout accounts, the Stripe client and the Stripe event registry, for the API and the
 * worker. Handlers of Stripe events register with `StripeEventHandlers` from here or from a
 * module that imports this one.
 */
@Module({
  imports: [TypeOrmModule.forFeature(PAYOUTS_ENTITIES), CreatorsModule, AuditModule],
  providers: [stripeClientProvider, ...SERVICES, PayoutAccountSync],
  exports: [STRIPE_CLIENT, ...SERVICES],
})
export class PayoutsModule {}

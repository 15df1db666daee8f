import { AuditModule } from '@app/audit';
import { CommissionsModule } from '@app/commissions';
import { OutboxModule } from '@app/core';
import { CreatorsModule } from '@app/creators';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PayoutAccountEntity } from './accounts/payout-account.entity.js';
import { PayoutAccountService } from './accounts/payout-account.service.js';
import { PayoutAccountSync } from './accounts/payout-account-sync.js';
import { FundingRequestEntity } from './funding/funding-request.entity.js';
import { FundingService } from './funding/funding.service.js';
import { PaymentEventHandlers } from './funding/payment-event-handlers.js';
import { PayoutItemEntity } from './runs/payout-item.entity.js';
import { PayoutRunExclusionEntity } from './runs/payout-run-exclusion.entity.js';
import { PayoutRunEntity } from './runs/payout-run.entity.js';
import { PayoutRunService } from './runs/payout-run.service.js';
import { PayoutEntity } from './runs/payout.entity.js';
import { STRIPE_CLIENT, stripeClientProvider } from './stripe/stripe-client.js';
import { StripeEventEntity } from './webhooks/stripe-event.entity.js';
import { StripeEventDispatcher } from './webhooks/stripe-event-dispatcher.js';
import { StripeEventHandlers } from './webhooks/stripe-event-handlers.js';

export const PAYOUTS_ENTITIES = [PayoutAccountEntity, StripeEventEntity, PayoutRunEntity, PayoutEntity, PayoutItemEntity, PayoutRunExclusionEntity, FundingRequestEntity];

const SERVICES = [PayoutAccountService, StripeEventHandlers, StripeEventDispatcher, PayoutRunService, FundingService];

/**
 * Payout accounts, payout runs, brand funding, the Stripe client and the Stripe event
 * registry, for the API and the worker. Handlers of Stripe events register with `StripeEventHandlers` from here or from a
 * module that imports this one.
 */
@Module({
  imports: [TypeOrmModule.forFeature(PAYOUTS_ENTITIES), CreatorsModule, CommissionsModule, AuditModule, OutboxModule],
  providers: [stripeClientProvider, ...SERVICES, PayoutAccountSync, PaymentEventHandlers],
  exports: [STRIPE_CLIENT, ...SERVICES],
})
export class PayoutsModule {}

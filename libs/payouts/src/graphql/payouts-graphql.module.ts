import { Module } from '@nestjs/common';
import { PayoutsModule } from '../payouts.module.js';
import { PayoutAccountResolver } from './payout-account.resolver.js';

/** The payouts part of the API's GraphQL schema: creators' payout accounts and their onboarding. */
@Module({
  imports: [PayoutsModule],
  providers: [PayoutAccountResolver],
})
export class PayoutsGraphqlModule {}

import { CreatorsModule } from '@app/creators';
import { Module } from '@nestjs/common';
import { PayoutsModule } from '../payouts.module.js';
import { PayoutAccountResolver } from './payout-account.resolver.js';
import { PayoutQueryService } from './payout-query.service.js';
import { PayoutResolver, PayoutRunResolver } from './payout.resolver.js';

/** The payouts part of the API's GraphQL schema: payout accounts and onboarding, payout runs, payouts, earnings and brand funding. */
@Module({
  imports: [PayoutsModule, CreatorsModule],
  providers: [PayoutAccountResolver, PayoutQueryService, PayoutRunResolver, PayoutResolver],
})
export class PayoutsGraphqlModule {}

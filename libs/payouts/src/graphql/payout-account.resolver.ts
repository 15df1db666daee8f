import { type Actor, CurrentActor, IdArg, Role, Roles } from '@app/core';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { PayoutAccount, PayoutOnboardingLink } from '../accounts/payout-account.model.js';
import { PayoutAccountService } from '../accounts/payout-account.service.js';

@Resolver(() => PayoutAccount)
export class PayoutAccountResolver {
  constructor(private readonly accounts: PayoutAccountService) {}

  @Mutation(() => PayoutOnboardingLink, {
    description:
      "Set up where your earnings are paid: opens your Stripe account on the first call, and answers a fresh link to Stripe's onboarding on every call (to finish, or to update details).",
  })
  @Roles(Role.CREATOR)
  startPayoutOnboarding(
    @CurrentActor() actor: Actor,
    @Args('country', { type: () => String, nullable: true, description: "ISO 3166-1 alpha-2; only needed when your creator profile has no country." }) country?: string | null,
  ): Promise<PayoutOnboardingLink> {
    return this.accounts.startOnboarding(actor, country);
  }

  @Query(() => PayoutAccount, { nullable: true, description: 'Your payout account; null until you start onboarding.' })
  @Roles(Role.CREATOR)
  payoutAccount(@CurrentActor() actor: Actor): Promise<PayoutAccount | null> {
    return this.accounts.mine(actor);
  }

  @Query(() => PayoutAccount, { nullable: true, description: "A creator's payout account; null when they have not started onboarding." })
  @Roles(Role.FINANCE, Role.ADMIN)
  creatorPayoutAccount(@CurrentActor() actor: Actor, @IdArg('creatorId') creatorId: string): Promise<PayoutAccount | null> {
    return this.accounts.ofCreator(actor, creatorId);
  }
}

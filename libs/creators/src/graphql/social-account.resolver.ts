import { type Actor, CurrentActor, IdArg, Role, Roles } from '@app/core';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { SocialAccount } from '../profiles/creator.model.js';
import { AddSocialAccountInput, UpdateSocialAccountInput } from '../profiles/social-account.inputs.js';
import { SocialAccountService } from '../profiles/social-account.service.js';

@Resolver(() => SocialAccount)
export class SocialAccountResolver {
  constructor(private readonly accounts: SocialAccountService) {}

  @Mutation(() => SocialAccount, { description: 'List one of your accounts on your profile (at most twelve).' })
  @Roles(Role.CREATOR)
  addSocialAccount(@CurrentActor() actor: Actor, @Args('input') input: AddSocialAccountInput): Promise<SocialAccount> {
    return this.accounts.add(actor, input);
  }

  @Mutation(() => SocialAccount, { description: 'Change some figures or details of one of your accounts.' })
  @Roles(Role.CREATOR)
  updateSocialAccount(
    @CurrentActor() actor: Actor,
    @IdArg('id') id: string,
    @Args('input') input: UpdateSocialAccountInput,
  ): Promise<SocialAccount> {
    return this.accounts.update(actor, id, input);
  }

  @Mutation(() => SocialAccount, { description: 'Remove one of your accounts; returns it as it was.' })
  @Roles(Role.CREATOR)
  removeSocialAccount(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<SocialAccount> {
    return this.accounts.remove(actor, id);
  }
}

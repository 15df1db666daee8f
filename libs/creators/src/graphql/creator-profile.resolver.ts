import { type Actor, CurrentActor, type GraphqlContext, IdArg, MaxItems, Role, Roles } from '@app/core';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { UpsertCreatorProfileInput } from '../profiles/creator-profile.input.js';
import { CreatorProfileService } from '../profiles/creator-profile.service.js';
import { CreatorsArgs } from '../profiles/creator-search.inputs.js';
import { CreatorSearchService } from '../profiles/creator-search.service.js';
import { CreatorProfile, CreatorProfileConnection, SocialAccount } from '../profiles/creator.model.js';
import { MAX_SOCIAL_ACCOUNTS } from '../profiles/social-account.rules.js';
import { SocialAccountService } from '../profiles/social-account.service.js';
import { socialAccountsLoader } from './creators.loaders.js';

@Resolver(() => CreatorProfile)
export class CreatorProfileResolver {
  constructor(
    private readonly profiles: CreatorProfileService,
    private readonly search: CreatorSearchService,
    private readonly accounts: SocialAccountService,
  ) {}

  @Query(() => CreatorProfile, { nullable: true, description: 'Your creator profile, or null if you have not created one.' })
  myCreatorProfile(@CurrentActor() actor: Actor): Promise<CreatorProfile | null> {
    return this.profiles.findMine(actor);
  }

  @Query(() => CreatorProfile, { description: 'A creator, for brand teams and admins; a creator may read only their own.' })
  @Roles(Role.BRAND_ADMIN, Role.BRAND_MEMBER, Role.ADMIN, Role.CREATOR)
  creator(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<CreatorProfile> {
    return this.profiles.get(actor, id);
  }

  @Query(() => CreatorProfileConnection, { description: 'Search creators, oldest profile first. For brand teams and admins.' })
  @Roles(Role.BRAND_ADMIN, Role.BRAND_MEMBER, Role.ADMIN)
  creators(@CurrentActor() actor: Actor, @Args() { filter, ...page }: CreatorsArgs): Promise<CreatorProfileConnection> {
    return this.search.search(actor, filter ?? {}, page);
  }

  @Mutation(() => CreatorProfile, { description: 'Create your creator profile, or change it.' })
  @Roles(Role.CREATOR)
  upsertCreatorProfile(@CurrentActor() actor: Actor, @Args('input') input: UpsertCreatorProfileInput): Promise<CreatorProfile> {
    return this.profiles.upsert(actor, input);
  }

  @ResolveField(() => [SocialAccount], { description: 'At most twelve, oldest first.' })
  @MaxItems(MAX_SOCIAL_ACCOUNTS)
  socialAccounts(@Parent() profile: CreatorProfile, @Context() ctx: GraphqlContext): Promise<SocialAccount[]> {
    return socialAccountsLoader(ctx, this.accounts).load(profile.id);
  }
}

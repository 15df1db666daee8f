import { Campaign, CampaignService, campaignLoader } from '@app/campaigns';
import { type Actor, type AppConfig, CurrentActor, type GraphqlContext, IdArg, InjectConfig, PageArgs, pageRequest, Role, Roles } from '@app/core';
import { CreatorProfile, CreatorProfileService, creatorLoader } from '@app/creators';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DisclosureDryRunService } from '../posts/disclosure-dry-run.service.js';
import { DisclosureOverrideService, OVERRIDE_ROLES } from '../posts/disclosure-override.service.js';
import { SponsoredPostQueryService } from '../posts/sponsored-post-query.service.js';
import { CheckDisclosureArgs, ReviseSponsoredPostInput, SponsoredPostsArgs, SubmitSponsoredPostInput } from '../posts/sponsored-post.inputs.js';
import { DisclosureCheckModel, SponsoredPost, SponsoredPostConnection, SponsoredPostRevisionConnection } from '../posts/sponsored-post.model.js';
import { SponsoredPostService } from '../posts/sponsored-post.service.js';
import { DisclosureResult } from '../rules/check-disclosure.js';
import { revisionsLoader } from './disclosures.loaders.js';

@Resolver(() => SponsoredPost)
export class SponsoredPostResolver {
  constructor(
    private readonly posts: SponsoredPostService,
    private readonly queries: SponsoredPostQueryService,
    private readonly overrides: DisclosureOverrideService,
    private readonly dryRun: DisclosureDryRunService,
    private readonly campaigns: CampaignService,
    private readonly profiles: CreatorProfileService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @Mutation(() => SponsoredPost, { description: "Record a sponsored post for your APPROVED enrollment; its disclosure is checked at once." })
  @Roles(Role.CREATOR)
  submitSponsoredPost(@CurrentActor() actor: Actor, @Args('input') input: SubmitSponsoredPostInput): Promise<SponsoredPost> {
    return this.posts.submit(actor, input);
  }

  @Mutation(() => SponsoredPost, { description: 'Record what one of your posts says now, as a new revision; it is checked again.' })
  @Roles(Role.CREATOR)
  reviseSponsoredPost(@CurrentActor() actor: Actor, @IdArg('id') id: string, @Args('input') input: ReviseSponsoredPostInput): Promise<SponsoredPost> {
    return this.posts.revise(actor, id, input);
  }

  @Mutation(() => SponsoredPost, { description: "Decide a post's disclosure yourself, with a note: in force until the creator revises the post. Audited." })
  @Roles(...OVERRIDE_ROLES)
  overrideDisclosureCheck(
    @CurrentActor() actor: Actor,
    @IdArg('postId') postId: string,
    @Args('decision', { type: () => DisclosureResult }) decision: DisclosureResult,
    @Args('note') note: string,
  ): Promise<SponsoredPost> {
    return this.overrides.override(actor, postId, decision, note);
  }

  @Query(() => DisclosureCheckModel, { description: 'Check a caption before you publish it. Nothing is stored.' })
  checkDisclosure(@CurrentActor() actor: Actor, @Args() args: CheckDisclosureArgs): Promise<DisclosureCheckModel> {
    return this.dryRun.check(actor, args);
  }

  @Query(() => SponsoredPost)
  sponsoredPost(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<SponsoredPost> {
    return this.queries.get(actor, id);
  }

  @Query(() => SponsoredPostConnection, { description: "Newest first. Brands see their campaigns' posts, creators their own, finance all." })
  sponsoredPosts(@CurrentActor() actor: Actor, @Args() args: SponsoredPostsArgs): Promise<SponsoredPostConnection> {
    return this.queries.list(actor, args.filter, args);
  }

  @ResolveField(() => SponsoredPostRevisionConnection, { description: 'Every revision, oldest first.' })
  revisions(@Parent() post: SponsoredPost, @Args() args: PageArgs, @Context() ctx: GraphqlContext): Promise<SponsoredPostRevisionConnection> {
    return revisionsLoader(ctx, this.queries).load({ parentId: post.id, page: pageRequest(args, this.config.graphql) });
  }

  @ResolveField(() => Campaign, { nullable: true })
  campaign(@Parent() post: SponsoredPost, @Context() ctx: GraphqlContext): Promise<Campaign | null> {
    return campaignLoader(ctx, this.campaigns).load(post.campaignId);
  }

  @ResolveField(() => CreatorProfile, { nullable: true })
  creator(@Parent() post: SponsoredPost, @Context() ctx: GraphqlContext): Promise<CreatorProfile | null> {
    return creatorLoader(ctx, this.profiles).load(post.creatorId);
  }
}

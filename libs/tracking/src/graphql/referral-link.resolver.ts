import { Campaign, CampaignService, campaignLoader, Enrollment, EnrollmentQueryService, enrollmentLoader } from '@app/campaigns';
import { type Actor, CurrentActor, type GraphqlContext, IdArg, RateLimit, Role, Roles } from '@app/core';
import { CreatorProfile, CreatorProfileService, creatorLoader } from '@app/creators';
import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ReferralLinkQueryService } from '../links/referral-link-query.service.js';
import { ClaimReferralLinkInput, ReferralLinksArgs } from '../links/referral-link.inputs.js';
import { ReferralLink, ReferralLinkConnection } from '../links/referral-link.model.js';
import { ReferralLinkService } from '../links/referral-link.service.js';
import { linkClicksLoader } from './tracking.loaders.js';

@Resolver(() => ReferralLink)
export class ReferralLinkResolver {
  constructor(
    private readonly links: ReferralLinkService,
    private readonly queries: ReferralLinkQueryService,
    private readonly enrollments: EnrollmentQueryService,
    private readonly campaigns: CampaignService,
    private readonly profiles: CreatorProfileService,
  ) {}

  @Mutation(() => ReferralLink, { description: 'Claim a tracked link for your APPROVED enrollment, optionally with a vanity alias and a deep link.' })
  @Roles(Role.CREATOR)
  @RateLimit('claim')
  claimReferralLink(@CurrentActor() actor: Actor, @Args('input') input: ClaimReferralLinkInput): Promise<ReferralLink> {
    return this.links.claim(actor, input);
  }

  @Mutation(() => ReferralLink, { description: 'Turn a link off for good: it answers 410 (or the campaign fallback URL) and attributes nothing.' })
  @Roles(Role.BRAND_ADMIN, Role.BRAND_MEMBER, Role.CREATOR, Role.ADMIN)
  disableReferralLink(
    @CurrentActor() actor: Actor,
    @IdArg('id') id: string,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
  ): Promise<ReferralLink> {
    return this.links.disable(actor, id, reason);
  }

  @Query(() => ReferralLink)
  referralLink(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<ReferralLink> {
    return this.queries.get(actor, id);
  }

  @Query(() => ReferralLinkConnection, { description: "Newest first. Brands see their campaigns' links (filter by campaign), creators their own." })
  referralLinks(@CurrentActor() actor: Actor, @Args() args: ReferralLinksArgs): Promise<ReferralLinkConnection> {
    return this.queries.list(actor, args.filter, args);
  }

  @Query(() => ReferralLinkConnection, { description: 'Your links, newest first, with their clicks.' })
  @Roles(Role.CREATOR)
  myLinks(@CurrentActor() actor: Actor, @Args() args: ReferralLinksArgs): Promise<ReferralLinkConnection> {
    return this.queries.list(actor, args.filter, args);
  }

  @ResolveField(() => Enrollment)
  enrollment(@Parent() link: ReferralLink, @Context() ctx: GraphqlContext): Promise<Enrollment | null> {
    return enrollmentLoader(ctx, this.enrollments).load(link.enrollmentId);
  }

  @ResolveField(() => Campaign)
  campaign(@Parent() link: ReferralLink, @Context() ctx: GraphqlContext): Promise<Campaign | null> {
    return campaignLoader(ctx, this.campaigns).load(link.campaignId);
  }

  @ResolveField(() => CreatorProfile)
  creator(@Parent() link: ReferralLink, @Context() ctx: GraphqlContext): Promise<CreatorProfile | null> {
    return creatorLoader(ctx, this.profiles).load(link.creatorId);
  }

  @ResolveField(() => Int, { description: 'Clicks by people; bots are recorded but never counted.' })
  async clicks(@Parent() link: ReferralLink, @Context() ctx: GraphqlContext): Promise<number> {
    return (await linkClicksLoader(ctx, this.queries).load(link.id)).clicks;
  }

  @ResolveField(() => Int, { description: "Each visitor's first click on the link within an hour." })
  async uniqueClicks(@Parent() link: ReferralLink, @Context() ctx: GraphqlContext): Promise<number> {
    return (await linkClicksLoader(ctx, this.queries).load(link.id)).uniqueClicks;
  }

  @ResolveField(() => Date, { nullable: true })
  async lastClickAt(@Parent() link: ReferralLink, @Context() ctx: GraphqlContext): Promise<Date | null> {
    return (await linkClicksLoader(ctx, this.queries).load(link.id)).lastClickAt;
  }
}

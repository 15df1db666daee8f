import { Campaign, CampaignService, campaignLoader } from '@app/campaigns';
import { type Actor, CurrentActor, type GraphqlContext, PageArgs, Role, Roles } from '@app/core';
import { CreatorProfile, CreatorProfileService, creatorLoader } from '@app/creators';
import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CampaignMatchesService } from '../matches/campaign-matches.service.js';
import { CampaignMatch, CampaignMatchConnection, CreatorMatch, CreatorMatchConnection } from '../matches/match.model.js';
import { RecommendedCampaignsService } from '../matches/recommended-campaigns.service.js';
import { CampaignMatchesArgs } from './matching.args.js';

@Resolver()
export class MatchingResolver {
  constructor(
    private readonly campaignMatchesService: CampaignMatchesService,
    private readonly recommendedCampaignsService: RecommendedCampaignsService,
  ) {}

  @Query(() => CreatorMatchConnection, {
    description: 'Creators ranked for your campaign, best first, each with the score’s explanation. Enrolled and banned creators are left out.',
  })
  @Roles(Role.BRAND_ADMIN, Role.BRAND_MEMBER, Role.ADMIN)
  campaignMatches(@CurrentActor() actor: Actor, @Args() { campaignId, ...page }: CampaignMatchesArgs): Promise<CreatorMatchConnection> {
    return this.campaignMatchesService.campaignMatches(actor, campaignId, page);
  }

  @Query(() => CampaignMatchConnection, {
    description: 'Active open campaigns whose requirements you meet, best fit first, each with the score’s explanation.',
  })
  @Roles(Role.CREATOR)
  recommendedCampaigns(@CurrentActor() actor: Actor, @Args() page: PageArgs): Promise<CampaignMatchConnection> {
    return this.recommendedCampaignsService.recommendedCampaigns(actor, page);
  }
}

@Resolver(() => CreatorMatch)
export class CreatorMatchResolver {
  constructor(private readonly profiles: CreatorProfileService) {}

  @ResolveField(() => CreatorProfile, { description: 'The ranked creator, with their profile and accounts.' })
  creator(@Parent() match: CreatorMatch, @Context() ctx: GraphqlContext): Promise<CreatorProfile | null> {
    return creatorLoader(ctx, this.profiles).load(match.creatorId);
  }
}

@Resolver(() => CampaignMatch)
export class CampaignMatchResolver {
  constructor(private readonly campaigns: CampaignService) {}

  @ResolveField(() => Campaign, { description: 'The recommended campaign, open to you.' })
  campaign(@Parent() match: CampaignMatch, @Context() ctx: GraphqlContext): Promise<Campaign | null> {
    return campaignLoader(ctx, this.campaigns).load(match.campaignId);
  }
}

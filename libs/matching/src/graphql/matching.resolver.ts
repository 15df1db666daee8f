import { type Actor, CurrentActor, PageArgs, Role, Roles } from '@app/core';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { CampaignMatchesService } from '../matches/campaign-matches.service.js';
import { CampaignMatchConnection, CreatorMatchConnection } from '../matches/match.model.js';
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

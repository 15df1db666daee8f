import { type Actor, type AppConfig, CurrentActor, type GraphqlContext, IdArg, InjectConfig, PageArgs, pageRequest, Role, Roles } from '@app/core';
import { Organization, OrganizationService, organizationLoader } from '@app/identity';
import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CampaignEditorService } from '../campaigns/campaign-editor.service.js';
import { CampaignLifecycleService } from '../campaigns/campaign-lifecycle.service.js';
import { CampaignTermsService } from '../campaigns/campaign-terms.service.js';
import { CampaignsArgs, CreateCampaignInput, UpdateCampaignInput } from '../campaigns/campaign.inputs.js';
import { Campaign, CampaignConnection, CampaignTerms, CampaignTermsConnection } from '../campaigns/campaign.model.js';
import { CampaignService } from '../campaigns/campaign.service.js';
import { currentTermsLoader, termsVersionsLoader } from './campaigns.loaders.js';

const BRAND = [Role.BRAND_ADMIN, Role.BRAND_MEMBER];

@Resolver(() => Campaign)
export class CampaignResolver {
  constructor(
    private readonly campaignService: CampaignService,
    private readonly editor: CampaignEditorService,
    private readonly lifecycle: CampaignLifecycleService,
    private readonly termsService: CampaignTermsService,
    private readonly organizations: OrganizationService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @Query(() => Campaign, { description: "A campaign: your brand's, one you may join as a creator, or any for platform staff." })
  campaign(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<Campaign> {
    return this.campaignService.get(actor, id);
  }

  @Query(() => CampaignConnection, { description: "Newest first. Brands see their own; creators see open campaigns and those they're in." })
  campaigns(@CurrentActor() actor: Actor, @Args() args: CampaignsArgs): Promise<CampaignConnection> {
    return this.campaignService.list(actor, args);
  }

  @Mutation(() => Campaign, { description: 'Create a DRAFT campaign.' })
  @Roles(...BRAND)
  createCampaign(@CurrentActor() actor: Actor, @Args('input') input: CreateCampaignInput): Promise<Campaign> {
    return this.editor.create(actor, input);
  }

  @Mutation(() => Campaign, { description: 'Change a campaign. Terms of a published campaign change as a new version effective now.' })
  @Roles(...BRAND)
  updateCampaign(@CurrentActor() actor: Actor, @IdArg('id') id: string, @Args('input') input: UpdateCampaignInput): Promise<Campaign> {
    return this.editor.update(actor, id, input);
  }

  @Mutation(() => Campaign, {
    description:
      "Platform staff: the platform's fee charged to the brand on top of each commission, in basis points of it (0–10000; 1000 is 10%). Takes effect now as a new terms version; sales already made keep their fee.",
  })
  @Roles(Role.ADMIN, Role.FINANCE)
  async setCampaignPlatformFee(@CurrentActor() actor: Actor, @IdArg('id') id: string, @Args('platformFeeBps', { type: () => Int }) platformFeeBps: number): Promise<Campaign> {
    await this.termsService.setPlatformFeeOf(actor, id, platformFeeBps);
    return this.campaignService.get(actor, id);
  }

  @Mutation(() => Campaign, { description: 'Delete a DRAFT campaign.' })
  @Roles(...BRAND)
  deleteCampaign(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<Campaign> {
    return this.editor.delete(actor, id);
  }

  @Mutation(() => Campaign, { description: 'DRAFT → ACTIVE, once dates, landing URL, platforms and terms are complete.' })
  @Roles(...BRAND)
  publishCampaign(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<Campaign> {
    return this.lifecycle.publish(actor, id);
  }

  @Mutation(() => Campaign, { description: 'ACTIVE → PAUSED.' })
  @Roles(...BRAND)
  pauseCampaign(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<Campaign> {
    return this.lifecycle.pause(actor, id);
  }

  @Mutation(() => Campaign, { description: 'PAUSED → ACTIVE.' })
  @Roles(...BRAND)
  resumeCampaign(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<Campaign> {
    return this.lifecycle.resume(actor, id);
  }

  @Mutation(() => Campaign, { description: 'ACTIVE or PAUSED → ENDED.' })
  @Roles(...BRAND)
  endCampaign(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<Campaign> {
    return this.lifecycle.end(actor, id);
  }

  @ResolveField(() => CampaignTerms, { description: 'The terms in effect now.' })
  async terms(@Parent() campaign: Campaign, @Context() ctx: GraphqlContext): Promise<CampaignTerms | null> {
    return currentTermsLoader(ctx, this.termsService).load(campaign);
  }

  @ResolveField(() => CampaignTermsConnection, { description: 'Every version of the terms, newest first.' })
  termsVersions(@Parent() campaign: Campaign, @Args() page: PageArgs, @Context() ctx: GraphqlContext): Promise<CampaignTermsConnection> {
    const request = pageRequest(page, this.config.graphql);
    return termsVersionsLoader(ctx, this.termsService).load({ parentId: campaign.id, page: request, currency: campaign.currency });
  }

  @ResolveField(() => Organization, { description: 'The brand running the campaign.' })
  organization(@Parent() campaign: Campaign, @Context() ctx: GraphqlContext): Promise<Organization | null> {
    return organizationLoader(ctx, this.organizations).load(campaign.organizationId);
  }
}

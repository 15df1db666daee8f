import { type Actor, CurrentActor, type GraphqlContext, IdArg, PageArgs, Role, Roles } from '@app/core';
import { CreatorProfile, CreatorProfileService, creatorLoader } from '@app/creators';
import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CampaignCompliance, ComplianceGap, ComplianceGapConnection, DisclosureEvidenceExport } from '../compliance/campaign-compliance.model.js';
import { CampaignComplianceService } from '../compliance/campaign-compliance.service.js';

const READERS = [Role.BRAND_ADMIN, Role.BRAND_MEMBER, Role.FINANCE, Role.ADMIN];

@Resolver(() => CampaignCompliance)
export class CampaignComplianceResolver {
  constructor(private readonly compliance: CampaignComplianceService) {}

  @Query(() => CampaignCompliance, { description: "A campaign's posts by status and its creators by where they stand on disclosure." })
  @Roles(...READERS)
  campaignCompliance(@CurrentActor() actor: Actor, @IdArg('campaignId') campaignId: string): Promise<CampaignCompliance> {
    return this.compliance.summary(actor, campaignId);
  }

  @Query(() => DisclosureEvidenceExport, { description: "Every revision and override of a campaign's posts as CSV, for a legal team." })
  @Roles(...READERS)
  exportDisclosureEvidence(@CurrentActor() actor: Actor, @IdArg('campaignId') campaignId: string): Promise<DisclosureEvidenceExport> {
    return this.compliance.exportEvidence(actor, campaignId);
  }

  @ResolveField(() => ComplianceGapConnection, { description: 'APPROVED creators with no compliant post, or with a post found non-compliant, by enrollment.' })
  creatorsWithoutCompliantPost(@CurrentActor() actor: Actor, @Parent() compliance: CampaignCompliance, @Args() args: PageArgs): Promise<ComplianceGapConnection> {
    return this.compliance.gaps(actor, compliance.campaignId, args);
  }
}

@Resolver(() => ComplianceGap)
export class ComplianceGapResolver {
  constructor(private readonly profiles: CreatorProfileService) {}

  @ResolveField(() => CreatorProfile, { nullable: true })
  creator(@Parent() gap: ComplianceGap, @Context() ctx: GraphqlContext): Promise<CreatorProfile | null> {
    return creatorLoader(ctx, this.profiles).load(gap.creatorId);
  }
}

import { type Actor, CurrentActor, type GraphqlContext, IdArg, PageArgs, Role, Roles } from '@app/core';
import { CreatorProfile, CreatorProfileService, creatorLoader } from '@app/creators';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Campaign } from '../campaigns/campaign.model.js';
import { CampaignService } from '../campaigns/campaign.service.js';
import { CreatorBanService } from '../enrollments/creator-ban.service.js';
import { EnrollmentQueryService } from '../enrollments/enrollment-query.service.js';
import { RejectionReason, RemovalReason, ReviewDecision } from '../enrollments/enrollment-status.js';
import { EnrollmentsArgs } from '../enrollments/enrollment.inputs.js';
import { CreatorBan, CreatorBanConnection, Enrollment, EnrollmentConnection } from '../enrollments/enrollment.model.js';
import { EnrollmentService } from '../enrollments/enrollment.service.js';
import { campaignLoader } from './campaigns.loaders.js';

const BRAND = [Role.BRAND_ADMIN, Role.BRAND_MEMBER];

@Resolver(() => Enrollment)
export class EnrollmentResolver {
  constructor(
    private readonly enrollmentService: EnrollmentService,
    private readonly queries: EnrollmentQueryService,
    private readonly bans: CreatorBanService,
    private readonly campaigns: CampaignService,
    private readonly profiles: CreatorProfileService,
  ) {}

  @Query(() => EnrollmentConnection, { description: 'Newest first. Brands see their campaigns\' enrollments, creators their own.' })
  enrollments(@CurrentActor() actor: Actor, @Args() args: EnrollmentsArgs): Promise<EnrollmentConnection> {
    return this.queries.list(actor, args);
  }

  @Query(() => Enrollment)
  enrollment(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<Enrollment> {
    return this.queries.get(actor, id);
  }

  @Mutation(() => Enrollment, { description: 'Apply to an OPEN, ACTIVE campaign. APPROVED at once when the campaign auto-approves.' })
  @Roles(Role.CREATOR)
  applyToCampaign(@CurrentActor() actor: Actor, @IdArg('campaignId') campaignId: string, @Args('pitch') pitch: string): Promise<Enrollment> {
    return this.enrollmentService.apply(actor, campaignId, pitch);
  }

  @Mutation(() => Enrollment, { description: 'Invite a creator to an ACTIVE or PAUSED campaign.' })
  @Roles(...BRAND)
  inviteCreator(
    @CurrentActor() actor: Actor,
    @IdArg('campaignId') campaignId: string,
    @IdArg('creatorId') creatorId: string,
    @Args('message', { type: () => String, nullable: true }) message: string | null,
  ): Promise<Enrollment> {
    return this.enrollmentService.invite(actor, campaignId, creatorId, message);
  }

  @Mutation(() => Enrollment, { description: 'Approve or reject an application. Rejecting needs a reason; OTHER needs a note.' })
  @Roles(...BRAND)
  reviewApplication(
    @CurrentActor() actor: Actor,
    @IdArg('enrollmentId') enrollmentId: string,
    @Args('decision', { type: () => ReviewDecision }) decision: ReviewDecision,
    @Args('reason', { type: () => RejectionReason, nullable: true }) reason: RejectionReason | null,
    @Args('note', { type: () => String, nullable: true }) note: string | null,
  ): Promise<Enrollment> {
    return this.enrollmentService.review(actor, enrollmentId, decision, reason, note);
  }

  @Mutation(() => Enrollment, { description: 'Accept or decline an invitation.' })
  @Roles(Role.CREATOR)
  respondToInvitation(@CurrentActor() actor: Actor, @IdArg('enrollmentId') enrollmentId: string, @Args('accept') accept: boolean): Promise<Enrollment> {
    return this.enrollmentService.respond(actor, enrollmentId, accept);
  }

  @Mutation(() => Enrollment, { description: 'End a creator\'s application, invitation or participation. OTHER needs a note.' })
  @Roles(...BRAND)
  removeFromCampaign(
    @CurrentActor() actor: Actor,
    @IdArg('enrollmentId') enrollmentId: string,
    @Args('reason', { type: () => RemovalReason }) reason: RemovalReason,
    @Args('note', { type: () => String, nullable: true }) note: string | null,
  ): Promise<Enrollment> {
    return this.enrollmentService.remove(actor, enrollmentId, reason, note);
  }

  @Mutation(() => Enrollment, { description: 'Withdraw an application or leave a campaign.' })
  @Roles(Role.CREATOR)
  leaveCampaign(@CurrentActor() actor: Actor, @IdArg('enrollmentId') enrollmentId: string): Promise<Enrollment> {
    return this.enrollmentService.leave(actor, enrollmentId);
  }

  @Mutation(() => CreatorBan, { description: "Stop working with a creator: their open enrollments in your campaigns are removed, and they can't apply or be matched." })
  @Roles(...BRAND)
  banCreator(@CurrentActor() actor: Actor, @IdArg('creatorId') creatorId: string, @Args('reason') reason: string): Promise<CreatorBan> {
    return this.bans.ban(actor, creatorId, reason);
  }

  @Mutation(() => CreatorBan)
  @Roles(...BRAND)
  unbanCreator(@CurrentActor() actor: Actor, @IdArg('creatorId') creatorId: string): Promise<CreatorBan> {
    return this.bans.unban(actor, creatorId);
  }

  @Query(() => CreatorBanConnection, { description: 'Creators your brand does not work with, newest first.' })
  @Roles(...BRAND)
  bannedCreators(@CurrentActor() actor: Actor, @Args() page: PageArgs): Promise<CreatorBanConnection> {
    return this.bans.list(actor, page);
  }

  @ResolveField(() => Campaign)
  async campaign(@Parent() enrollment: Enrollment, @Context() ctx: GraphqlContext): Promise<Campaign | null> {
    return campaignLoader(ctx, this.campaigns).load(enrollment.campaignId);
  }

  @ResolveField(() => CreatorProfile)
  creator(@Parent() enrollment: Enrollment, @Context() ctx: GraphqlContext): Promise<CreatorProfile | null> {
    return creatorLoader(ctx, this.profiles).load(enrollment.creatorId);
  }
}

@Resolver(() => CreatorBan)
export class CreatorBanResolver {
  constructor(private readonly profiles: CreatorProfileService) {}

  @ResolveField(() => CreatorProfile)
  creator(@Parent() ban: CreatorBan, @Context() ctx: GraphqlContext): Promise<CreatorProfile | null> {
    return creatorLoader(ctx, this.profiles).load(ban.creatorId);
  }
}

import { type Actor, CurrentActor, Role, Roles } from '@app/core';
import { isPlatformStaff } from '@app/campaigns';
import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CommissionReviewService } from '../lifecycle/commission-review.service.js';
import { CommissionModel } from '../queries/commission.model.js';
import { ApproveCommissionsPayload, RejectCommissionsPayload } from '../queries/commission-review.model.js';
import { toCommissionModel } from '../queries/commission-query.service.js';

const ALL_OR_NOTHING =
  'All or nothing: when any commission blocks it, nothing changes and the CONFLICT error lists every blocker in `extensions.blocked` as `{ id, reason, status, detail }`';

/** Finance's decisions on commissions, and who made them (for finance's eyes). */
@Resolver(() => CommissionModel)
export class CommissionReviewResolver {
  constructor(private readonly review: CommissionReviewService) {}

  @Mutation(() => ApproveCommissionsPayload, {
    description:
      `Approve up to 500 ELIGIBLE commissions, or ones awaiting a second review that you did not approve first; the note is audited. ` +
      `When the ELIGIBLE ones of a currency together exceed the configured amount, they wait for a second, different finance user instead. ` +
      `${ALL_OR_NOTHING} (NOT_FOUND, NOT_ELIGIBLE, ON_HOLD, DISCLOSURE_MISSING, SAME_REVIEWER).`,
  })
  @Roles(Role.FINANCE, Role.ADMIN)
  async approveCommissions(
    @CurrentActor() actor: Actor,
    @Args('ids', { type: () => [ID] }) ids: string[],
    @Args('note', { type: () => String, nullable: true }) note?: string | null,
  ): Promise<ApproveCommissionsPayload> {
    const outcome = await this.review.approve(actor, ids, note);
    return { ...outcome, commissions: outcome.commissions.map(toCommissionModel) };
  }

  @Mutation(() => RejectCommissionsPayload, {
    description: `Reject up to 500 commissions that are ELIGIBLE, ON_HOLD or awaiting a second review, with a reason the creator reads. ${ALL_OR_NOTHING} (NOT_FOUND, NOT_REJECTABLE).`,
  })
  @Roles(Role.FINANCE, Role.ADMIN)
  async rejectCommissions(
    @CurrentActor() actor: Actor,
    @Args('ids', { type: () => [ID] }) ids: string[],
    @Args('reason') reason: string,
  ): Promise<RejectCommissionsPayload> {
    const outcome = await this.review.reject(actor, ids, reason);
    return { commissions: outcome.commissions.map(toCommissionModel) };
  }

  @ResolveField(() => ID, { nullable: true, description: 'The finance user who approved it first, when it needed a second one. Platform staff only: null for others.' })
  firstApprovedById(@Parent() commission: CommissionModel, @CurrentActor() actor: Actor): string | null {
    return isPlatformStaff(actor) ? commission.firstApprovedByUserId : null;
  }

  @ResolveField(() => ID, { nullable: true, description: 'The finance user who approved it. Platform staff only: null for others.' })
  approvedById(@Parent() commission: CommissionModel, @CurrentActor() actor: Actor): string | null {
    return isPlatformStaff(actor) ? commission.approvedByUserId : null;
  }

  @ResolveField(() => ID, { nullable: true, description: 'The finance user who rejected it. Platform staff only: null for others.' })
  rejectedById(@Parent() commission: CommissionModel, @CurrentActor() actor: Actor): string | null {
    return isPlatformStaff(actor) ? commission.rejectedByUserId : null;
  }
}

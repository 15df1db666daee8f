import { OrderModel, OrderQueryService, toOrderModel } from '@app/attribution';
import { Campaign, CampaignService, campaignLoader } from '@app/campaigns';
import { type Actor, CurrentActor, type GraphqlContext, IdArg, Role, Roles } from '@app/core';
import { CreatorProfile, CreatorProfileService, creatorLoader } from '@app/creators';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { blockersOf, expectedPayableAt, type GateFacts } from '../lifecycle/commission-blockers.js';
import { CommissionHoldsService } from '../lifecycle/commission-holds.service.js';
import { ManualAttributionService } from '../lifecycle/manual-attribution.service.js';
import { CommissionAdjustmentModel, CommissionBlockerModel, CommissionConnection, CommissionModel, CommissionsArgs } from '../queries/commission.model.js';
import { CommissionQueryService, toCommissionModel } from '../queries/commission-query.service.js';

@Resolver(() => CommissionModel)
export class CommissionResolver {
  constructor(
    private readonly queries: CommissionQueryService,
    private readonly orders: OrderQueryService,
    private readonly holds: CommissionHoldsService,
    private readonly manual: ManualAttributionService,
    private readonly profiles: CreatorProfileService,
    private readonly campaigns: CampaignService,
  ) {}

  @ResolveField(() => CreatorProfile, { nullable: true })
  creator(@Parent() commission: CommissionModel, @Context() ctx: GraphqlContext): Promise<CreatorProfile | null> {
    return creatorLoader(ctx, this.profiles).load(commission.creatorId);
  }

  @ResolveField(() => Campaign, { nullable: true })
  campaign(@Parent() commission: CommissionModel, @Context() ctx: GraphqlContext): Promise<Campaign | null> {
    return campaignLoader(ctx, this.campaigns).load(commission.campaignId);
  }

  @Query(() => CommissionConnection, {
    description: "Newest first. Brands see their organization's commissions, creators their own, finance all; totals sum everything the filter selects.",
  })
  @Roles(Role.BRAND_ADMIN, Role.BRAND_MEMBER, Role.CREATOR, Role.FINANCE, Role.ADMIN)
  commissions(@CurrentActor() actor: Actor, @Args() args: CommissionsArgs): Promise<CommissionConnection> {
    return this.queries.list(actor, args.filter, args);
  }

  @Query(() => CommissionConnection, { description: 'Your commissions, newest first: what you earn, when and why.' })
  @Roles(Role.CREATOR)
  myCommissions(@CurrentActor() actor: Actor, @Args() args: CommissionsArgs): Promise<CommissionConnection> {
    return this.queries.list(actor, args.filter, args);
  }

  @Query(() => CommissionModel)
  @Roles(Role.BRAND_ADMIN, Role.BRAND_MEMBER, Role.CREATOR, Role.FINANCE, Role.ADMIN)
  commission(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<CommissionModel> {
    return this.queries.get(actor, id);
  }

  @Mutation(() => CommissionModel, { description: 'Release a held commission (fraud, budget or currency hold); the reason is audited.' })
  @Roles(Role.FINANCE, Role.ADMIN)
  async releaseCommissionHold(@CurrentActor() actor: Actor, @IdArg('id') id: string, @Args('reason') reason: string): Promise<CommissionModel> {
    return toCommissionModel(await this.holds.release(actor, id, reason));
  }

  @Mutation(() => OrderModel, { description: 'Credit an unattributed order to a creator by hand; the reason is audited and the commission follows.' })
  @Roles(Role.FINANCE, Role.ADMIN)
  async assignOrderAttribution(
    @CurrentActor() actor: Actor,
    @IdArg('orderId') orderId: string,
    @Args('enrollmentId', { type: () => ID }) enrollmentId: string,
    @Args('reason') reason: string,
  ): Promise<OrderModel> {
    return toOrderModel(await this.manual.assign(actor, orderId, enrollmentId, reason));
  }

  @ResolveField(() => [CommissionBlockerModel], { description: 'What stands between this commission and payment, in order.' })
  async blockedBy(@Parent() commission: CommissionModel, @Context() ctx: GraphqlContext): Promise<CommissionBlockerModel[]> {
    return blockersOf(commission, await this.gates(ctx).load(commission), new Date());
  }

  @ResolveField(() => Date, { nullable: true, description: 'When it is expected to be payable if nothing in blockedBy needs anyone to act; when it was paid, once paid.' })
  expectedPayableAt(@Parent() commission: CommissionModel): Date | null {
    return expectedPayableAt(commission, new Date());
  }

  @ResolveField(() => [CommissionAdjustmentModel], { description: 'Every change of the amount, oldest first.' })
  adjustments(@Parent() commission: CommissionModel, @Context() ctx: GraphqlContext): Promise<CommissionAdjustmentModel[]> {
    const loader = ctx.loaders.get<CommissionModel, CommissionAdjustmentModel[]>(
      'commissions.adjustments',
      async (rows) => {
        const found = await this.queries.adjustments(rows);
        return rows.map((row) => found.get(row.id) ?? []);
      },
      { cacheKeyFn: (row) => row.id },
    );
    return loader.load(commission);
  }

  @ResolveField(() => OrderModel, { description: 'The order it was earned on.' })
  order(@Parent() commission: CommissionModel, @Context() ctx: GraphqlContext): Promise<OrderModel> {
    const loader = ctx.loaders.get<string, OrderModel>('commissions.orders', async (ids) => {
      const found = await this.orders.findByIds(ids);
      return ids.map((id) => found.get(id)!);
    });
    return loader.load(commission.orderId);
  }

  private gates(ctx: GraphqlContext) {
    return ctx.loaders.get<CommissionModel, GateFacts>(
      'commissions.gates',
      async (rows) => {
        const found = await this.queries.gateFacts(rows);
        return rows.map((row) => found.get(row.id)!);
      },
      { cacheKeyFn: (row) => row.id },
    );
  }
}

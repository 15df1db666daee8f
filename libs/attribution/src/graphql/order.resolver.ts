import { Campaign, CampaignService, campaignLoader } from '@app/campaigns';
import { type Actor, CurrentActor, type GraphqlContext, IdArg, Role, Roles } from '@app/core';
import { CreatorProfile, CreatorProfileService, creatorLoader } from '@app/creators';
import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AttributionCandidateModel, AttributionDecisionModel, OrderAdjustmentModel, OrderConnection, OrderModel, OrdersArgs } from '../orders/order.model.js';
import { OrderQueryService } from '../orders/order-query.service.js';

/** The viewer's creator id when they read as a creator (their view of decisions hides other creators). */
async function viewerCreatorId(ctx: GraphqlContext, actor: Actor, orders: OrderQueryService): Promise<string | null> {
  const loader = ctx.loaders.get<string, string | null>('attribution.viewerCreator', async (keys) => {
    const scope = await orders.scope(actor);
    return keys.map(() => (scope.kind === 'creator' ? (scope.creatorId ?? '') : null));
  });
  return loader.load(actor.userId);
}

@Resolver(() => AttributionCandidateModel)
export class AttributionCandidateResolver {
  constructor(private readonly profiles: CreatorProfileService) {}

  @ResolveField(() => CreatorProfile, { nullable: true, description: 'The creator the touch points to (null when unknown or hidden from you).' })
  creator(@Parent() candidate: AttributionCandidateModel, @Context() ctx: GraphqlContext): Promise<CreatorProfile | null> | null {
    return candidate.creatorId ? creatorLoader(ctx, this.profiles).load(candidate.creatorId) : null;
  }
}

@Resolver(() => OrderModel)
export class OrderResolver {
  constructor(
    private readonly queries: OrderQueryService,
    private readonly profiles: CreatorProfileService,
    private readonly campaigns: CampaignService,
  ) {}

  @ResolveField(() => CreatorProfile, { nullable: true, description: 'The creator the order is credited to.' })
  creator(@Parent() order: OrderModel, @Context() ctx: GraphqlContext): Promise<CreatorProfile | null> | null {
    return order.creatorId ? creatorLoader(ctx, this.profiles).load(order.creatorId) : null;
  }

  @ResolveField(() => Campaign, { nullable: true, description: 'The campaign it is credited under.' })
  campaign(@Parent() order: OrderModel, @Context() ctx: GraphqlContext): Promise<Campaign | null> | null {
    return order.campaignId ? campaignLoader(ctx, this.campaigns).load(order.campaignId) : null;
  }

  @Query(() => OrderConnection, { description: "Newest first. Brands see their organization's orders, creators the orders credited to them." })
  @Roles(Role.BRAND_ADMIN, Role.BRAND_MEMBER, Role.CREATOR, Role.FINANCE, Role.ADMIN)
  orders(@CurrentActor() actor: Actor, @Args() args: OrdersArgs): Promise<OrderConnection> {
    return this.queries.list(actor, args.filter, args);
  }

  @Query(() => OrderModel)
  @Roles(Role.BRAND_ADMIN, Role.BRAND_MEMBER, Role.CREATOR, Role.FINANCE, Role.ADMIN)
  order(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<OrderModel> {
    return this.queries.get(actor, id);
  }

  @ResolveField(() => AttributionDecisionModel, { nullable: true, description: 'Why it was credited to whom; null while the worker has not decided yet.' })
  async attribution(@Parent() order: OrderModel, @CurrentActor() actor: Actor, @Context() ctx: GraphqlContext): Promise<AttributionDecisionModel | null> {
    const viewer = await viewerCreatorId(ctx, actor, this.queries);
    const loader = ctx.loaders.get<string, AttributionDecisionModel | null>(`attribution.decisions:${viewer ?? 'all'}`, async (ids) => {
      const found = await this.queries.decisions(ids, viewer);
      return ids.map((id) => found.get(id) ?? null);
    });
    return loader.load(order.id);
  }

  @ResolveField(() => [OrderAdjustmentModel], { description: 'Every change the shop reported, oldest first.' })
  adjustments(@Parent() order: OrderModel, @Context() ctx: GraphqlContext): Promise<OrderAdjustmentModel[]> {
    const loader = ctx.loaders.get<OrderModel, OrderAdjustmentModel[]>(
      'attribution.adjustments',
      async (orders) => {
        const found = await this.queries.adjustments(
          orders.map((o) => o.id),
          new Map(orders.map((o) => [o.id, o.currency])),
        );
        return orders.map((o) => found.get(o.id) ?? []);
      },
      { cacheKeyFn: (o) => o.id },
    );
    return loader.load(order);
  }
}

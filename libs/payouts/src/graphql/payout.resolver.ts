import { type Actor, CurrentActor, type GraphqlContext, IdArg, PageArgs, pageRequest, parentPageCacheKey, type ParentPageKey, Role, Roles, type AppConfig, InjectConfig } from '@app/core';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { FundingService } from '../funding/funding.service.js';
import { PayoutRunService } from '../runs/payout-run.service.js';
import {
  CreatePayoutRunInput,
  EarningsModel,
  FundingRequestConnection,
  FundingRequestModel,
  FundingRequestsArgs,
  PayoutCommissionConnection,
  PayoutConnection,
  PayoutExclusionConnection,
  PayoutModel,
  PayoutRunConnection,
  PayoutRunModel,
} from './payout.models.js';
import { PayoutQueryService, toFundingRequestModel, toPayoutRunModel } from './payout-query.service.js';

@Resolver(() => PayoutRunModel)
export class PayoutRunResolver {
  constructor(
    private readonly runs: PayoutRunService,
    private readonly queries: PayoutQueryService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @Mutation(() => PayoutRunModel, {
    description: 'Pays every creator their approved commissions less open clawbacks in one currency, up to the cutoff. Creators left out are listed with the reason.',
  })
  @Roles(Role.FINANCE, Role.ADMIN)
  async createPayoutRun(@CurrentActor() actor: Actor, @Args('input') input: CreatePayoutRunInput): Promise<PayoutRunModel> {
    return toPayoutRunModel(await this.runs.create(actor, input));
  }

  @Query(() => PayoutRunConnection, { description: 'Newest first.' })
  @Roles(Role.FINANCE, Role.ADMIN)
  payoutRuns(@Args() args: PageArgs): Promise<PayoutRunConnection> {
    return this.queries.runs(args);
  }

  @Query(() => PayoutRunModel)
  @Roles(Role.FINANCE, Role.ADMIN)
  payoutRun(@IdArg('id') id: string): Promise<PayoutRunModel> {
    return this.queries.run(id);
  }

  @ResolveField(() => PayoutConnection)
  payouts(@Parent() run: PayoutRunModel, @Args() args: PageArgs, @Context() ctx: GraphqlContext): Promise<PayoutConnection> {
    const loader = ctx.loaders.get<ParentPageKey, PayoutConnection>('payouts.byRun', (keys) => this.queries.payoutsOfRuns(keys), { cacheKeyFn: parentPageCacheKey });
    return loader.load({ parentId: run.id, page: pageRequest(args, this.config.graphql) });
  }

  @ResolveField(() => PayoutExclusionConnection, { description: 'Creators the run left out (or paid in part), and why.' })
  exclusions(@Parent() run: PayoutRunModel, @Args() args: PageArgs, @Context() ctx: GraphqlContext): Promise<PayoutExclusionConnection> {
    const currencies = new Map<string, string>();
    const loader = ctx.loaders.get<ParentPageKey & { currency: string }, PayoutExclusionConnection>(
      'payouts.exclusionsByRun',
      (keys) => {
        for (const key of keys) currencies.set(key.parentId, key.currency);
        return this.queries.exclusionsOfRuns(keys, currencies);
      },
      { cacheKeyFn: parentPageCacheKey },
    );
    return loader.load({ parentId: run.id, currency: run.currency, page: pageRequest(args, this.config.graphql) });
  }
}

@Resolver(() => PayoutModel)
export class PayoutResolver {
  constructor(
    private readonly queries: PayoutQueryService,
    private readonly funding: FundingService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @Query(() => PayoutConnection, { description: 'Your payouts, newest first.' })
  @Roles(Role.CREATOR)
  myPayouts(@CurrentActor() actor: Actor, @Args() args: PageArgs): Promise<PayoutConnection> {
    return this.queries.myPayouts(actor, args);
  }

  @Query(() => PayoutModel)
  @Roles(Role.CREATOR, Role.FINANCE, Role.ADMIN)
  payout(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<PayoutModel> {
    return this.queries.payout(actor, id);
  }

  @Query(() => [EarningsModel], { description: 'Where your money stands, one entry per currency.' })
  @Roles(Role.CREATOR)
  myEarnings(@CurrentActor() actor: Actor): Promise<EarningsModel[]> {
    return this.queries.myEarnings(actor);
  }

  @ResolveField(() => PayoutCommissionConnection, { description: 'The commissions it pays and the clawbacks it settles.' })
  commissions(@Parent() payout: PayoutModel, @Args() args: PageArgs, @Context() ctx: GraphqlContext): Promise<PayoutCommissionConnection> {
    const loader = ctx.loaders.get<ParentPageKey, PayoutCommissionConnection>('payouts.commissions', (keys) => this.queries.commissionsOfPayouts(keys), { cacheKeyFn: parentPageCacheKey });
    return loader.load({ parentId: payout.id, page: pageRequest(args, this.config.graphql) });
  }

  @Mutation(() => FundingRequestModel, { description: 'Asks a brand to pay for its approved commissions and fees not yet funded, through a Stripe PaymentIntent.' })
  @Roles(Role.FINANCE, Role.ADMIN)
  async createFundingRequest(@CurrentActor() actor: Actor, @Args('organizationId', { type: () => ID }) organizationId: string, @Args('currency') currency: string): Promise<FundingRequestModel> {
    const created = await this.funding.create(actor, organizationId, currency);
    return toFundingRequestModel(created.request, created.clientSecret);
  }

  @Query(() => FundingRequestConnection, { description: 'Newest first: finance sees every brand’s (or one), a brand its own.' })
  @Roles(Role.FINANCE, Role.ADMIN, Role.BRAND_ADMIN, Role.BRAND_MEMBER)
  fundingRequests(@CurrentActor() actor: Actor, @Args() args: FundingRequestsArgs): Promise<FundingRequestConnection> {
    return this.queries.fundingRequests(actor, args.organizationId, args);
  }
}

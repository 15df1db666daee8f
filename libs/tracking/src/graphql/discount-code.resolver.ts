import { Campaign, CampaignService, campaignLoader, Enrollment, EnrollmentQueryService, enrollmentLoader } from '@app/campaigns';
import { type Actor, CurrentActor, type GraphqlContext, IdArg, RateLimit, Role, Roles } from '@app/core';
import { CreatorProfile, CreatorProfileService, creatorLoader } from '@app/creators';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DiscountCodeQueryService } from '../codes/discount-code-query.service.js';
import { ClaimDiscountCodeInput, DiscountCodeFilter, DiscountCodesArgs } from '../codes/discount-code.inputs.js';
import { DiscountCode, DiscountCodeConnection, DiscountCodeExport } from '../codes/discount-code.model.js';
import { DiscountCodeService } from '../codes/discount-code.service.js';

@Resolver(() => DiscountCode)
export class DiscountCodeResolver {
  constructor(
    private readonly codes: DiscountCodeService,
    private readonly queries: DiscountCodeQueryService,
    private readonly enrollments: EnrollmentQueryService,
    private readonly campaigns: CampaignService,
    private readonly profiles: CreatorProfileService,
  ) {}

  @Mutation(() => DiscountCode, {
    description: 'Get the discount code of your APPROVED enrollment: the one you propose, or one made from your handle. One active code per enrollment.',
  })
  @Roles(Role.CREATOR)
  @RateLimit('claim')
  claimDiscountCode(@CurrentActor() actor: Actor, @Args('input') input: ClaimDiscountCodeInput): Promise<DiscountCode> {
    return this.codes.claim(actor, input);
  }

  @Mutation(() => DiscountCode, { description: 'Turn a code off for good; it no longer attributes orders. End it in your store too.' })
  @Roles(Role.BRAND_ADMIN, Role.BRAND_MEMBER)
  revokeDiscountCode(@CurrentActor() actor: Actor, @IdArg('id') id: string, @Args('reason') reason: string): Promise<DiscountCode> {
    return this.codes.revoke(actor, id, reason);
  }

  @Query(() => DiscountCode)
  discountCode(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<DiscountCode> {
    return this.queries.get(actor, id);
  }

  @Query(() => DiscountCodeConnection, { description: "Newest first. Brands see their campaigns' codes (filter by campaign), creators their own." })
  discountCodes(@CurrentActor() actor: Actor, @Args() args: DiscountCodesArgs): Promise<DiscountCodeConnection> {
    return this.queries.list(actor, args.filter, args);
  }

  @Query(() => DiscountCodeConnection, { description: 'Your discount codes, newest first.' })
  @Roles(Role.CREATOR)
  myDiscountCodes(@CurrentActor() actor: Actor, @Args() args: DiscountCodesArgs): Promise<DiscountCodeConnection> {
    return this.queries.list(actor, args.filter, args);
  }

  @Query(() => DiscountCodeExport, { description: 'Your codes as CSV (at most 50,000), to create them in your store.' })
  @Roles(Role.BRAND_ADMIN, Role.BRAND_MEMBER, Role.ADMIN, Role.FINANCE)
  discountCodesExport(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => DiscountCodeFilter, nullable: true }) filter: DiscountCodeFilter | null,
  ): Promise<DiscountCodeExport> {
    return this.queries.export(actor, filter ?? undefined);
  }

  @ResolveField(() => Enrollment)
  enrollment(@Parent() code: DiscountCode, @Context() ctx: GraphqlContext): Promise<Enrollment | null> {
    return enrollmentLoader(ctx, this.enrollments).load(code.enrollmentId);
  }

  @ResolveField(() => Campaign)
  campaign(@Parent() code: DiscountCode, @Context() ctx: GraphqlContext): Promise<Campaign | null> {
    return campaignLoader(ctx, this.campaigns).load(code.campaignId);
  }

  @ResolveField(() => CreatorProfile)
  creator(@Parent() code: DiscountCode, @Context() ctx: GraphqlContext): Promise<CreatorProfile | null> {
    return creatorLoader(ctx, this.profiles).load(code.creatorId);
  }
}

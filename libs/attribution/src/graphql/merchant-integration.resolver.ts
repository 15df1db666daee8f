import { type Actor, CurrentActor, IdArg, PageArgs, Public, RateLimitedPerIntegration, Role, Roles, type GraphqlContext } from '@app/core';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IntegrationCredentials } from '../integrations/integration-credentials.js';
import {
  CreatedMerchantIntegration,
  CreateMerchantIntegrationInput,
  MerchantIntegration,
  MerchantIntegrationConnection,
  RotatedIntegrationSecret,
} from '../integrations/merchant-integration.model.js';
import { MerchantIntegrationService } from '../integrations/merchant-integration.service.js';
import { RecordedOrderEvent, RecordOrderInput, RecordRefundInput } from '../inbox/record-order.inputs.js';
import { RecordedOrdersService } from '../inbox/recorded-orders.service.js';

function apiKeyOf(ctx: GraphqlContext): string | undefined {
  const value = ctx.req.headers['x-api-key'];
  return Array.isArray(value) ? value[0] : value;
}

@Resolver(() => MerchantIntegration)
export class MerchantIntegrationResolver {
  constructor(
    private readonly integrations: MerchantIntegrationService,
    private readonly credentials: IntegrationCredentials,
    private readonly recorded: RecordedOrdersService,
  ) {}

  @Mutation(() => CreatedMerchantIntegration, { description: 'Connect a shop. The signing secret and API key are shown this once.' })
  @Roles(Role.BRAND_ADMIN)
  createMerchantIntegration(@CurrentActor() actor: Actor, @Args('input') input: CreateMerchantIntegrationInput): Promise<CreatedMerchantIntegration> {
    return this.integrations.create(actor, input);
  }

  @Mutation(() => RotatedIntegrationSecret, { description: 'A new signing secret; the old one keeps verifying for 24 hours while the shop switches.' })
  @Roles(Role.BRAND_ADMIN)
  async rotateIntegrationSecret(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<RotatedIntegrationSecret> {
    const rotated = await this.integrations.rotateSecret(actor, id);
    this.credentials.forget(id);
    return rotated;
  }

  @Query(() => MerchantIntegrationConnection, { description: "Your organization's shop integrations, newest first." })
  @Roles(Role.BRAND_ADMIN, Role.BRAND_MEMBER)
  merchantIntegrations(@CurrentActor() actor: Actor, @Args() args: PageArgs): Promise<MerchantIntegrationConnection> {
    return this.integrations.list(actor, args);
  }

  @Query(() => MerchantIntegration)
  @Roles(Role.BRAND_ADMIN, Role.BRAND_MEMBER)
  merchantIntegration(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<MerchantIntegration> {
    return this.integrations.get(actor, id);
  }

  @Mutation(() => RecordedOrderEvent, { description: "Report an order from your server, authenticated with the integration's API key (header X-Api-Key)." })
  @Public()
  @RateLimitedPerIntegration()
  recordOrder(@Context() ctx: GraphqlContext, @Args('input') input: RecordOrderInput): Promise<RecordedOrderEvent> {
    return this.recorded.recordOrder(apiKeyOf(ctx), input);
  }

  @Mutation(() => RecordedOrderEvent, { description: "Report a refund from your server, authenticated with the integration's API key (header X-Api-Key)." })
  @Public()
  @RateLimitedPerIntegration()
  recordRefund(@Context() ctx: GraphqlContext, @Args('input') input: RecordRefundInput): Promise<RecordedOrderEvent> {
    return this.recorded.recordRefund(apiKeyOf(ctx), input);
  }
}

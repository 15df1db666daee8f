import {
  type Actor,
  type AppConfig,
  type ConnectionShape,
  CurrentActor,
  type GraphqlContext,
  IdArg,
  InjectConfig,
  PageArgs,
  pageRequest,
  parentPageCacheKey,
  type ParentPageKey,
  Role,
  Roles,
} from '@app/core';
import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type DataLoader from 'dataloader';
import { CreatedIntegrationApiKey, IntegrationApiKey, IntegrationApiKeyConnection } from '../integrations/integration-api-key.model.js';
import { IntegrationApiKeyService } from '../integrations/integration-api-key.service.js';
import { MerchantIntegration } from '../integrations/merchant-integration.model.js';

function apiKeysLoader(ctx: GraphqlContext, keys: IntegrationApiKeyService): DataLoader<ParentPageKey, ConnectionShape<IntegrationApiKey>> {
  return ctx.loaders.get('attribution.apiKeysByIntegration', (pages: readonly ParentPageKey[]) => keys.pages(pages), { cacheKeyFn: parentPageCacheKey });
}

@Resolver(() => MerchantIntegration)
export class IntegrationApiKeyResolver {
  constructor(
    private readonly keys: IntegrationApiKeyService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @ResolveField(() => IntegrationApiKeyConnection, { description: 'Its API keys, newest first, revoked ones included; never the keys themselves.' })
  apiKeys(@Parent() integration: MerchantIntegration, @Args() args: PageArgs, @Context() ctx: GraphqlContext): Promise<IntegrationApiKeyConnection> {
    return apiKeysLoader(ctx, this.keys).load({ parentId: integration.id, page: pageRequest(args, this.config.graphql) });
  }

  @Mutation(() => CreatedIntegrationApiKey, { description: 'A new API key for the integration, e.g. to rotate: switch the shop to it, then revoke the old one. Shown this once.' })
  @Roles(Role.BRAND_ADMIN)
  createIntegrationApiKey(
    @CurrentActor() actor: Actor,
    @IdArg('integrationId') integrationId: string,
    @Args('scopes', { type: () => [String], description: 'What the key may do: orders:write (recordOrder and recordRefund).' }) scopes: string[],
  ): Promise<CreatedIntegrationApiKey> {
    return this.keys.create(actor, integrationId, scopes);
  }

  @Mutation(() => IntegrationApiKey, { description: 'Stop an API key working, at once and for good.' })
  @Roles(Role.BRAND_ADMIN)
  revokeIntegrationApiKey(
    @CurrentActor() actor: Actor,
    @IdArg('id') id: string,
    @Args('reason', { type: () => String, nullable: true, description: 'Why, for the audit log (at most 500 characters).' }) reason: string | null,
  ): Promise<IntegrationApiKey> {
    return this.keys.revoke(actor, id, reason);
  }
}

import { type Actor, CurrentActor, type GraphqlContext, IdArg, PageArgs, Role, Roles } from '@app/core';
import { Organization } from '@app/identity';
import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { VerifiedDomain, VerifiedDomainConnection } from '../domains/organization-domain.model.js';
import { OrganizationDomainService } from '../domains/organization-domain.service.js';
import { domainsLoader } from './campaigns.loaders.js';

@Resolver(() => Organization)
export class OrganizationDomainsResolver {
  constructor(private readonly domains: OrganizationDomainService) {}

  @ResolveField(() => VerifiedDomainConnection, { description: 'Domains landing URLs and deep links may point to.' })
  verifiedDomains(
    @Parent() organization: Organization,
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Context() ctx: GraphqlContext,
  ): Promise<VerifiedDomainConnection> {
    const request = this.domains.domainPageRequest(actor, organization.id, page);
    return domainsLoader(ctx, this.domains).load({ parentId: organization.id, page: request });
  }

  @Mutation(() => VerifiedDomain, { description: 'Add a domain (e.g. shop.example.com; subdomains are covered). Adding one twice returns the first.' })
  @Roles(Role.BRAND_ADMIN)
  addVerifiedDomain(@CurrentActor() actor: Actor, @Args('domain') domain: string): Promise<VerifiedDomain> {
    return this.domains.add(actor, domain);
  }

  @Mutation(() => VerifiedDomain)
  @Roles(Role.BRAND_ADMIN)
  removeVerifiedDomain(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<VerifiedDomain> {
    return this.domains.remove(actor, id);
  }
}

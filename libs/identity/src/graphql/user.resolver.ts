import { type Actor, CurrentActor, type GraphqlContext, IdArg, Role, Roles } from '@app/core';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Organization } from '../organizations/organization.model.js';
import { OrganizationService } from '../organizations/organization.service.js';
import { UserConnection } from '../users/user-connection.model.js';
import { User } from '../users/user.model.js';
import { UserService } from '../users/user.service.js';
import { organizationLoader } from './identity.loaders.js';
import { UsersArgs } from './user.inputs.js';

@Resolver(() => User)
export class UserResolver {
  constructor(
    private readonly userService: UserService,
    private readonly organizations: OrganizationService,
  ) {}

  @Query(() => User, { description: 'The signed-in user.' })
  me(@CurrentActor() actor: Actor): Promise<User> {
    return this.userService.getOrFail(actor.userId);
  }

  @Query(() => UserConnection, { description: 'Every user, for platform admins.' })
  @Roles(Role.ADMIN)
  users(@CurrentActor() actor: Actor, @Args() { filter, ...page }: UsersArgs): Promise<UserConnection> {
    return this.userService.list(actor, filter ?? {}, page);
  }

  @Mutation(() => User, { description: 'Grant a platform role (FINANCE or ADMIN). Admins only.' })
  @Roles(Role.ADMIN)
  grantRole(@CurrentActor() actor: Actor, @IdArg('userId') userId: string, @Args('role', { type: () => Role }) role: Role): Promise<User> {
    return this.userService.grantRole(actor, userId, role);
  }

  @Mutation(() => User, { description: 'Remove a platform role (FINANCE or ADMIN). Admins only.' })
  @Roles(Role.ADMIN)
  revokeRole(@CurrentActor() actor: Actor, @IdArg('userId') userId: string, @Args('role', { type: () => Role }) role: Role): Promise<User> {
    return this.userService.revokeRole(actor, userId, role);
  }

  @ResolveField(() => Organization, { nullable: true, description: 'The brand this user belongs to, if any.' })
  organization(@Parent() user: User, @Context() ctx: GraphqlContext): Promise<Organization | null> | null {
    return user.organizationId ? organizationLoader(ctx, this.organizations).load(user.organizationId) : null;
  }
}

import { type Actor, CurrentActor, type GraphqlContext, IdArg, PageArgs, Role, Roles } from '@app/core';
import { Args, Context, Field, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { InvitationService } from '../organizations/invitation.service.js';
import { Invitation, InvitationConnection, Membership, MembershipConnection, Organization } from '../organizations/organization.model.js';
import { OrganizationService } from '../organizations/organization.service.js';
import { User } from '../users/user.model.js';
import { UserService } from '../users/user.service.js';
import { invitationsLoader, membersLoader, userLoader } from './identity.loaders.js';

@ObjectType()
export class InvitationPayload {
  @Field(() => Invitation)
  invitation!: Invitation;

  @Field({ description: 'Give this to the invitee: they pass it to acceptInvitation, or to signUp as invitationToken. Shown once.' })
  token!: string;
}

@Resolver(() => Organization)
export class OrganizationResolver {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly invitationService: InvitationService,
  ) {}

  @Query(() => Organization, { description: 'An organization: your own, or any for platform staff.' })
  organization(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<Organization> {
    return this.organizations.get(actor, id);
  }

  @ResolveField(() => MembershipConnection)
  members(
    @Parent() organization: Organization,
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Context() ctx: GraphqlContext,
  ): Promise<MembershipConnection> {
    const request = this.organizations.memberPageRequest(actor, organization.id, page);
    return membersLoader(ctx, this.organizations).load({ parentId: organization.id, page: request });
  }

  @ResolveField(() => InvitationConnection, { description: 'Invitations, newest first. BRAND_ADMIN only.' })
  invitations(
    @Parent() organization: Organization,
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Context() ctx: GraphqlContext,
  ): Promise<InvitationConnection> {
    const request = this.invitationService.invitationPageRequest(actor, organization.id, page);
    return invitationsLoader(ctx, this.invitationService).load({ parentId: organization.id, page: request });
  }

  @Mutation(() => InvitationPayload, { description: 'Invite someone to your team. Re-inviting an email replaces its pending invitation.' })
  @Roles(Role.BRAND_ADMIN)
  inviteMember(
    @CurrentActor() actor: Actor,
    @Args('email') email: string,
    @Args('role', { type: () => Role }) role: Role,
  ): Promise<InvitationPayload> {
    return this.invitationService.invite(actor, email, role);
  }

  @Mutation(() => Organization, { description: 'Join the organization that invited your email address.' })
  acceptInvitation(@CurrentActor() actor: Actor, @Args('token') token: string): Promise<Organization> {
    return this.invitationService.accept(actor, token);
  }

  @Mutation(() => Invitation)
  @Roles(Role.BRAND_ADMIN)
  revokeInvitation(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<Invitation> {
    return this.invitationService.revoke(actor, id);
  }

  @Mutation(() => Membership, { description: 'Change a team member between BRAND_ADMIN and BRAND_MEMBER.' })
  @Roles(Role.BRAND_ADMIN)
  updateMemberRole(
    @CurrentActor() actor: Actor,
    @IdArg('userId') userId: string,
    @Args('role', { type: () => Role }) role: Role,
  ): Promise<Membership> {
    return this.organizations.updateMemberRole(actor, userId, role);
  }

  @Mutation(() => Organization, { description: 'Set the time zone your analytics days are counted in (an IANA name such as Europe/Warsaw).' })
  @Roles(Role.BRAND_ADMIN)
  setOrganizationTimeZone(@CurrentActor() actor: Actor, @Args('timeZone') timeZone: string): Promise<Organization> {
    return this.organizations.setTimeZone(actor, timeZone);
  }

  @Mutation(() => Membership, { description: 'Remove someone from your team; their access ends immediately.' })
  @Roles(Role.BRAND_ADMIN)
  removeMember(@CurrentActor() actor: Actor, @IdArg('userId') userId: string): Promise<Membership> {
    return this.organizations.removeMember(actor, userId);
  }
}

@Resolver(() => Membership)
export class MembershipResolver {
  constructor(private readonly users: UserService) {}

  @ResolveField(() => User)
  async user(@Parent() membership: Membership, @Context() ctx: GraphqlContext): Promise<User | null> {
    return userLoader(ctx, this.users).load(membership.userId);
  }
}

@Resolver(() => Invitation)
export class InvitationResolver {
  constructor(private readonly users: UserService) {}

  @ResolveField(() => User, { nullable: true, description: 'Who sent the invitation.' })
  invitedBy(@Parent() invitation: Invitation, @Context() ctx: GraphqlContext): Promise<User | null> {
    return userLoader(ctx, this.users).load(invitation.invitedByUserId);
  }
}

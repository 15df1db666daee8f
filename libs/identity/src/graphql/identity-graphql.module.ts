import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity.module.js';
import { AuthResolver } from './auth.resolver.js';
import { InvitationResolver, MembershipResolver, OrganizationResolver } from './organization.resolver.js';
import { UserResolver } from './user.resolver.js';

/** The identity part of the API's GraphQL schema. */
@Module({
  imports: [IdentityModule],
  providers: [AuthResolver, UserResolver, OrganizationResolver, MembershipResolver, InvitationResolver],
})
export class IdentityGraphqlModule {}

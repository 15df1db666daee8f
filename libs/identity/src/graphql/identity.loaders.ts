import { alignToKeys, type ConnectionShape, type GraphqlContext, parentPageCacheKey, type ParentPageKey } from '@app/core';
import type DataLoader from 'dataloader';
import type { Invitation, Membership, Organization } from '../organizations/organization.model.js';
import type { InvitationService } from '../organizations/invitation.service.js';
import type { OrganizationService } from '../organizations/organization.service.js';
import type { User } from '../users/user.model.js';
import type { UserService } from '../users/user.service.js';

export function userLoader(ctx: GraphqlContext, users: UserService): DataLoader<string, User | null> {
  return ctx.loaders.get<string, User | null>('identity.userById', async (ids) => {
    const found = await users.findByIds(ids);
    return ids.map((id) => found.get(id) ?? null);
  });
}

export function organizationLoader(ctx: GraphqlContext, organizations: OrganizationService): DataLoader<string, Organization | null> {
  return ctx.loaders.get<string, Organization | null>('identity.organizationById', async (ids) => {
    const found = await organizations.findByIds(ids);
    return alignToKeys(ids, [...found.values()], (organization) => organization.id);
  });
}

export function membersLoader(
  ctx: GraphqlContext,
  organizations: OrganizationService,
): DataLoader<ParentPageKey, ConnectionShape<Membership>> {
  return ctx.loaders.get('identity.membersByOrganization', (keys: readonly ParentPageKey[]) => organizations.membersPages(keys), {
    cacheKeyFn: parentPageCacheKey,
  });
}

export function invitationsLoader(
  ctx: GraphqlContext,
  invitations: InvitationService,
): DataLoader<ParentPageKey, ConnectionShape<Invitation>> {
  return ctx.loaders.get('identity.invitationsByOrganization', (keys: readonly ParentPageKey[]) => invitations.invitationPages(keys), {
    cacheKeyFn: parentPageCacheKey,
  });
}

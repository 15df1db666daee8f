import { isPlatformStaff } from '@app/campaigns';
import { type Actor, Role } from '@app/core';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DisclosureErrorCode, DisclosureException } from '../disclosures.exception.js';

/** Whose posts a caller sees: platform staff all, a brand team its organization's, a creator their own. */
export type PostScope = { kind: 'all' } | { kind: 'organization'; organizationId: string } | { kind: 'creator'; creatorId: string | null };

/** `creatorIdOf` finds the calling creator's profile id (null before they create one). */
export async function postScope(actor: Actor, creatorIdOf: (userId: string) => Promise<string | null>): Promise<PostScope> {
  if (isPlatformStaff(actor)) return { kind: 'all' };
  if (actor.organizationId) return { kind: 'organization', organizationId: actor.organizationId };
  if (actor.roles.includes(Role.CREATOR)) return { kind: 'creator', creatorId: await creatorIdOf(actor.userId) };
  throw new DisclosureException(DisclosureErrorCode.NotAllowed, 'Only brands, creators and platform staff see sponsored posts');
}

/** Narrows a query on a table with `organizationId` and `creatorId` to the scope; another tenant's rows are simply absent. */
export function applyPostScope<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, scope: PostScope): SelectQueryBuilder<T> {
  const alias = query.alias;
  if (scope.kind === 'organization') query.andWhere(`${alias}.organizationId = :scopeOrganizationId`, { scopeOrganizationId: scope.organizationId });
  if (scope.kind === 'creator') {
    if (scope.creatorId) query.andWhere(`${alias}.creatorId = :scopeCreatorId`, { scopeCreatorId: scope.creatorId });
    else query.andWhere('false');
  }
  return query;
}

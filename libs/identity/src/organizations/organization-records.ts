import { isUniqueViolation, newId, Role } from '@app/core';
import type { EntityManager } from 'typeorm';
import { IdentityErrorCode, IdentityException } from '../identity.exception.js';
import { MembershipEntity } from './membership.entity.js';
import { OrganizationEntity } from './organization.entity.js';

/** Inserts an organization with `adminUserId` as its first BRAND_ADMIN, in the caller's transaction. */
export async function insertOrganization(
  manager: EntityManager,
  name: string,
  adminUserId: string,
): Promise<{ organization: OrganizationEntity; admin: NewMembership }> {
  const organization = manager.create(OrganizationEntity, { id: newId(), name: name.trim() });
  await manager.insert(OrganizationEntity, organization);
  const admin = await insertMembership(manager, organization.id, adminUserId, Role.BRAND_ADMIN);
  return { organization, admin };
}

/** A membership as inserted. */
export type NewMembership = Pick<MembershipEntity, 'id' | 'organizationId' | 'userId' | 'role'>;

function alreadyMember(sameOrganization: boolean): IdentityException {
  return new IdentityException(
    IdentityErrorCode.StateConflict,
    sameOrganization ? 'This user is already a member of the organization' : 'This user already belongs to another organization',
  );
}

/**
 * Adds a user to a team. A user belongs to one organization at most: CONFLICT otherwise,
 * also when two joins race (the unique index on the user decides).
 */
export async function insertMembership(manager: EntityManager, organizationId: string, userId: string, role: Role): Promise<NewMembership> {
  const existing = await manager.findOneBy(MembershipEntity, { userId });
  if (existing) throw alreadyMember(existing.organizationId === organizationId);
  const membership = { id: newId(), organizationId, userId, role };
  try {
    await manager.insert(MembershipEntity, membership);
    return membership;
  } catch (error) {
    if (isUniqueViolation(error, 'uq_memberships_user')) throw alreadyMember(false);
    throw error;
  }
}

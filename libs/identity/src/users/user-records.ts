import { type AuditActor, type AuditService, changedFields } from '@app/audit';
import { isUniqueViolation, newId, type Role } from '@app/core';
import type { EntityManager } from 'typeorm';
import { IdentityErrorCode, IdentityException } from '../identity.exception.js';
import { normalizeEmail } from './email.js';
import { UserRoleEntity } from './user-role.entity.js';
import { UserEntity, UserStatus } from './user.entity.js';

export interface NewUser {
  email: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
  grantedByUserId?: string | null;
  /** How errors name the email field, e.g. `input.email`. */
  emailField?: string;
}

export function emailTaken(field = 'email'): IdentityException {
  return new IdentityException(IdentityErrorCode.EmailTaken, 'An account with this email already exists', { field });
}

/**
 * Inserts a user and their platform roles in the caller's transaction. The
 * case-insensitive unique index decides duplicates, so concurrent sign-ups with one
 * email cannot both succeed; the loser gets CONFLICT on `email`.
 */
export async function insertUser(manager: EntityManager, input: NewUser): Promise<UserEntity> {
  const user = manager.create(UserEntity, {
    id: newId(),
    email: normalizeEmail(input.email),
    displayName: input.displayName.trim(),
    passwordHash: input.passwordHash,
    status: UserStatus.Active,
    lastLoginAt: null,
  });
  try {
    await manager.insert(UserEntity, user);
  } catch (error) {
    if (isUniqueViolation(error, 'uq_users_email_lower')) throw emailTaken(input.emailField);
    throw error;
  }
  for (const role of input.roles) await grantPlatformRole(manager, user.id, role, input.grantedByUserId ?? null);
  return user;
}

/** Adds a platform role; holding it already changes nothing. Whether the role was added. */
export async function grantPlatformRole(manager: EntityManager, userId: string, role: Role, grantedByUserId: string | null): Promise<boolean> {
  const result = await manager.createQueryBuilder().insert().into(UserRoleEntity).values({ userId, role, grantedByUserId }).orIgnore().returning(['role']).execute();
  return (result.raw as unknown[]).length > 0;
}

/** The user's platform roles, sorted, with the user row locked so changes to one user's roles queue up. */
export async function lockPlatformRoles(manager: EntityManager, userId: string): Promise<Role[]> {
  await manager.createQueryBuilder(UserEntity, 'u').select('u.id').where('u.id = :userId', { userId }).setLock('pessimistic_write').getOne();
  const rows = await manager.find(UserRoleEntity, { where: { userId }, select: { role: true } });
  return rows.map((row) => row.role as Role).sort();
}

/** Records a change of a user's platform roles (`user.role_granted` or `user.role_revoked`), in `manager`'s transaction. */
export function recordPlatformRoles(
  audit: AuditService,
  manager: EntityManager,
  change: { actor: AuditActor; userId: string; action: 'user.role_granted' | 'user.role_revoked'; before: readonly Role[]; after: readonly Role[] },
): Promise<void> {
  return audit.record(manager, {
    actor: change.actor,
    action: change.action,
    entityType: 'user',
    entityId: change.userId,
    ...changedFields({ platformRoles: [...change.before].sort() }, { platformRoles: [...change.after].sort() }),
  });
}

export async function findUserByEmail(manager: EntityManager, email: string): Promise<UserEntity | null> {
  return manager
    .getRepository(UserEntity)
    .createQueryBuilder('u')
    .where('lower(u.email) = :email', { email: normalizeEmail(email) })
    .getOne();
}

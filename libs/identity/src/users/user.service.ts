import { AuditService, userActor } from '@app/audit';
import {
  type Actor,
  assertAnyRole,
  type ConnectionShape,
  InjectConfig,
  type AppConfig,
  mapConnection,
  type PageArgs,
  pageRequest,
  paginate,
  PLATFORM_ROLES,
  preparedSelect,
  Role,
} from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { IdentityErrorCode, IdentityException } from '../identity.exception.js';
import { MembershipEntity } from '../organizations/membership.entity.js';
import { findUserByEmail, grantPlatformRole, insertUser, lockPlatformRoles, type NewUser, recordPlatformRoles } from './user-records.js';
import { UserRoleEntity } from './user-role.entity.js';
import { UserEntity, UserStatus } from './user.entity.js';
import type { User } from './user.model.js';

/** Roles an admin grants with `grantRole`; CREATOR is chosen at sign-up, brand roles by invitation. */
export const GRANTABLE_ROLES: readonly Role[] = [Role.FINANCE, Role.ADMIN];

export interface UserFilter {
  search?: string;
  role?: Role;
}

interface ActorRow {
  status: string;
  session_ok: boolean;
  roles: string[];
  organization_id: string | null;
  membership_role: string | null;
}

@Injectable()
export class UserService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /**
   * The caller behind an access token, read fresh on every request so that revoked
   * sessions, disabled accounts and role changes take effect immediately. One query.
   */
  async loadActor(userId: string, sessionId: string): Promise<Actor | null> {
    // Every authenticated request runs this: prepared, it is planned once per connection.
    const rows = await preparedSelect<ActorRow>(
      this.db.manager,
      `SELECT u.status,
              (s.revoked_at IS NULL AND s.expires_at > now()) AS session_ok,
              COALESCE((SELECT array_agg(r.role ORDER BY r.role) FROM user_roles r WHERE r.user_id = u.id), '{}') AS roles,
              m.organization_id,
              m.role AS membership_role
         FROM users u
         JOIN sessions s ON s.id = $2 AND s.user_id = u.id
         LEFT JOIN memberships m ON m.user_id = u.id
        WHERE u.id = $1`,
      [userId, sessionId],
    );
    const row = rows[0];
    if (!row || !row.session_ok || row.status !== UserStatus.Active) return null;
    const roles = [...row.roles, ...(row.membership_role ? [row.membership_role] : [])] as Role[];
    return { userId, sessionId, roles, organizationId: row.organization_id };
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return findUserByEmail(this.db.manager, email);
  }

  /** Inserts a user and their platform roles in the caller's transaction; a taken email is CONFLICT. */
  create(manager: EntityManager, input: NewUser): Promise<UserEntity> {
    return insertUser(manager, input);
  }

  async recordLogin(userId: string, passwordHash?: string): Promise<void> {
    await this.db
      .getRepository(UserEntity)
      .update({ id: userId }, { lastLoginAt: new Date(), ...(passwordHash ? { passwordHash } : {}) });
  }

  /** Users by id with their roles and organization, for batch loaders. Two queries whatever the count. */
  async findByIds(ids: readonly string[]): Promise<Map<string, User>> {
    const result = new Map<string, User>();
    if (ids.length === 0) return result;
    const users = await this.db.getRepository(UserEntity).createQueryBuilder('u').whereInIds([...ids]).getMany();
    for (const user of await this.withRoles(users)) result.set(user.id, user);
    return result;
  }

  async getOrFail(id: string): Promise<User> {
    const user = (await this.findByIds([id])).get(id);
    if (!user) throw new IdentityException(IdentityErrorCode.NotFound, `User ${id} not found`);
    return user;
  }

  /** Every user, for platform admins: searchable by email or name, filterable by role. */
  async list(actor: Actor, filter: UserFilter, page: PageArgs): Promise<ConnectionShape<User>> {
    assertAnyRole(actor, [Role.ADMIN], 'list users');
    const request = pageRequest(page, this.config.graphql);
    const query = this.db.getRepository(UserEntity).createQueryBuilder('u');
    if (filter.search?.trim()) {
      const pattern = `%${filter.search.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere('(lower(u.email) LIKE :pattern OR lower(u.displayName) LIKE :pattern)', { pattern });
    }
    if (filter.role) {
      const organizationRole = filter.role === Role.BRAND_ADMIN || filter.role === Role.BRAND_MEMBER;
      query.andWhere(
        organizationRole
          ? 'EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.role = :role)'
          : 'EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = :role)',
        { role: filter.role },
      );
    }
    const connection = await paginate(query, request);
    const users = new Map((await this.withRoles(connection.edges.map((edge) => edge.node))).map((user) => [user.id, user]));
    return mapConnection(connection, (entity) => users.get(entity.id)!);
  }

  /** Grants a platform role (FINANCE or ADMIN). Admins only; granting a held role changes nothing. */
  async grantRole(actor: Actor, userId: string, role: Role): Promise<User> {
    assertAnyRole(actor, [Role.ADMIN], 'grant roles');
    assertGrantable(role);
    await this.getOrFail(userId);
    await this.db.transaction(async (manager) => {
      const before = await lockPlatformRoles(manager, userId);
      if (!(await grantPlatformRole(manager, userId, role, actor.userId))) return;
      await recordPlatformRoles(this.audit, manager, { actor: userActor(actor.userId), userId, action: 'user.role_granted', before, after: [...before, role] });
    });
    return this.getOrFail(userId);
  }

  /** Removes a platform role. Admins cannot remove their own ADMIN role, so one always remains. */
  async revokeRole(actor: Actor, userId: string, role: Role): Promise<User> {
    assertAnyRole(actor, [Role.ADMIN], 'revoke roles');
    assertGrantable(role);
    if (role === Role.ADMIN && userId === actor.userId) {
      throw new IdentityException(IdentityErrorCode.StateConflict, 'You cannot remove your own ADMIN role; ask another admin');
    }
    await this.getOrFail(userId);
    await this.db.transaction(async (manager) => {
      const before = await lockPlatformRoles(manager, userId);
      if (!before.includes(role)) return;
      await manager.delete(UserRoleEntity, { userId, role });
      await recordPlatformRoles(this.audit, manager, { actor: userActor(actor.userId), userId, action: 'user.role_revoked', before, after: before.filter((held) => held !== role) });
    });
    return this.getOrFail(userId);
  }

  private async withRoles(users: UserEntity[]): Promise<User[]> {
    if (users.length === 0) return [];
    const ids = users.map((user) => user.id);
    const [platformRoles, memberships] = await Promise.all([
      this.db.getRepository(UserRoleEntity).createQueryBuilder('r').where('r.userId IN (:...ids)', { ids }).getMany(),
      this.db.getRepository(MembershipEntity).createQueryBuilder('m').where('m.userId IN (:...ids)', { ids }).getMany(),
    ]);
    const rolesByUser = new Map<string, Role[]>();
    for (const { userId, role } of platformRoles) rolesByUser.set(userId, [...(rolesByUser.get(userId) ?? []), role as Role]);
    const membershipByUser = new Map(memberships.map((membership) => [membership.userId, membership]));
    return users.map((user) => {
      const membership = membershipByUser.get(user.id);
      const roles = [...(rolesByUser.get(user.id) ?? []), ...(membership ? [membership.role as Role] : [])];
      return {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        createdAt: user.createdAt,
        roles: roles.sort(),
        organizationId: membership?.organizationId ?? null,
      };
    });
  }
}

function assertGrantable(role: Role): void {
  if (!GRANTABLE_ROLES.includes(role)) {
    const why = (PLATFORM_ROLES as readonly Role[]).includes(role)
      ? 'CREATOR is chosen when signing up'
      : 'organization roles come from invitations (inviteMember)';
    throw new IdentityException(IdentityErrorCode.InvalidInput, `role ${role} cannot be granted: ${why}`, { field: 'role' });
  }
}

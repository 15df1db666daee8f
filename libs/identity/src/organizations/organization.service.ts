import { AuditService, changedFields, userActor } from '@app/audit';
import {
  type Actor,
  type AppConfig,
  type ConnectionShape,
  hasAnyRole,
  InjectConfig,
  isOrganizationRole,
  mapConnection,
  type PageArgs,
  type PageRequest,
  pageRequest,
  pagesByParent,
  type ParentPageKey,
  Role,
} from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { IdentityErrorCode, IdentityException } from '../identity.exception.js';
import { MembershipEntity } from './membership.entity.js';
import { insertMembership, insertOrganization, type NewMembership } from './organization-records.js';
import { toMembership, toOrganization } from './organization.mappers.js';
import type { Membership, Organization } from './organization.model.js';
import { OrganizationEntity } from './organization.entity.js';

/** Platform staff may look at any organization; everyone else only at their own. */
export function canSeeOrganization(actor: Actor, organizationId: string): boolean {
  return actor.organizationId === organizationId || hasAnyRole(actor, [Role.ADMIN, Role.FINANCE]);
}

export function organizationNotFound(id: string): IdentityException {
  return new IdentityException(IdentityErrorCode.NotFound, `Organization ${id} not found`);
}

/** Organizations (brands) and their teams. */
@Injectable()
export class OrganizationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /** Creates an organization with `adminUserId` as its first BRAND_ADMIN, in the caller's transaction. */
  async create(manager: EntityManager, name: string, adminUserId: string): Promise<Organization> {
    const { organization, admin } = await insertOrganization(manager, name, adminUserId);
    await this.recordJoin(manager, admin);
    return toOrganization(organization);
  }

  /** Adds `userId` to the team as `role`, in the caller's transaction (the user joining is the actor). */
  async addMember(manager: EntityManager, organizationId: string, userId: string, role: Role): Promise<void> {
    await this.recordJoin(manager, await insertMembership(manager, organizationId, userId, role));
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, Organization>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.getRepository(OrganizationEntity).createQueryBuilder('o').whereInIds([...ids]).getMany();
    return new Map(rows.map((row) => [row.id, toOrganization(row)]));
  }

  /** An organization the actor may see; any other id is NOT_FOUND, exactly like a missing one. */
  async get(actor: Actor, id: string): Promise<Organization> {
    if (!canSeeOrganization(actor, id)) throw organizationNotFound(id);
    const organization = (await this.findByIds([id])).get(id);
    if (!organization) throw organizationNotFound(id);
    return organization;
  }

  memberPageRequest(actor: Actor, organizationId: string, args: PageArgs): PageRequest {
    if (!canSeeOrganization(actor, organizationId)) throw organizationNotFound(organizationId);
    return pageRequest(args, this.config.graphql);
  }

  /** Pages of members for several organizations in one query (see {@link pagesByParent}). */
  async membersPages(keys: readonly ParentPageKey[]): Promise<ConnectionShape<Membership>[]> {
    const pages = await pagesByParent(this.db, MembershipEntity, 'organizationId', keys);
    return pages.map((page) => mapConnection(page, toMembership));
  }

  /** Changes a member's role. The last BRAND_ADMIN cannot be demoted. */
  async updateMemberRole(actor: Actor, userId: string, role: Role): Promise<Membership> {
    const organizationId = assertBrandAdmin(actor, 'change member roles');
    if (!isOrganizationRole(role)) {
      throw new IdentityException(IdentityErrorCode.InvalidInput, `role must be BRAND_ADMIN or BRAND_MEMBER (got ${role})`, {
        field: 'role',
      });
    }
    return this.db.transaction(async (manager) => {
      const membership = await this.lockMembership(manager, organizationId, userId);
      if (membership.role === Role.BRAND_ADMIN && role !== Role.BRAND_ADMIN) await this.assertAnotherAdmin(manager, organizationId);
      if (membership.role === role) return toMembership(membership);
      await manager.update(MembershipEntity, { id: membership.id }, { role });
      await this.audit.record(manager, {
        actor: userActor(actor.userId),
        organizationId,
        action: 'membership.role_changed',
        entityType: 'membership',
        entityId: membership.id,
        ...changedFields(membership, { role }),
      });
      return toMembership({ ...membership, role });
    });
  }

  /** Removes a member from the team; their access ends with their next request. */
  async removeMember(actor: Actor, userId: string): Promise<Membership> {
    const organizationId = assertBrandAdmin(actor, 'remove members');
    return this.db.transaction(async (manager) => {
      const membership = await this.lockMembership(manager, organizationId, userId);
      if (membership.role === Role.BRAND_ADMIN) await this.assertAnotherAdmin(manager, organizationId);
      await manager.delete(MembershipEntity, { id: membership.id });
      await this.audit.record(manager, {
        actor: userActor(actor.userId),
        organizationId,
        action: 'membership.removed',
        entityType: 'membership',
        entityId: membership.id,
        ...changedFields({ userId: membership.userId, role: membership.role }, null),
      });
      return toMembership(membership);
    });
  }

  /**
   * Sets the time zone the brand reports in (an IANA name such as Europe/Warsaw). Its
   * analytics days then start at midnight there; the rollups are rebuilt on the new days.
   */
  async setTimeZone(actor: Actor, timeZone: string): Promise<Organization> {
    const organizationId = assertBrandAdmin(actor, 'set the time zone');
    const zone = timeZone.trim();
    if (!isKnownTimeZone(zone) || !(await this.databaseKnowsTimeZone(zone))) {
      throw new IdentityException(IdentityErrorCode.InvalidInput, `timeZone must be an IANA time zone such as Europe/Warsaw or America/New_York (got "${zone.slice(0, 64)}")`, {
        field: 'timeZone',
      });
    }
    await this.db.getRepository(OrganizationEntity).update({ id: organizationId }, { timeZone: zone });
    return this.get(actor, organizationId);
  }

  private recordJoin(manager: EntityManager, membership: NewMembership): Promise<void> {
    return this.audit.record(manager, {
      actor: userActor(membership.userId),
      organizationId: membership.organizationId,
      action: 'membership.created',
      entityType: 'membership',
      entityId: membership.id,
      ...changedFields(null, { userId: membership.userId, role: membership.role }),
    });
  }

  private async databaseKnowsTimeZone(zone: string): Promise<boolean> {
    const [row] = (await this.db.query(`SELECT 1 FROM pg_timezone_names WHERE name = $1`, [zone])) as unknown[];
    return row !== undefined;
  }

  /** Locks the organization (serialising team changes) and returns the member, or NOT_FOUND. */
  private async lockMembership(manager: EntityManager, organizationId: string, userId: string): Promise<MembershipEntity> {
    await manager.createQueryBuilder(OrganizationEntity, 'o').where('o.id = :organizationId', { organizationId }).setLock('pessimistic_write').getOne();
    const membership = await manager.findOneBy(MembershipEntity, { organizationId, userId });
    if (!membership) throw new IdentityException(IdentityErrorCode.NotFound, `User ${userId} is not a member of your organization`);
    return membership;
  }

  private async assertAnotherAdmin(manager: EntityManager, organizationId: string): Promise<void> {
    const admins = await manager.countBy(MembershipEntity, { organizationId, role: Role.BRAND_ADMIN });
    if (admins <= 1) {
      throw new IdentityException(IdentityErrorCode.StateConflict, 'An organization must keep at least one BRAND_ADMIN');
    }
  }
}

/** The actor's organization id when they are its BRAND_ADMIN; FORBIDDEN otherwise. */
export function assertBrandAdmin(actor: Actor, action: string): string {
  if (!actor.organizationId || !actor.roles.includes(Role.BRAND_ADMIN)) {
    throw new IdentityException(IdentityErrorCode.NotAllowed, `Only a BRAND_ADMIN of an organization may ${action}`);
  }
  return actor.organizationId;
}

/** Whether `zone` names an IANA time zone (not an offset such as +02:00, whose days would shift with summer time). */
function isKnownTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone) || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

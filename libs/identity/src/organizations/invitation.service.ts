import { type AuditEntryInput, AuditService, changedFields, userActor } from '@app/audit';
import {
  type Actor,
  type AppConfig,
  type ConnectionShape,
  hasAnyRole,
  InjectConfig,
  isOrganizationRole,
  mapConnection,
  newId,
  type PageArgs,
  type PageRequest,
  pageRequest,
  pagesByParent,
  type ParentPageKey,
  Role,
} from '@app/core';
import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { generateOpaqueToken, hashOpaqueToken } from '../auth/opaque-token.js';
import { IdentityErrorCode, IdentityException } from '../identity.exception.js';
import { normalizeEmail } from '../users/email.js';
import { UserEntity } from '../users/user.entity.js';
import { InvitationEntity } from './invitation.entity.js';
import { invitationStatus, toInvitation } from './organization.mappers.js';
import { type Invitation, InvitationStatus, type Organization } from './organization.model.js';
import { assertBrandAdmin, OrganizationService, organizationNotFound } from './organization.service.js';

export interface IssuedInvitation {
  invitation: Invitation;
  /** The secret to hand to the invitee; shown once, stored only as a hash. */
  token: string;
}

const INVITATION_TOKEN_PREFIX = 'mpinv';

/** Invitations into a brand's team: issued by its admins, accepted by the invitee's account. */
@Injectable()
export class InvitationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly organizations: OrganizationService,
    private readonly audit: AuditService,
  ) {}

  /** Invites `email` as `role`. Inviting an address again replaces its pending invitation. */
  async invite(actor: Actor, email: string, role: Role): Promise<IssuedInvitation> {
    const organizationId = assertBrandAdmin(actor, 'invite members');
    if (!isOrganizationRole(role)) {
      throw new IdentityException(IdentityErrorCode.InvalidInput, `role must be BRAND_ADMIN or BRAND_MEMBER (got ${role})`, {
        field: 'role',
      });
    }
    const normalized = normalizeEmail(email);
    if (!isEmail(normalized) || normalized.length > 254) {
      throw new IdentityException(IdentityErrorCode.InvalidInput, 'email must be a valid email address', { field: 'email' });
    }
    return this.db.transaction(async (manager) => {
      const alreadyMember = await manager
        .createQueryBuilder(UserEntity, 'u')
        .innerJoin('memberships', 'm', 'm.user_id = u.id AND m.organization_id = :organizationId', { organizationId })
        .where('lower(u.email) = :email', { email: normalized })
        .getExists();
      if (alreadyMember) {
        throw new IdentityException(IdentityErrorCode.StateConflict, `${normalized} is already a member of your organization`, {
          field: 'email',
        });
      }
      const now = new Date();
      const replaced = await manager.find(InvitationEntity, {
        where: { organizationId, email: normalized, acceptedAt: IsNull(), revokedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (replaced.length > 0) await manager.update(InvitationEntity, { id: In(replaced.map((row) => row.id)) }, { revokedAt: now });
      const token = generateOpaqueToken(INVITATION_TOKEN_PREFIX);
      const invitation = manager.create(InvitationEntity, {
        id: newId(),
        organizationId,
        email: normalized,
        role,
        tokenHash: hashOpaqueToken(token),
        invitedByUserId: actor.userId,
        expiresAt: new Date(now.getTime() + this.config.auth.invitationTtlSeconds * 1000),
        acceptedAt: null,
        acceptedByUserId: null,
        revokedAt: null,
        createdAt: now,
      });
      await manager.insert(InvitationEntity, invitation);
      await this.audit.recordMany(manager, [
        ...replaced.map((row) => invitationEntry(actor, row, 'invitation.revoked', changedFields(row, { revokedAt: now }), 'replaced by a new invitation')),
        invitationEntry(actor, invitation, 'invitation.created', changedFields(null, { role, expiresAt: invitation.expiresAt })),
      ]);
      return { invitation: toInvitation(invitation), token };
    });
  }

  /** The signed-in user joins the organization that invited their email. */
  async accept(actor: Actor, token: string): Promise<Organization> {
    const organizationId = await this.db.transaction(async (manager) => {
      const user = await manager.findOneByOrFail(UserEntity, { id: actor.userId });
      return this.acceptWithin(manager, token, user.email, user.id);
    });
    const organization = (await this.organizations.findByIds([organizationId])).get(organizationId);
    if (!organization) throw organizationNotFound(organizationId);
    return organization;
  }

  /**
   * Consumes an invitation for `userId` inside the caller's transaction and adds the
   * membership. Used by `accept` and by sign-up with an invitation token.
   */
  async acceptWithin(manager: EntityManager, token: string, email: string, userId: string): Promise<string> {
    const invitation = await manager
      .createQueryBuilder(InvitationEntity, 'i')
      .where('i.tokenHash = :hash', { hash: hashOpaqueToken(token) })
      .setLock('pessimistic_write')
      .getOne();
    if (!invitation) {
      throw new IdentityException(IdentityErrorCode.NotFound, 'Invitation not found; check the token', { field: 'invitationToken' });
    }
    const status = invitationStatus(invitation);
    if (status !== InvitationStatus.PENDING) {
      const why = {
        [InvitationStatus.ACCEPTED]: 'has already been accepted',
        [InvitationStatus.REVOKED]: 'was revoked',
        [InvitationStatus.EXPIRED]: 'has expired; ask for a new one',
      }[status];
      throw new IdentityException(IdentityErrorCode.StateConflict, `This invitation ${why}`);
    }
    if (normalizeEmail(email) !== invitation.email) {
      throw new IdentityException(IdentityErrorCode.NotAllowed, 'This invitation was sent to a different email address');
    }
    await this.organizations.addMember(manager, invitation.organizationId, userId, invitation.role as Role);
    await manager.update(InvitationEntity, { id: invitation.id }, { acceptedAt: new Date(), acceptedByUserId: userId });
    return invitation.organizationId;
  }

  async revoke(actor: Actor, invitationId: string): Promise<Invitation> {
    const organizationId = assertBrandAdmin(actor, 'revoke invitations');
    return this.db.transaction(async (manager) => {
      const invitation = await manager
        .createQueryBuilder(InvitationEntity, 'i')
        .where('i.id = :invitationId AND i.organizationId = :organizationId', { invitationId, organizationId })
        .setLock('pessimistic_write')
        .getOne();
      if (!invitation) throw new IdentityException(IdentityErrorCode.NotFound, `Invitation ${invitationId} not found`);
      const status = invitationStatus(invitation);
      if (status !== InvitationStatus.PENDING) {
        throw new IdentityException(IdentityErrorCode.StateConflict, `Invitation ${invitationId} is ${status} and cannot be revoked`);
      }
      const revokedAt = new Date();
      await manager.update(InvitationEntity, { id: invitation.id }, { revokedAt });
      await this.audit.record(manager, invitationEntry(actor, invitation, 'invitation.revoked', changedFields(invitation, { revokedAt })));
      invitation.revokedAt = revokedAt;
      return toInvitation(invitation);
    });
  }

  /** Validates that the actor may list the organization's invitations: its admins and platform admins. */
  invitationPageRequest(actor: Actor, organizationId: string, args: PageArgs): PageRequest {
    const ownAdmin = actor.organizationId === organizationId && actor.roles.includes(Role.BRAND_ADMIN);
    if (!ownAdmin && !hasAnyRole(actor, [Role.ADMIN])) {
      if (actor.organizationId === organizationId) {
        throw new IdentityException(IdentityErrorCode.NotAllowed, 'Only a BRAND_ADMIN may see invitations');
      }
      throw organizationNotFound(organizationId);
    }
    return pageRequest(args, this.config.graphql);
  }

  /** Invitations of several organizations, newest first, in one query. */
  async invitationPages(keys: readonly ParentPageKey[]): Promise<ConnectionShape<Invitation>[]> {
    const pages = await pagesByParent(this.db, InvitationEntity, 'organizationId', keys, { direction: 'DESC' });
    return pages.map((page) => mapConnection(page, toInvitation));
  }
}

/** An invitation's entry; the invitee's email stays out of the log (the invitation row holds it). */
function invitationEntry(actor: Actor, invitation: InvitationEntity, action: string, changes: ReturnType<typeof changedFields>, reason?: string): AuditEntryInput {
  return { actor: userActor(actor.userId), organizationId: invitation.organizationId, action, entityType: 'invitation', entityId: invitation.id, ...changes, reason };
}

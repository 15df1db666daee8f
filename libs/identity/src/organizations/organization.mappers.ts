import type { Role } from '@app/core';
import type { InvitationEntity } from './invitation.entity.js';
import type { MembershipEntity } from './membership.entity.js';
import { type Invitation, InvitationStatus, type Membership, type Organization } from './organization.model.js';
import type { OrganizationEntity } from './organization.entity.js';

export function toOrganization(entity: OrganizationEntity): Organization {
  return { id: entity.id, name: entity.name, timeZone: entity.timeZone, createdAt: entity.createdAt };
}

export function toMembership(entity: MembershipEntity): Membership {
  return {
    id: entity.id,
    role: entity.role as Role,
    createdAt: entity.createdAt,
    organizationId: entity.organizationId,
    userId: entity.userId,
  };
}

export function invitationStatus(entity: InvitationEntity, now = new Date()): InvitationStatus {
  if (entity.acceptedAt) return InvitationStatus.ACCEPTED;
  if (entity.revokedAt) return InvitationStatus.REVOKED;
  if (entity.expiresAt <= now) return InvitationStatus.EXPIRED;
  return InvitationStatus.PENDING;
}

export function toInvitation(entity: InvitationEntity): Invitation {
  return {
    id: entity.id,
    email: entity.email,
    role: entity.role as Role,
    status: invitationStatus(entity),
    expiresAt: entity.expiresAt,
    createdAt: entity.createdAt,
    acceptedAt: entity.acceptedAt,
    organizationId: entity.organizationId,
    invitedByUserId: entity.invitedByUserId,
  };
}

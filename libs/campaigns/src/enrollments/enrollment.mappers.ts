import type { CreatorBanEntity } from './creator-ban.entity.js';
import type { EnrollmentOrigin, EnrollmentStatus } from './enrollment-status.js';
import type { EnrollmentEntity } from './enrollment.entity.js';
import type { CreatorBan, Enrollment } from './enrollment.model.js';

export function toEnrollment(row: EnrollmentEntity): Enrollment {
  return {
    id: row.id,
    campaignId: row.campaignId,
    creatorId: row.creatorId,
    organizationId: row.organizationId,
    status: row.status as EnrollmentStatus,
    origin: row.origin as EnrollmentOrigin,
    pitch: row.pitch,
    invitationMessage: row.invitationMessage,
    reason: row.reasonCode,
    reasonNote: row.reasonNote,
    decidedAt: row.decidedAt,
    approvedAt: row.approvedAt,
    endedAt: row.endedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toCreatorBan(row: CreatorBanEntity): CreatorBan {
  return { id: row.id, creatorId: row.creatorId, organizationId: row.organizationId, reason: row.reason, createdAt: row.createdAt };
}

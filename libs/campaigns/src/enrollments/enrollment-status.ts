import { registerEnumType } from '@nestjs/graphql';
import { CampaignErrorCode, CampaignException } from '../campaigns.exception.js';

export enum EnrollmentStatus {
  APPLIED = 'APPLIED',
  INVITED = 'INVITED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  DECLINED = 'DECLINED',
  REMOVED = 'REMOVED',
  LEFT = 'LEFT',
}

export enum EnrollmentOrigin {
  APPLICATION = 'APPLICATION',
  INVITATION = 'INVITATION',
}

export enum EnrollmentAction {
  APPROVE = 'approve',
  REJECT = 'reject',
  ACCEPT = 'accept',
  DECLINE = 'decline',
  REMOVE = 'remove',
  LEAVE = 'leave',
}

/**
 * The one transition table. An enrollment starts APPLIED (or APPROVED when the campaign
 * auto-approves) or INVITED; REJECTED, DECLINED, REMOVED and LEFT are final.
 */
const TRANSITIONS: Record<EnrollmentAction, { from: readonly EnrollmentStatus[]; to: EnrollmentStatus }> = {
  [EnrollmentAction.APPROVE]: { from: [EnrollmentStatus.APPLIED], to: EnrollmentStatus.APPROVED },
  [EnrollmentAction.REJECT]: { from: [EnrollmentStatus.APPLIED], to: EnrollmentStatus.REJECTED },
  [EnrollmentAction.ACCEPT]: { from: [EnrollmentStatus.INVITED], to: EnrollmentStatus.APPROVED },
  [EnrollmentAction.DECLINE]: { from: [EnrollmentStatus.INVITED], to: EnrollmentStatus.DECLINED },
  [EnrollmentAction.REMOVE]: { from: [EnrollmentStatus.APPLIED, EnrollmentStatus.INVITED, EnrollmentStatus.APPROVED], to: EnrollmentStatus.REMOVED },
  [EnrollmentAction.LEAVE]: { from: [EnrollmentStatus.APPLIED, EnrollmentStatus.APPROVED], to: EnrollmentStatus.LEFT },
};

/** Statuses in which the creator is still part of, or waiting on, the campaign. */
export const OPEN_ENROLLMENT_STATUSES = [EnrollmentStatus.APPLIED, EnrollmentStatus.INVITED, EnrollmentStatus.APPROVED] as const;

export function enrollmentTransition(id: string, status: EnrollmentStatus, action: EnrollmentAction): EnrollmentStatus {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(status)) {
    throw new CampaignException(
      CampaignErrorCode.IllegalTransition,
      `Enrollment ${id} is ${status}: only a ${transition.from.join(' or ')} enrollment can be ${ACTION_VERB[action]}`,
    );
  }
  return transition.to;
}

const ACTION_VERB: Record<EnrollmentAction, string> = {
  approve: 'approved',
  reject: 'rejected',
  accept: 'accepted',
  decline: 'declined',
  remove: 'removed',
  leave: 'left',
};

/** Why a brand rejects an application. OTHER needs a note. */
export enum RejectionReason {
  NOT_A_FIT = 'NOT_A_FIT',
  AUDIENCE_MISMATCH = 'AUDIENCE_MISMATCH',
  LOW_ENGAGEMENT = 'LOW_ENGAGEMENT',
  CONTENT_QUALITY = 'CONTENT_QUALITY',
  CAMPAIGN_FULL = 'CAMPAIGN_FULL',
  OTHER = 'OTHER',
}

/** Why a brand removes a creator. BANNED is set by banning; OTHER needs a note. */
export enum RemovalReason {
  POLICY_VIOLATION = 'POLICY_VIOLATION',
  DISCLOSURE_MISSING = 'DISCLOSURE_MISSING',
  SUSPECTED_FRAUD = 'SUSPECTED_FRAUD',
  INACTIVE = 'INACTIVE',
  CAMPAIGN_CHANGED = 'CAMPAIGN_CHANGED',
  BANNED = 'BANNED',
  OTHER = 'OTHER',
}

export enum ReviewDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}

registerEnumType(EnrollmentStatus, { name: 'EnrollmentStatus' });
registerEnumType(EnrollmentOrigin, { name: 'EnrollmentOrigin', description: 'Whether the creator applied or the brand invited.' });
registerEnumType(RejectionReason, { name: 'RejectionReason' });
registerEnumType(RemovalReason, { name: 'RemovalReason' });
registerEnumType(ReviewDecision, { name: 'ReviewDecision' });

import { type AuditActor, AuditActorType } from '@app/audit';
import type { CommissionEntity } from './commission.entity.js';
import { CommissionStatus } from './commission-status.js';

export type CommissionStamps = Partial<
  Pick<
    CommissionEntity,
    'firstApprovedByUserId' | 'firstApprovedAt' | 'approvedAt' | 'approvedByUserId' | 'rejectedAt' | 'rejectedByUserId' | 'paidAt' | 'reversedAt' | 'reviewNote'
  >
>;

/**
 * What a commission records about reaching `to`: when, and for review decisions who made
 * them and in what words. Review decisions are people's; the platform's (a clawback
 * approved at once) carry no user.
 */
export function transitionStamps(to: CommissionStatus, actor: AuditActor, reason: string | null, now: Date): CommissionStamps {
  const userId = actor.type === AuditActorType.USER ? actor.id : null;
  switch (to) {
    case CommissionStatus.APPROVAL_PENDING_SECOND_REVIEW:
      return { firstApprovedByUserId: userId, firstApprovedAt: now, reviewNote: reason };
    case CommissionStatus.APPROVED:
      return { approvedAt: now, approvedByUserId: userId, reviewNote: reason };
    case CommissionStatus.REJECTED:
      return { rejectedAt: now, rejectedByUserId: userId, reviewNote: reason };
    case CommissionStatus.PAID:
      return { paidAt: now };
    case CommissionStatus.REVERSED:
      return { reversedAt: now };
    default:
      return {};
  }
}

/**
 * The stamps of a move from `from` to `to`. A commission whose payout failed goes back from
 * IN_PAYOUT to APPROVED as it was: its approval (when, by whom, the note) still stands, and
 * payout runs fund the oldest approvals first.
 */
export function stampsOnTransition(from: CommissionStatus, to: CommissionStatus, actor: AuditActor, reason: string | null, now: Date): CommissionStamps {
  if (from === CommissionStatus.IN_PAYOUT && to === CommissionStatus.APPROVED) return {};
  return transitionStamps(to, actor, reason, now);
}

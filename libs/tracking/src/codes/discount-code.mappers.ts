import { type DiscountType, toDiscountModel } from '@app/campaigns';
import { participationEnded, type Participation } from '../participation.js';
import { CodeState, CodeStatus } from './discount-code-status.js';
import type { DiscountCodeEntity } from './discount-code.entity.js';
import type { DiscountCode } from './discount-code.model.js';

export function codeState(row: Pick<DiscountCodeEntity, 'status'>, participation: Participation | undefined, now = new Date()): CodeState {
  if (row.status === CodeStatus.REVOKED) return CodeState.REVOKED;
  return !participation || participationEnded(participation, now) ? CodeState.ENDED : CodeState.ACTIVE;
}

export function toDiscountCode(row: DiscountCodeEntity, participation: Participation | undefined): DiscountCode {
  return {
    id: row.id,
    code: row.code,
    discount: toDiscountModel({ type: row.discountType as DiscountType, percentBps: row.percentBps, amountMinor: row.amountMinor }, row.currency),
    status: codeState(row, participation),
    revokedAt: row.revokedAt,
    revokedReason: row.revokedReason,
    enrollmentId: row.enrollmentId,
    campaignId: row.campaignId,
    creatorId: row.creatorId,
    organizationId: row.organizationId,
    createdAt: row.createdAt,
  };
}

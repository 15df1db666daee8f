import { AppException, type AppExceptionOptions } from '@app/core';
import type { ReviewBlocker } from './lifecycle/review-rules.js';

export enum CommissionErrorCode {
  InvalidInput = 'BAD_USER_INPUT',
  NotAllowed = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  IllegalTransition = 'CONFLICT',
  StateConflict = 'CONFLICT',
}

export class CommissionException extends AppException {
  constructor(code: CommissionErrorCode, message: string, options?: AppExceptionOptions) {
    super(code, message, options);
  }
}

export function commissionNotFound(id: string): CommissionException {
  return new CommissionException(CommissionErrorCode.NotFound, `Commission ${id} not found`);
}

/** How many blockers a message spells out; `extensions.blocked` lists them all. */
const BLOCKERS_IN_MESSAGE = 3;

/**
 * A bulk review decision refused as a whole because some commissions block it: nothing
 * changed. The client finds every blocker in `extensions.blocked` as `{ id, reason, status,
 * detail }`.
 */
export class CommissionReviewBlockedException extends CommissionException {
  constructor(
    verb: 'approved' | 'rejected',
    total: number,
    readonly blocked: readonly ReviewBlocker[],
  ) {
    const ids = new Set(blocked.map((blocker) => blocker.id)).size;
    const shown = blocked.slice(0, BLOCKERS_IN_MESSAGE).map((blocker) => `${blocker.id} ${blocker.reason}${blocker.status ? ` (${blocker.status})` : ''}`);
    const more = blocked.length > BLOCKERS_IN_MESSAGE ? `, and ${blocked.length - BLOCKERS_IN_MESSAGE} more` : '';
    super(CommissionErrorCode.StateConflict, `${ids} of ${total} commissions cannot be ${verb}, so none was: ${shown.join(', ')}${more}`);
  }

  override extensions(): Record<string, unknown> {
    return { ...super.extensions(), blocked: this.blocked.map(({ id, reason, status, detail }) => ({ id, reason, status, detail })) };
  }
}

import { registerEnumType } from '@nestjs/graphql';
import { TrackingErrorCode, TrackingException } from '../tracking.exception.js';

/** A code's stored status. REVOKED is final; a code is never reissued within its brand. */
export enum CodeStatus {
  ACTIVE = 'ACTIVE',
  REVOKED = 'REVOKED',
}

/** What a code does now: ACTIVE (attributes orders), REVOKED by the brand, or ENDED with its enrollment or campaign. */
export enum CodeState {
  ACTIVE = 'ACTIVE',
  REVOKED = 'REVOKED',
  ENDED = 'ENDED',
}

export enum CodeAction {
  REVOKE = 'revoke',
}

const TRANSITIONS: Record<CodeAction, { from: readonly CodeStatus[]; to: CodeStatus }> = {
  [CodeAction.REVOKE]: { from: [CodeStatus.ACTIVE], to: CodeStatus.REVOKED },
};

const PAST_TENSE: Record<CodeAction, string> = { revoke: 'revoked' };

/** The one transition table for discount codes; anything else is CONFLICT. */
export function codeTransition(id: string, status: CodeStatus, action: CodeAction): CodeStatus {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(status)) {
    throw new TrackingException(
      TrackingErrorCode.IllegalTransition,
      `Discount code ${id} is ${status}: only an ${transition.from.join(' or ')} code can be ${PAST_TENSE[action]}`,
    );
  }
  return transition.to;
}

registerEnumType(CodeState, {
  name: 'DiscountCodeStatus',
  description: "ACTIVE: attributes orders. REVOKED: turned off by the brand. ENDED: its enrollment or campaign ended.",
});

import { registerEnumType } from '@nestjs/graphql';
import { TrackingErrorCode, TrackingException } from '../tracking.exception.js';

/** A link's stored status. DISABLED is final: a link is disabled, never deleted or revived. */
export enum LinkStatus {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}

/**
 * What a link does now, as brands and creators see it: ACTIVE (redirects and attributes),
 * DISABLED (turned off by the brand or the creator) or ENDED (its enrollment or campaign
 * ended, so it no longer attributes).
 */
export enum LinkState {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
  ENDED = 'ENDED',
}

export enum LinkAction {
  DISABLE = 'disable',
}

const TRANSITIONS: Record<LinkAction, { from: readonly LinkStatus[]; to: LinkStatus }> = {
  [LinkAction.DISABLE]: { from: [LinkStatus.ACTIVE], to: LinkStatus.DISABLED },
};

const PAST_TENSE: Record<LinkAction, string> = { disable: 'disabled' };

/** The one transition table for links; anything else is CONFLICT. */
export function linkTransition(id: string, status: LinkStatus, action: LinkAction): LinkStatus {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(status)) {
    throw new TrackingException(
      TrackingErrorCode.IllegalTransition,
      `Referral link ${id} is ${status}: only an ${transition.from.join(' or ')} link can be ${PAST_TENSE[action]}`,
    );
  }
  return transition.to;
}

registerEnumType(LinkState, {
  name: 'ReferralLinkStatus',
  description: 'ACTIVE: redirects and attributes. DISABLED: turned off by the brand or the creator. ENDED: its enrollment or campaign ended.',
});

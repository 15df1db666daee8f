import { registerEnumType } from '@nestjs/graphql';

export enum PayoutRunStatus {
  /** Payouts are being sent. */
  SENDING = 'SENDING',
  /** Every payout is SENT or FAILED. */
  COMPLETED = 'COMPLETED',
}

export enum PayoutStatus {
  /** Waiting for its transfer. */
  PENDING = 'PENDING',
  /** The transfer exists at Stripe: the money is in the creator's connected account. */
  SENT = 'SENT',
  /** Stripe refused it for good; its commissions are back to APPROVED. */
  FAILED = 'FAILED',
}

/** Why a creator with money owed got no payout in a run. */
export enum PayoutExclusionReason {
  /** The creator has no payout account that can receive transfers. */
  NO_PAYOUT_ACCOUNT = 'NO_PAYOUT_ACCOUNT',
  /** The brand has not funded these commissions yet. */
  AWAITING_BRAND_FUNDING = 'AWAITING_BRAND_FUNDING',
  /** The net is below the minimum payout; it carries over to the next run. */
  BELOW_MINIMUM = 'BELOW_MINIMUM',
  /** Clawbacks outweigh what is owed; the rest carries over. */
  NOTHING_OWED = 'NOTHING_OWED',
}

registerEnumType(PayoutRunStatus, { name: 'PayoutRunStatus' });
registerEnumType(PayoutStatus, { name: 'PayoutStatus' });
registerEnumType(PayoutExclusionReason, { name: 'PayoutExclusionReason' });

/** The one transition table for payouts: PENDING ends SENT or FAILED, and both are final. */
const TRANSITIONS: Readonly<Record<PayoutStatus, readonly PayoutStatus[]>> = {
  [PayoutStatus.PENDING]: [PayoutStatus.SENT, PayoutStatus.FAILED],
  [PayoutStatus.SENT]: [],
  [PayoutStatus.FAILED]: [],
};

export function canPayoutTransition(from: PayoutStatus, to: PayoutStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

import { registerEnumType } from '@nestjs/graphql';

export enum CommissionStatus {
  /** Inside the hold (return) window. */
  PENDING = 'PENDING',
  /** The hold elapsed; waiting for finance. */
  ELIGIBLE = 'ELIGIBLE',
  /** Held for a reason (fraud signal, budget, currency) until finance releases it. */
  ON_HOLD = 'ON_HOLD',
  /** Approved once, worth more than one finance user may approve alone: waits for a second, different one. */
  APPROVAL_PENDING_SECOND_REVIEW = 'APPROVAL_PENDING_SECOND_REVIEW',
  APPROVED = 'APPROVED',
  /** In a payout being sent: paid when its transfer is made, back to APPROVED if Stripe refuses it. */
  IN_PAYOUT = 'IN_PAYOUT',
  REJECTED = 'REJECTED',
  PAID = 'PAID',
  /** The order was cancelled or fully refunded before payout. */
  REVERSED = 'REVERSED',
}

export enum CommissionKind {
  SALE = 'SALE',
  /** Negative: a refund after payout, carried into the creator's next payout. */
  CLAWBACK = 'CLAWBACK',
  /** Positive: an order that grew after payout. */
  TOP_UP = 'TOP_UP',
}

export enum HoldReason {
  FRAUD = 'FRAUD',
  BUDGET_EXHAUSTED = 'BUDGET_EXHAUSTED',
  /** The order's currency is not the campaign's, so flat amounts, caps or tiers could not apply. */
  CURRENCY_MISMATCH = 'CURRENCY_MISMATCH',
}

registerEnumType(CommissionStatus, { name: 'CommissionStatus' });
registerEnumType(CommissionKind, { name: 'CommissionKind' });
registerEnumType(HoldReason, { name: 'HoldReason' });

/**
 * The one transition table. Anything not listed is a CONFLICT. REJECTED, PAID and REVERSED
 * are final: a paid commission is corrected by a new CLAWBACK or TOP_UP commission.
 */
const TRANSITIONS: Readonly<Record<CommissionStatus, readonly CommissionStatus[]>> = {
  [CommissionStatus.PENDING]: [CommissionStatus.ELIGIBLE, CommissionStatus.ON_HOLD, CommissionStatus.REVERSED],
  [CommissionStatus.ELIGIBLE]: [
    CommissionStatus.APPROVED,
    CommissionStatus.APPROVAL_PENDING_SECOND_REVIEW,
    CommissionStatus.REJECTED,
    CommissionStatus.ON_HOLD,
    CommissionStatus.REVERSED,
  ],
  [CommissionStatus.ON_HOLD]: [CommissionStatus.PENDING, CommissionStatus.ELIGIBLE, CommissionStatus.REJECTED, CommissionStatus.REVERSED],
  [CommissionStatus.APPROVAL_PENDING_SECOND_REVIEW]: [CommissionStatus.APPROVED, CommissionStatus.REJECTED, CommissionStatus.ON_HOLD, CommissionStatus.REVERSED],
  [CommissionStatus.APPROVED]: [CommissionStatus.IN_PAYOUT, CommissionStatus.ON_HOLD, CommissionStatus.REVERSED],
  [CommissionStatus.IN_PAYOUT]: [CommissionStatus.PAID, CommissionStatus.APPROVED],
  [CommissionStatus.REJECTED]: [],
  [CommissionStatus.PAID]: [],
  [CommissionStatus.REVERSED]: [],
};

export function canTransition(from: CommissionStatus, to: CommissionStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Statuses in which the amount is still owed to the creator (counted against the budget). */
export const LIVE_STATUSES: readonly CommissionStatus[] = [
  CommissionStatus.PENDING,
  CommissionStatus.ELIGIBLE,
  CommissionStatus.ON_HOLD,
  CommissionStatus.APPROVAL_PENDING_SECOND_REVIEW,
  CommissionStatus.APPROVED,
  CommissionStatus.IN_PAYOUT,
  CommissionStatus.PAID,
];

/** Whether money has left (or is leaving) for the creator, so corrections become new commissions. */
export function isSettled(status: CommissionStatus): boolean {
  return status === CommissionStatus.PAID || status === CommissionStatus.IN_PAYOUT;
}

/** Where a held commission goes when released: back into its hold window, or straight to eligible. */
export function releasedStatus(eligibleAt: Date, now: Date): CommissionStatus {
  return eligibleAt > now ? CommissionStatus.PENDING : CommissionStatus.ELIGIBLE;
}

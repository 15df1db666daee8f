import type Stripe from 'stripe';
import { PayoutAccountStatus } from './payout-account.entity.js';

/** What we keep of a connected account's state at Stripe. */
export interface StripeAccountState {
  detailsSubmitted: boolean;
  payoutsEnabled: boolean;
  transfersCapability: string;
  requirementsDue: string[];
  disabledReason: string | null;
}

/** The state of `account` as Stripe reports it (an API answer, or the object of an `account.updated` event). */
export function stateOfAccount(account: Stripe.Account): StripeAccountState {
  const requirements = account.requirements;
  const due = [...(requirements?.past_due ?? []), ...(requirements?.currently_due ?? [])];
  return {
    detailsSubmitted: account.details_submitted,
    payoutsEnabled: account.payouts_enabled,
    transfersCapability: account.capabilities?.transfers ?? 'inactive',
    requirementsDue: [...new Set(due)].sort(),
    disabledReason: requirements?.disabled_reason ?? null,
  };
}

/**
 * Our status of an account in that state. Stripe has no single field for it: a rejected
 * account (`rejected.*`) is gone for good; until the creator has submitted their details
 * they are onboarding (a new account is "past due" at Stripe from the first second, which
 * is not a restriction of anything); after that, a transfers capability that is active with
 * nothing disabling the account is ACTIVE, one Stripe is still verifying is ONBOARDING, and
 * anything else needs the creator's attention.
 */
export function payoutAccountStatus(state: Pick<StripeAccountState, 'detailsSubmitted' | 'transfersCapability' | 'disabledReason'>): PayoutAccountStatus {
  if (state.disabledReason?.startsWith('rejected.')) return PayoutAccountStatus.DISABLED;
  if (!state.detailsSubmitted) return PayoutAccountStatus.ONBOARDING;
  if (state.disabledReason === null && state.transfersCapability === 'active') return PayoutAccountStatus.ACTIVE;
  if (state.disabledReason === null && state.transfersCapability === 'pending') return PayoutAccountStatus.ONBOARDING;
  return PayoutAccountStatus.RESTRICTED;
}

/** Transfers to the creator can be made: what payout runs and commission gates ask. */
export function isPayoutAccountReady(account: { status: PayoutAccountStatus; transfersCapability: string }): boolean {
  return account.status === PayoutAccountStatus.ACTIVE && account.transfersCapability === 'active';
}

/** The SQL condition of {@link isPayoutAccountReady}, on a `payout_accounts` row aliased `alias`. */
export function readyPayoutAccountSql(alias: string): string {
  return `${alias}.status = '${PayoutAccountStatus.ACTIVE}' AND ${alias}.transfers_capability = 'active'`;
}

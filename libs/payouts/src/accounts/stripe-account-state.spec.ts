import type Stripe from 'stripe';
import { PayoutAccountStatus } from './payout-account.entity.js';
import { isPayoutAccountReady, payoutAccountStatus, stateOfAccount } from './stripe-account-state.js';

function account(patch: Partial<Stripe.Account> & { transfers?: string; currentlyDue?: string[]; pastDue?: string[]; disabledReason?: string | null }): Stripe.Account {
  const { transfers = 'inactive', currentlyDue = [], pastDue = [], disabledReason = null, ...rest } = patch;
  return {
    id: 'acct_1',
    object: 'account',
    charges_enabled: false,
    details_submitted: false,
    email: null,
    payouts_enabled: false,
    type: 'express',
    capabilities: { transfers },
    requirements: { alternatives: [], current_deadline: null, currently_due: currentlyDue, past_due: pastDue, disabled_reason: disabledReason, errors: [], eventually_due: [], pending_verification: [] },
    ...rest,
  } as Stripe.Account;
}

describe('stateOfAccount', () => {
  it('keeps what is due now and past due, once each and sorted, with the transfers capability and the disabled reason', () => {
    const state = stateOfAccount(
      account({ details_submitted: true, payouts_enabled: true, transfers: 'inactive', currentlyDue: ['individual.dob.day', 'external_account'], pastDue: ['external_account'], disabledReason: 'requirements.past_due' }),
    );
    expect(state).toEqual({
      detailsSubmitted: true,
      payoutsEnabled: true,
      transfersCapability: 'inactive',
      requirementsDue: ['external_account', 'individual.dob.day'],
      disabledReason: 'requirements.past_due',
    });
  });

  it('reads an account without capabilities or requirements as inactive with nothing due', () => {
    expect(stateOfAccount({ ...account({}), capabilities: undefined, requirements: undefined })).toMatchObject({ transfersCapability: 'inactive', requirementsDue: [], disabledReason: null });
  });
});

describe('payoutAccountStatus', () => {
  const status = (detailsSubmitted: boolean, transfersCapability: string, disabledReason: string | null) => payoutAccountStatus({ detailsSubmitted, transfersCapability, disabledReason });

  it('is ONBOARDING until the details are submitted, whatever Stripe already lists as past due', () => {
    expect(status(false, 'inactive', 'requirements.past_due')).toBe(PayoutAccountStatus.ONBOARDING);
    expect(status(false, 'active', null)).toBe(PayoutAccountStatus.ONBOARDING);
  });

  it('is ACTIVE once submitted with transfers active and nothing disabling the account, ONBOARDING while Stripe verifies', () => {
    expect(status(true, 'active', null)).toBe(PayoutAccountStatus.ACTIVE);
    expect(status(true, 'pending', null)).toBe(PayoutAccountStatus.ONBOARDING);
  });

  it('is RESTRICTED when Stripe needs more after onboarding, and DISABLED when it rejected the account', () => {
    expect(status(true, 'inactive', 'requirements.past_due')).toBe(PayoutAccountStatus.RESTRICTED);
    expect(status(true, 'active', 'platform_paused')).toBe(PayoutAccountStatus.RESTRICTED);
    expect(status(true, 'inactive', null)).toBe(PayoutAccountStatus.RESTRICTED);
    expect(status(true, 'inactive', 'rejected.fraud')).toBe(PayoutAccountStatus.DISABLED);
    expect(status(false, 'inactive', 'rejected.terms_of_service')).toBe(PayoutAccountStatus.DISABLED);
  });
});

describe('isPayoutAccountReady', () => {
  it('needs both an ACTIVE account and an active transfers capability', () => {
    expect(isPayoutAccountReady({ status: PayoutAccountStatus.ACTIVE, transfersCapability: 'active' })).toBe(true);
    expect(isPayoutAccountReady({ status: PayoutAccountStatus.ACTIVE, transfersCapability: 'pending' })).toBe(false);
    expect(isPayoutAccountReady({ status: PayoutAccountStatus.RESTRICTED, transfersCapability: 'active' })).toBe(false);
  });
});

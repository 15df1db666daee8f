import { AccountPurpose, brandAccount, creatorAccount, type EntryInput, EntryKind, platformAccount, type PostingInput } from '@app/ledger';
import type { PlannedPayout } from './payout-plan.js';

/**
 * A payout leaves the creator's payable (and settles their receivable) for payouts in
 * transit, and applies each brand's funding to what it owes.
 */
export function payoutInitiatedEntry(payoutId: string, currency: string, plan: PlannedPayout): EntryInput {
  const postings: PostingInput[] = [
    { account: creatorAccount(AccountPurpose.CREATOR_PAYABLE, plan.creatorId, currency), amountMinor: plan.grossMinor },
    { account: platformAccount(AccountPurpose.PAYOUTS_IN_TRANSIT, currency), amountMinor: -plan.amountMinor },
  ];
  if (plan.clawbackMinor > 0n) postings.push({ account: creatorAccount(AccountPurpose.CREATOR_RECEIVABLE, plan.creatorId, currency), amountMinor: -plan.clawbackMinor });
  for (const [organizationId, amount] of plan.fundingByOrganization) {
    if (amount === 0n) continue;
    postings.push({ account: brandAccount(AccountPurpose.BRAND_FUNDING, organizationId, currency), amountMinor: amount });
    postings.push({ account: brandAccount(AccountPurpose.BRAND_PAYABLE, organizationId, currency), amountMinor: -amount });
  }
  return { kind: EntryKind.PAYOUT_INITIATED, memo: `Payout ${payoutId} scheduled`, reference: { type: 'payout', id: payoutId }, postings };
}

/** The transfer landed: the money left the platform's Stripe balance. */
export function payoutSentEntry(payoutId: string, currency: string, amountMinor: bigint, transferId: string): EntryInput {
  return {
    kind: EntryKind.PAYOUT_SENT,
    memo: `Payout ${payoutId} sent as ${transferId}`,
    reference: { type: 'payout', id: payoutId },
    postings: [
      { account: platformAccount(AccountPurpose.PAYOUTS_IN_TRANSIT, currency), amountMinor },
      { account: platformAccount(AccountPurpose.STRIPE_CLEARING, currency), amountMinor: -amountMinor },
    ],
  };
}

/** Stripe took back (part of) a sent transfer: the money is the platform's again and owed to the creator. */
export function transferReversedEntry(payoutId: string, creatorId: string, currency: string, amountMinor: bigint, reversalId: string): EntryInput {
  return {
    kind: EntryKind.TRANSFER_REVERSED,
    memo: `Transfer of payout ${payoutId} reversed (${reversalId})`,
    reference: { type: 'payout', id: payoutId },
    postings: [
      { account: platformAccount(AccountPurpose.STRIPE_CLEARING, currency), amountMinor },
      { account: creatorAccount(AccountPurpose.CREATOR_PAYABLE, creatorId, currency), amountMinor: -amountMinor },
    ],
  };
}

/** A brand's payment arrived in the platform's Stripe balance, as funding for its commissions. */
export function brandFundedEntry(fundingRequestId: string, organizationId: string, currency: string, amountMinor: bigint): EntryInput {
  return {
    kind: EntryKind.BRAND_FUNDED,
    memo: `Brand funding ${fundingRequestId} received`,
    reference: { type: 'funding_request', id: fundingRequestId },
    postings: [
      { account: platformAccount(AccountPurpose.STRIPE_CLEARING, currency), amountMinor },
      { account: brandAccount(AccountPurpose.BRAND_FUNDING, organizationId, currency), amountMinor: -amountMinor },
    ],
  };
}

export function brandFundingKey(organizationId: string, currency: string) {
  return brandAccount(AccountPurpose.BRAND_FUNDING, organizationId, currency);
}

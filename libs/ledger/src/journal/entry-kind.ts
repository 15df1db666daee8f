/** What a journal entry records; each kind has one shape of postings (see the ledger design). */
export enum EntryKind {
  /** A commission recognized for the first time: Dr brand payable R+F, Cr creator payable R, Cr platform fees F. */
  COMMISSION_APPROVED = 'COMMISSION_APPROVED',
  /** A recognized commission's amount moved (a partial refund after approval): the same shape, by the difference. */
  COMMISSION_ADJUSTED = 'COMMISSION_ADJUSTED',
  /** A recognized commission is no longer (reversed, or back on hold): the same shape, back to zero. */
  COMMISSION_REVERSED = 'COMMISSION_REVERSED',
  /** A clawback commission (negative R): the creator side is the creator's receivable. */
  CLAWBACK = 'CLAWBACK',
  /** A brand paid in: Dr Stripe clearing, Cr brand funding. */
  BRAND_FUNDED = 'BRAND_FUNDED',
  /** A payout was created: creator payable and receivable to payouts in transit, brand funding applied to brand payable. */
  PAYOUT_INITIATED = 'PAYOUT_INITIATED',
  /** A payout left: Dr payouts in transit, Cr Stripe clearing. */
  PAYOUT_SENT = 'PAYOUT_SENT',
  /** A payout failed: the exact negation of its PAYOUT_INITIATED entry. */
  PAYOUT_FAILED = 'PAYOUT_FAILED',
  /** Stripe reversed (part of) a sent transfer: Dr Stripe clearing, Cr creator payable. */
  TRANSFER_REVERSED = 'TRANSFER_REVERSED',
}

/** The kinds `CommissionBooks.sync` posts: a commission's booked amount is the sum of these. */
export const COMMISSION_ENTRY_KINDS: readonly EntryKind[] = [
  EntryKind.COMMISSION_APPROVED,
  EntryKind.COMMISSION_ADJUSTED,
  EntryKind.COMMISSION_REVERSED,
  EntryKind.CLAWBACK,
];

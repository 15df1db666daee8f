import { registerEnumType } from '@nestjs/graphql';
import { CommissionKind, CommissionStatus, HoldReason } from './commission-status.js';

/** Why a commission is not paid yet. */
export enum BlockReason {
  /** Inside the hold (return) window, until a date. */
  HOLD_WINDOW = 'HOLD_WINDOW',
  AWAITING_APPROVAL = 'AWAITING_APPROVAL',
  /** Approved once; a second, different finance user has to approve it too. */
  AWAITING_SECOND_REVIEW = 'AWAITING_SECOND_REVIEW',
  FRAUD_HOLD = 'FRAUD_HOLD',
  BUDGET_EXHAUSTED = 'BUDGET_EXHAUSTED',
  CURRENCY_MISMATCH = 'CURRENCY_MISMATCH',
  /** The campaign requires a compliant sponsorship disclosure and the enrollment has none. */
  DISCLOSURE_MISSING = 'DISCLOSURE_MISSING',
  /** One of the enrollment's posts was found non-compliant: approvals wait until it is revised or overridden. */
  DISCLOSURE_NON_COMPLIANT = 'DISCLOSURE_NON_COMPLIANT',
  /** The creator has no payout account that can receive transfers. */
  NO_PAYOUT_ACCOUNT = 'NO_PAYOUT_ACCOUNT',
  /** Approved: waits for the next payout run. */
  AWAITING_PAYOUT = 'AWAITING_PAYOUT',
  /** In a payout whose transfer is being sent. */
  PAYOUT_IN_PROGRESS = 'PAYOUT_IN_PROGRESS',
}

registerEnumType(BlockReason, { name: 'CommissionBlockReason' });

export interface Blocker {
  reason: BlockReason;
  /** When it lifts by itself (the hold window), else null: someone has to act. */
  until: Date | null;
}

/** What the rest of the platform knows about a commission's enrollment and creator. */
export interface GateFacts {
  disclosureRequired: boolean;
  /** A post of the enrollment is COMPLIANT (by its check or an override). */
  hasCompliantDisclosure: boolean;
  /** A post of the enrollment is NON_COMPLIANT: it holds approvals even beside a compliant one. */
  hasNonCompliantDisclosure: boolean;
  payoutAccountReady: boolean;
}

interface BlockableCommission {
  kind: CommissionKind;
  status: CommissionStatus;
  holdReasons: readonly HoldReason[];
  eligibleAt: Date;
  paidAt: Date | null;
}

const HOLD_BLOCKS: Record<HoldReason, BlockReason> = {
  [HoldReason.FRAUD]: BlockReason.FRAUD_HOLD,
  [HoldReason.BUDGET_EXHAUSTED]: BlockReason.BUDGET_EXHAUSTED,
  [HoldReason.CURRENCY_MISMATCH]: BlockReason.CURRENCY_MISMATCH,
};

const OPEN = [
  CommissionStatus.PENDING,
  CommissionStatus.ELIGIBLE,
  CommissionStatus.ON_HOLD,
  CommissionStatus.APPROVAL_PENDING_SECOND_REVIEW,
  CommissionStatus.APPROVED,
];

/** Everything that stands between a commission and the creator's bank account, in the order it will be met. */
export function blockersOf(commission: BlockableCommission, facts: GateFacts, now: Date): Blocker[] {
  if (commission.status === CommissionStatus.IN_PAYOUT) return [{ reason: BlockReason.PAYOUT_IN_PROGRESS, until: null }];
  if (!OPEN.includes(commission.status)) return [];
  const blockers: Blocker[] = [];
  if (commission.status !== CommissionStatus.APPROVED && commission.eligibleAt > now) blockers.push({ reason: BlockReason.HOLD_WINDOW, until: commission.eligibleAt });
  if (commission.status === CommissionStatus.ON_HOLD) {
    for (const hold of commission.holdReasons) blockers.push({ reason: HOLD_BLOCKS[hold], until: null });
  }
  // A clawback settles against the next payout; disclosures and approval are about earning, not owing.
  if (commission.kind !== CommissionKind.CLAWBACK) {
    const disclosure = disclosureBlock(facts);
    if (disclosure && commission.status !== CommissionStatus.APPROVED) blockers.push({ reason: disclosure, until: null });
    if (commission.status === CommissionStatus.APPROVAL_PENDING_SECOND_REVIEW) blockers.push({ reason: BlockReason.AWAITING_SECOND_REVIEW, until: null });
    else if (commission.status !== CommissionStatus.APPROVED) blockers.push({ reason: BlockReason.AWAITING_APPROVAL, until: null });
  }
  if (!facts.payoutAccountReady) blockers.push({ reason: BlockReason.NO_PAYOUT_ACCOUNT, until: null });
  if (commission.status === CommissionStatus.APPROVED) blockers.push({ reason: BlockReason.AWAITING_PAYOUT, until: null });
  return blockers;
}

/** What the enrollment's disclosures hold up, if anything: a post found non-compliant first, then a missing compliant one. */
export function disclosureBlock(facts: GateFacts): BlockReason.DISCLOSURE_NON_COMPLIANT | BlockReason.DISCLOSURE_MISSING | null {
  if (!facts.disclosureRequired) return null;
  if (facts.hasNonCompliantDisclosure) return BlockReason.DISCLOSURE_NON_COMPLIANT;
  return facts.hasCompliantDisclosure ? null : BlockReason.DISCLOSURE_MISSING;
}

/**
 * When the creator can expect the money if nothing in `blockedBy` needs anyone to act: the
 * end of the hold window (or now, once it is over). Paid commissions give when they were
 * paid; reversed and rejected ones, null.
 */
export function expectedPayableAt(commission: BlockableCommission, now: Date): Date | null {
  if (commission.status === CommissionStatus.PAID) return commission.paidAt;
  if (commission.status === CommissionStatus.IN_PAYOUT) return now;
  if (!OPEN.includes(commission.status)) return null;
  return commission.eligibleAt > now ? commission.eligibleAt : now;
}

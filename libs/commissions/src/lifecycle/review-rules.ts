import { type InputProblems, isUuid } from '@app/core';
import { BlockReason, disclosureBlock, type GateFacts } from './commission-blockers.js';
import { canTransition, CommissionKind, CommissionStatus, type HoldReason } from './commission-status.js';

/** The most commissions one decision takes: a review screen's worth, inside one short transaction. */
export const MAX_REVIEW_IDS = 500;

/** Why one commission keeps a bulk decision from being made. */
export enum ReviewBlockReason {
  /** No commission has this id. */
  NOT_FOUND = 'NOT_FOUND',
  /** Its status cannot be approved: only ELIGIBLE, or APPROVAL_PENDING_SECOND_REVIEW by a second reviewer. */
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  /** Its status cannot be rejected (approved, paid, reversed, or still in its hold window). */
  NOT_REJECTABLE = 'NOT_REJECTABLE',
  /** Held (fraud, budget, currency): release the hold first. */
  ON_HOLD = 'ON_HOLD',
  /** Its terms require a compliant sponsorship disclosure and the enrollment has none. */
  DISCLOSURE_MISSING = 'DISCLOSURE_MISSING',
  /** Its terms require disclosure and a post of the enrollment was found non-compliant; it waits until the post is fixed. */
  DISCLOSURE_NON_COMPLIANT = 'DISCLOSURE_NON_COMPLIANT',
  /** It waits for a second reviewer and the caller approved it first. */
  SAME_REVIEWER = 'SAME_REVIEWER',
}

export interface ReviewBlocker {
  id: string;
  reason: ReviewBlockReason;
  /** The commission's status when it blocked, null when there is none. */
  status: CommissionStatus | null;
  detail: string;
}

/** What the rules need to know about a commission under review. */
export interface ReviewedCommission {
  id: string;
  kind: CommissionKind;
  status: CommissionStatus;
  holdReasons: readonly HoldReason[];
  currency: string;
  amountMinor: bigint;
  firstApprovedByUserId: string | null;
}

/**
 * The ids of one decision, lower-cased, or problems with `ids` added to `problems`: at
 * least one, at most {@link MAX_REVIEW_IDS}, each an ID this API returned, none twice.
 */
export function reviewIds(input: readonly string[], problems: InputProblems): string[] {
  if (input.length === 0) problems.add('ids', 'ids must hold at least one commission id');
  if (input.length > MAX_REVIEW_IDS) problems.add('ids', `ids must hold at most ${MAX_REVIEW_IDS} commission ids (got ${input.length})`);
  const malformed = input.findIndex((id) => !isUuid(id));
  if (malformed >= 0) problems.add('ids', `ids[${malformed}] ("${input[malformed]!.slice(0, 64)}") is not an ID returned by this API`);
  const ids = input.map((id) => id.toLowerCase());
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated) problems.add('ids', `ids must not repeat an id (${repeated} appears more than once)`);
  return ids;
}

/** Everything that keeps `reviewerId` from approving the commission `id` (`row`, undefined when there is none). */
export function approvalBlockers(id: string, row: ReviewedCommission | undefined, facts: GateFacts | undefined, reviewerId: string): ReviewBlocker[] {
  if (!row) return [{ id, reason: ReviewBlockReason.NOT_FOUND, status: null, detail: 'no commission has this id' }];
  const blockers: ReviewBlocker[] = [];
  const block = (reason: ReviewBlockReason, detail: string) => blockers.push({ id, reason, status: row.status, detail });
  const inReview = row.status === CommissionStatus.ELIGIBLE || row.status === CommissionStatus.APPROVAL_PENDING_SECOND_REVIEW;
  if (row.status === CommissionStatus.ON_HOLD) block(ReviewBlockReason.ON_HOLD, `held for ${row.holdReasons.join(', ') || 'no stated reason'}; release the hold first`);
  else if (!inReview) block(ReviewBlockReason.NOT_ELIGIBLE, `it is ${row.status}; only ELIGIBLE commissions are approved`);
  if (row.status === CommissionStatus.APPROVAL_PENDING_SECOND_REVIEW && row.firstApprovedByUserId === reviewerId) {
    block(ReviewBlockReason.SAME_REVIEWER, 'you approved it first; a different finance user has to approve it');
  }
  // A clawback is owed back, not earned: no disclosure stands in its way (as blockedBy says).
  const gated = inReview || row.status === CommissionStatus.ON_HOLD;
  if (gated && row.kind !== CommissionKind.CLAWBACK) {
    // Facts that could not be read block: a gate left open by mistake pays out.
    const disclosure = facts ? disclosureBlock(facts) : BlockReason.DISCLOSURE_MISSING;
    if (disclosure === BlockReason.DISCLOSURE_NON_COMPLIANT) {
      block(ReviewBlockReason.DISCLOSURE_NON_COMPLIANT, 'a sponsored post of the enrollment was found non-compliant; approvals wait until it is revised or overridden');
    } else if (disclosure === BlockReason.DISCLOSURE_MISSING) {
      block(ReviewBlockReason.DISCLOSURE_MISSING, "the campaign's terms require a compliant sponsorship disclosure and the creator has none");
    }
  }
  return blockers;
}

/** What keeps the commission `id` from being rejected: only its status, by the transition table. */
export function rejectionBlockers(id: string, row: ReviewedCommission | undefined): ReviewBlocker[] {
  if (!row) return [{ id, reason: ReviewBlockReason.NOT_FOUND, status: null, detail: 'no commission has this id' }];
  if (canTransition(row.status, CommissionStatus.REJECTED)) return [];
  return [{ id, reason: ReviewBlockReason.NOT_REJECTABLE, status: row.status, detail: `it is ${row.status}, which cannot be rejected` }];
}

/**
 * Where each commission of an approval goes (maker-checker). ELIGIBLE ones are approved
 * outright unless, together, those of their currency are worth more than `aboveMinor`:
 * then all of that currency wait for a second reviewer. Ones already waiting are approved
 * (the rules above made sure the reviewer is not the first one).
 */
export function approvalTargets(rows: readonly ReviewedCommission[], aboveMinor: bigint): Map<string, CommissionStatus> {
  const firstTotals = new Map<string, bigint>();
  for (const row of rows) {
    if (row.status === CommissionStatus.ELIGIBLE) firstTotals.set(row.currency, (firstTotals.get(row.currency) ?? 0n) + row.amountMinor);
  }
  return new Map(
    rows.map((row) => [
      row.id,
      row.status === CommissionStatus.ELIGIBLE && firstTotals.get(row.currency)! > aboveMinor ? CommissionStatus.APPROVAL_PENDING_SECOND_REVIEW : CommissionStatus.APPROVED,
    ]),
  );
}

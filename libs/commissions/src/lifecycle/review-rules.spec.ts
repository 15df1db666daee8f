import { InputProblems } from '@app/core';
import type { GateFacts } from './commission-blockers.js';
import { CommissionKind, CommissionStatus, HoldReason } from './commission-status.js';
import { approvalBlockers, approvalTargets, MAX_REVIEW_IDS, rejectionBlockers, ReviewBlockReason, type ReviewedCommission, reviewIds } from './review-rules.js';

const S = CommissionStatus;
const ID = '0190a6d2-5f6b-7c8d-9e0f-000000000001';
const ALICE = '0190a6d2-5f6b-7c8d-9e0f-0000000000a1';
const BOB = '0190a6d2-5f6b-7c8d-9e0f-0000000000b0';
const DISCLOSED: GateFacts = { disclosureRequired: true, hasCompliantDisclosure: true, hasNonCompliantDisclosure: false, payoutAccountReady: false };
const UNDISCLOSED: GateFacts = { disclosureRequired: true, hasCompliantDisclosure: false, hasNonCompliantDisclosure: false, payoutAccountReady: false };

function row(status: CommissionStatus, overrides: Partial<ReviewedCommission> = {}): ReviewedCommission {
  return { id: ID, kind: CommissionKind.SALE, status, holdReasons: [], currency: 'USD', amountMinor: 1_500n, firstApprovedByUserId: null, ...overrides };
}

const reasons = (blockers: { reason: ReviewBlockReason }[]) => blockers.map((b) => b.reason);

describe('reviewIds', () => {
  const problemsOf = (ids: string[]) => {
    const problems = new InputProblems();
    const normalized = reviewIds(ids, problems);
    return { normalized, problems: problems.list().map((p) => p.field + ': ' + p.message) };
  };

  it('lower-cases valid ids and finds nothing wrong', () => {
    expect(problemsOf([ID.toUpperCase()])).toEqual({ normalized: [ID], problems: [] });
  });

  it('names ids when it is empty, too long, malformed or repeats an id', () => {
    expect(problemsOf([]).problems).toEqual(['ids: ids must hold at least one commission id']);
    expect(problemsOf(Array.from({ length: MAX_REVIEW_IDS + 1 }, (_, i) => `0190a6d2-5f6b-7c8d-9e0f-${String(i).padStart(12, '0')}`)).problems).toEqual([
      `ids: ids must hold at most ${MAX_REVIEW_IDS} commission ids (got ${MAX_REVIEW_IDS + 1})`,
    ]);
    expect(problemsOf([ID, 'nope']).problems).toEqual(['ids: ids[1] ("nope") is not an ID returned by this API']);
    expect(problemsOf([ID, ID.toUpperCase()]).problems).toEqual([`ids: ids must not repeat an id (${ID} appears more than once)`]);
  });
});

describe('approvalBlockers', () => {
  it('lets an ELIGIBLE commission with its disclosure through', () => {
    expect(approvalBlockers(ID, row(S.ELIGIBLE), DISCLOSED, ALICE)).toEqual([]);
  });

  it('names a missing commission, a wrong status with it, and a hold with its reasons', () => {
    expect(approvalBlockers(ID, undefined, undefined, ALICE)).toEqual([{ id: ID, reason: ReviewBlockReason.NOT_FOUND, status: null, detail: 'no commission has this id' }]);
    for (const status of [S.PENDING, S.APPROVED, S.PAID, S.REJECTED, S.REVERSED]) {
      expect(approvalBlockers(ID, row(status), DISCLOSED, ALICE)).toEqual([expect.objectContaining({ reason: ReviewBlockReason.NOT_ELIGIBLE, status })]);
    }
    const held = approvalBlockers(ID, row(S.ON_HOLD, { holdReasons: [HoldReason.FRAUD, HoldReason.BUDGET_EXHAUSTED] }), UNDISCLOSED, ALICE);
    expect(held).toEqual([
      { id: ID, reason: ReviewBlockReason.ON_HOLD, status: S.ON_HOLD, detail: expect.stringContaining('FRAUD, BUDGET_EXHAUSTED') },
      expect.objectContaining({ reason: ReviewBlockReason.DISCLOSURE_MISSING }),
    ]);
  });

  it('asks for the disclosure the terms require, and only then', () => {
    expect(reasons(approvalBlockers(ID, row(S.ELIGIBLE), UNDISCLOSED, ALICE))).toEqual([ReviewBlockReason.DISCLOSURE_MISSING]);
    expect(approvalBlockers(ID, row(S.ELIGIBLE), { ...UNDISCLOSED, disclosureRequired: false }, ALICE)).toEqual([]);
    // Facts that could not be read keep the gate closed.
    expect(reasons(approvalBlockers(ID, row(S.ELIGIBLE), undefined, ALICE))).toEqual([ReviewBlockReason.DISCLOSURE_MISSING]);
  });

  it('holds approval while a post of the enrollment is non-compliant, even beside a compliant one', () => {
    const flagged = { ...DISCLOSED, hasNonCompliantDisclosure: true };
    expect(reasons(approvalBlockers(ID, row(S.ELIGIBLE), flagged, ALICE))).toEqual([ReviewBlockReason.DISCLOSURE_NON_COMPLIANT]);
    expect(reasons(approvalBlockers(ID, row(S.ELIGIBLE), { ...flagged, hasCompliantDisclosure: false }, ALICE))).toEqual([ReviewBlockReason.DISCLOSURE_NON_COMPLIANT]);
    expect(approvalBlockers(ID, row(S.ELIGIBLE), { ...flagged, disclosureRequired: false }, ALICE)).toEqual([]);
    // A clawback is owed, not earned: no post holds it.
    expect(approvalBlockers(ID, row(S.ELIGIBLE, { kind: CommissionKind.CLAWBACK }), flagged, ALICE)).toEqual([]);
  });

  it('keeps the first approver from approving again, and lets another', () => {
    const waiting = row(S.APPROVAL_PENDING_SECOND_REVIEW, { firstApprovedByUserId: ALICE });
    expect(reasons(approvalBlockers(ID, waiting, DISCLOSED, ALICE))).toEqual([ReviewBlockReason.SAME_REVIEWER]);
    expect(approvalBlockers(ID, waiting, DISCLOSED, BOB)).toEqual([]);
  });
});

describe('rejectionBlockers', () => {
  it('follows the transition table', () => {
    for (const status of [S.ELIGIBLE, S.ON_HOLD, S.APPROVAL_PENDING_SECOND_REVIEW]) expect(rejectionBlockers(ID, row(status))).toEqual([]);
    for (const status of [S.PENDING, S.APPROVED, S.PAID, S.REVERSED, S.REJECTED]) {
      expect(rejectionBlockers(ID, row(status))).toEqual([{ id: ID, reason: ReviewBlockReason.NOT_REJECTABLE, status, detail: `it is ${status}, which cannot be rejected` }]);
    }
    expect(reasons(rejectionBlockers(ID, undefined))).toEqual([ReviewBlockReason.NOT_FOUND]);
  });
});

describe('approvalTargets', () => {
  const at = (id: string, status: CommissionStatus, currency: string, amountMinor: bigint) => row(status, { id, currency, amountMinor });

  it('approves at or below the amount, and sends a currency whose ELIGIBLE ones together exceed it to a second review', () => {
    const targets = approvalTargets(
      [at('a', S.ELIGIBLE, 'USD', 60_000n), at('b', S.ELIGIBLE, 'USD', 50_000n), at('c', S.ELIGIBLE, 'EUR', 100_000n), at('d', S.APPROVAL_PENDING_SECOND_REVIEW, 'EUR', 900_000n)],
      100_000n,
    );
    expect(Object.fromEntries(targets)).toEqual({
      a: S.APPROVAL_PENDING_SECOND_REVIEW,
      b: S.APPROVAL_PENDING_SECOND_REVIEW,
      c: S.APPROVED,
      d: S.APPROVED,
    });
  });

  it('sends even one commission over the amount to a second review', () => {
    expect(approvalTargets([at('a', S.ELIGIBLE, 'JPY', 100_001n)], 100_000n).get('a')).toBe(S.APPROVAL_PENDING_SECOND_REVIEW);
  });
});

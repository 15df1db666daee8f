import { BlockReason, blockersOf, expectedPayableAt, type GateFacts } from './commission-blockers.js';
import { CommissionKind, CommissionStatus, HoldReason } from './commission-status.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const LATER = new Date('2026-12-31T12:00:00Z');
const EARLIER = new Date('2026-11-01T12:00:00Z');
const READY: GateFacts = { disclosureRequired: true, hasCompliantDisclosure: true, hasNonCompliantDisclosure: false, payoutAccountReady: true };

function commission(status: CommissionStatus, overrides: Partial<Parameters<typeof blockersOf>[0]> = {}) {
  return { kind: CommissionKind.SALE, status, holdReasons: [], eligibleAt: LATER, paidAt: null, ...overrides };
}

describe('blockersOf', () => {
  it('lists the hold window with its end, then approval', () => {
    expect(blockersOf(commission(CommissionStatus.PENDING), READY, NOW)).toEqual([
      { reason: BlockReason.HOLD_WINDOW, until: LATER },
      { reason: BlockReason.AWAITING_APPROVAL, until: null },
    ]);
  });

  it('names every hold reason, a missing disclosure and a missing payout account', () => {
    const held = commission(CommissionStatus.ON_HOLD, { eligibleAt: EARLIER, holdReasons: [HoldReason.FRAUD, HoldReason.BUDGET_EXHAUSTED] });
    expect(blockersOf(held, { disclosureRequired: true, hasCompliantDisclosure: false, hasNonCompliantDisclosure: false, payoutAccountReady: false }, NOW).map((b) => b.reason)).toEqual([
      BlockReason.FRAUD_HOLD,
      BlockReason.BUDGET_EXHAUSTED,
      BlockReason.DISCLOSURE_MISSING,
      BlockReason.AWAITING_APPROVAL,
      BlockReason.NO_PAYOUT_ACCOUNT,
    ]);
  });

  it('tells the creator a non-compliant post holds approval, until it is fixed', () => {
    const flagged = { ...READY, hasNonCompliantDisclosure: true };
    expect(blockersOf(commission(CommissionStatus.ELIGIBLE, { eligibleAt: EARLIER }), flagged, NOW).map((b) => b.reason)).toEqual([
      BlockReason.DISCLOSURE_NON_COMPLIANT,
      BlockReason.AWAITING_APPROVAL,
    ]);
    // An approval made before the post was flagged stands.
    expect(blockersOf(commission(CommissionStatus.APPROVED, { eligibleAt: EARLIER }), flagged, NOW)).toEqual([{ reason: BlockReason.AWAITING_PAYOUT, until: null }]);
  });

  it('does not ask for a disclosure the campaign does not require', () => {
    const facts = { disclosureRequired: false, hasCompliantDisclosure: false, hasNonCompliantDisclosure: false, payoutAccountReady: true };
    expect(blockersOf(commission(CommissionStatus.ELIGIBLE, { eligibleAt: EARLIER }), facts, NOW)).toEqual([{ reason: BlockReason.AWAITING_APPROVAL, until: null }]);
  });

  it('says a commission approved once waits for a second reviewer, not for approval', () => {
    expect(blockersOf(commission(CommissionStatus.APPROVAL_PENDING_SECOND_REVIEW, { eligibleAt: EARLIER }), READY, NOW)).toEqual([
      { reason: BlockReason.AWAITING_SECOND_REVIEW, until: null },
    ]);
    expect(expectedPayableAt(commission(CommissionStatus.APPROVAL_PENDING_SECOND_REVIEW, { eligibleAt: EARLIER }), NOW)).toEqual(NOW);
  });

  it('leaves an approved commission waiting for the payout run only', () => {
    expect(blockersOf(commission(CommissionStatus.APPROVED, { eligibleAt: EARLIER }), READY, NOW)).toEqual([{ reason: BlockReason.AWAITING_PAYOUT, until: null }]);
  });

  it('has nothing to say about final commissions', () => {
    for (const status of [CommissionStatus.PAID, CommissionStatus.REVERSED, CommissionStatus.REJECTED]) {
      expect(blockersOf(commission(status), { disclosureRequired: true, hasCompliantDisclosure: false, hasNonCompliantDisclosure: false, payoutAccountReady: false }, NOW)).toEqual([]);
    }
  });
});

describe('expectedPayableAt', () => {
  it('is the end of the hold window, or now once it is over', () => {
    expect(expectedPayableAt(commission(CommissionStatus.PENDING), NOW)).toEqual(LATER);
    expect(expectedPayableAt(commission(CommissionStatus.ELIGIBLE, { eligibleAt: EARLIER }), NOW)).toEqual(NOW);
  });

  it('is the payment time once paid, and null for reversed commissions', () => {
    expect(expectedPayableAt(commission(CommissionStatus.PAID, { paidAt: EARLIER }), NOW)).toEqual(EARLIER);
    expect(expectedPayableAt(commission(CommissionStatus.REVERSED), NOW)).toBeNull();
  });
});

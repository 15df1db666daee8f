import { CommissionStatus, canTransition, isSettled, releasedStatus } from './commission-status.js';

const S = CommissionStatus;

describe('commission transitions', () => {
  it.each([
    [S.PENDING, S.ELIGIBLE, true],
    [S.PENDING, S.APPROVED, false],
    [S.ELIGIBLE, S.APPROVED, true],
    [S.ELIGIBLE, S.PAID, false],
    [S.ELIGIBLE, S.APPROVAL_PENDING_SECOND_REVIEW, true],
    [S.APPROVAL_PENDING_SECOND_REVIEW, S.APPROVED, true],
    [S.APPROVAL_PENDING_SECOND_REVIEW, S.REJECTED, true],
    [S.APPROVAL_PENDING_SECOND_REVIEW, S.ON_HOLD, true],
    [S.APPROVAL_PENDING_SECOND_REVIEW, S.REVERSED, true],
    [S.APPROVAL_PENDING_SECOND_REVIEW, S.PAID, false],
    [S.APPROVAL_PENDING_SECOND_REVIEW, S.ELIGIBLE, false],
    [S.PENDING, S.APPROVAL_PENDING_SECOND_REVIEW, false],
    [S.ON_HOLD, S.APPROVAL_PENDING_SECOND_REVIEW, false],
    [S.ON_HOLD, S.ELIGIBLE, true],
    [S.ON_HOLD, S.APPROVED, false],
    [S.APPROVED, S.PAID, false],
    [S.APPROVED, S.IN_PAYOUT, true],
    [S.IN_PAYOUT, S.PAID, true],
    [S.IN_PAYOUT, S.APPROVED, true],
    [S.IN_PAYOUT, S.REVERSED, false],
    [S.IN_PAYOUT, S.ON_HOLD, false],
    [S.APPROVED, S.REVERSED, true],
    [S.PAID, S.REVERSED, false],
    [S.REVERSED, S.PENDING, false],
    [S.REJECTED, S.APPROVED, false],
  ])('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it('final statuses go nowhere', () => {
    for (const final of [S.PAID, S.REVERSED, S.REJECTED]) {
      for (const to of Object.values(S)) expect(canTransition(final, to)).toBe(false);
    }
  });

  it('treats a commission in a payout as settled: a refund then becomes a clawback', () => {
    expect([S.APPROVED, S.IN_PAYOUT, S.PAID].map(isSettled)).toEqual([false, true, true]);
  });

  it('releases a hold into the window while it runs, to eligible after', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    expect(releasedStatus(new Date('2026-12-02T00:00:00Z'), now)).toBe(S.PENDING);
    expect(releasedStatus(new Date('2026-11-30T00:00:00Z'), now)).toBe(S.ELIGIBLE);
  });
});

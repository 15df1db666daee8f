import { systemActor, userActor } from '@app/audit';
import { stampsOnTransition, transitionStamps } from './commission-stamps.js';
import { CommissionStatus } from './commission-status.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const FINANCE = userActor('0190a6d2-5f6b-7c8d-9e0f-123456789abc');

describe('transitionStamps', () => {
  it('records who decided, when and in what words', () => {
    expect(transitionStamps(CommissionStatus.APPROVAL_PENDING_SECOND_REVIEW, FINANCE, 'Checked the invoices', NOW)).toEqual({
      firstApprovedByUserId: FINANCE.id,
      firstApprovedAt: NOW,
      reviewNote: 'Checked the invoices',
    });
    expect(transitionStamps(CommissionStatus.APPROVED, FINANCE, null, NOW)).toEqual({ approvedAt: NOW, approvedByUserId: FINANCE.id, reviewNote: null });
    expect(transitionStamps(CommissionStatus.REJECTED, FINANCE, 'Self-referral', NOW)).toEqual({ rejectedAt: NOW, rejectedByUserId: FINANCE.id, reviewNote: 'Self-referral' });
  });

  it('names no user for the platform, and only times payment and reversal', () => {
    expect(transitionStamps(CommissionStatus.APPROVED, systemActor('payouts'), null, NOW)).toMatchObject({ approvedByUserId: null });
    expect(transitionStamps(CommissionStatus.PAID, systemActor('payouts'), null, NOW)).toEqual({ paidAt: NOW });
    expect(transitionStamps(CommissionStatus.REVERSED, systemActor('sales-pipeline'), 'cancelled', NOW)).toEqual({ reversedAt: NOW });
    expect(transitionStamps(CommissionStatus.ON_HOLD, FINANCE, 'look again', NOW)).toEqual({});
  });

  it('keeps the approval of a commission whose payout failed', () => {
    expect(stampsOnTransition(CommissionStatus.IN_PAYOUT, CommissionStatus.APPROVED, systemActor('payouts'), 'payout failed', NOW)).toEqual({});
    expect(stampsOnTransition(CommissionStatus.IN_PAYOUT, CommissionStatus.PAID, systemActor('payouts'), null, NOW)).toEqual({ paidAt: NOW });
    expect(stampsOnTransition(CommissionStatus.ELIGIBLE, CommissionStatus.APPROVED, FINANCE, 'ok', NOW)).toEqual({ approvedAt: NOW, approvedByUserId: FINANCE.id, reviewNote: 'ok' });
  });
});

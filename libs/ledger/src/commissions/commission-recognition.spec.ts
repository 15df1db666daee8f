import { CommissionKind, CommissionStatus } from '@app/commissions';
import { AccountPurpose } from '../accounts/account-key.js';
import { EntryKind } from '../journal/entry-kind.js';
import { type CommissionBookState, commissionEntry, recognizedAmounts } from './commission-recognition.js';

const base: CommissionBookState = {
  id: '0190d6a1-0000-7000-8000-0000000000c1',
  organizationId: '0190d6a1-0000-7000-8000-0000000000a1',
  creatorId: '0190d6a1-0000-7000-8000-0000000000b1',
  kind: CommissionKind.SALE,
  status: CommissionStatus.APPROVED,
  currency: 'USD',
  amountMinor: 1_500n,
  platformFeeBps: 1_000,
  bookedMinor: 0n,
  bookedFeeMinor: 0n,
};
const lines = (state: CommissionBookState) => commissionEntry(state)?.postings.map((p) => [p.account.purpose, p.amountMinor]);

describe('recognizedAmounts', () => {
  it.each([CommissionStatus.APPROVED, CommissionStatus.PAID])('recognizes the amount of a %s commission, with its fee', (status) => {
    expect(recognizedAmounts({ ...base, status })).toEqual({ amountMinor: 1_500n, feeMinor: 150n });
  });

  it.each([CommissionStatus.PENDING, CommissionStatus.ELIGIBLE, CommissionStatus.ON_HOLD, CommissionStatus.REJECTED, CommissionStatus.REVERSED])(
    'recognizes nothing of a %s commission',
    (status) => {
      expect(recognizedAmounts({ ...base, status })).toEqual({ amountMinor: 0n, feeMinor: 0n });
    },
  );

  it('rounds the fee half-even, the negative fee of a clawback too', () => {
    // 2.5% of 1.00 is 2.5 cents: 2 (even); of 1.40, 3.5 cents: 4.
    expect(recognizedAmounts({ ...base, amountMinor: 100n, platformFeeBps: 250 }).feeMinor).toBe(2n);
    expect(recognizedAmounts({ ...base, amountMinor: 140n, platformFeeBps: 250 }).feeMinor).toBe(4n);
    expect(recognizedAmounts({ ...base, amountMinor: -100n, platformFeeBps: 250 }).feeMinor).toBe(-2n);
    expect(recognizedAmounts({ ...base, amountMinor: -140n, platformFeeBps: 250 }).feeMinor).toBe(-4n);
  });
});

describe('commissionEntry', () => {
  it('approves: the brand owes commission and fee, the creator is owed the commission, the platform earns the fee', () => {
    const entry = commissionEntry(base)!;
    expect(entry).toMatchObject({ kind: EntryKind.COMMISSION_APPROVED, reference: { type: 'commission', id: base.id } });
    expect(lines(base)).toEqual([
      [AccountPurpose.BRAND_PAYABLE, 1_650n],
      [AccountPurpose.CREATOR_PAYABLE, -1_500n],
      [AccountPurpose.PLATFORM_FEES, -150n],
    ]);
    expect(entry.postings.every((p) => p.commissionId === base.id)).toBe(true);
  });

  it('books nothing when the ledger already holds what the commission says', () => {
    expect(commissionEntry({ ...base, bookedMinor: 1_500n, bookedFeeMinor: 150n })).toBeNull();
    expect(commissionEntry({ ...base, status: CommissionStatus.PENDING })).toBeNull();
  });

  it('adjusts by the difference, the fee from the whole new amount', () => {
    const state = { ...base, amountMinor: 1_005n, bookedMinor: 1_500n, bookedFeeMinor: 150n };
    expect(commissionEntry(state)!.kind).toBe(EntryKind.COMMISSION_ADJUSTED);
    // Fee on 10.05 at 10% is 100.5 → 100 (half-even); 150 was booked.
    expect(lines(state)).toEqual([
      [AccountPurpose.BRAND_PAYABLE, -545n],
      [AccountPurpose.CREATOR_PAYABLE, 495n],
      [AccountPurpose.PLATFORM_FEES, 50n],
    ]);
  });

  it('reverses back to zero when the commission is no longer recognized', () => {
    const state = { ...base, status: CommissionStatus.REVERSED, bookedMinor: 1_500n, bookedFeeMinor: 150n };
    expect(commissionEntry(state)!.kind).toBe(EntryKind.COMMISSION_REVERSED);
    expect(lines(state)).toEqual([
      [AccountPurpose.BRAND_PAYABLE, -1_650n],
      [AccountPurpose.CREATOR_PAYABLE, 1_500n],
      [AccountPurpose.PLATFORM_FEES, 150n],
    ]);
  });

  it('books a clawback on the creator receivable, and leaves out a zero fee line', () => {
    const state = { ...base, kind: CommissionKind.CLAWBACK, amountMinor: -600n, platformFeeBps: 0 };
    expect(commissionEntry(state)!.kind).toBe(EntryKind.CLAWBACK);
    expect(lines(state)).toEqual([
      [AccountPurpose.BRAND_PAYABLE, -600n],
      [AccountPurpose.CREATOR_RECEIVABLE, 600n],
    ]);
  });
});

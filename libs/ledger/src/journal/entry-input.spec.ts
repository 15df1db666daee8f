import { AccountPurpose, brandAccount, creatorAccount, platformAccount, AccountOwner } from '../accounts/account-key.js';
import { LedgerException } from '../ledger.exception.js';
import { assertValidEntry, type EntryInput } from './entry-input.js';
import { EntryKind } from './entry-kind.js';

const ORG = '0190d6a1-0000-7000-8000-000000000001';
const CREATOR = '0190d6a1-0000-7000-8000-000000000002';
const payable = brandAccount(AccountPurpose.BRAND_PAYABLE, ORG, 'USD');
const earned = creatorAccount(AccountPurpose.CREATOR_PAYABLE, CREATOR, 'USD');
const entry = (postings: EntryInput['postings']): EntryInput => ({ kind: EntryKind.COMMISSION_APPROVED, memo: 'approved', postings });

describe('assertValidEntry', () => {
  it('accepts postings that sum to zero in each currency', () => {
    expect(() => assertValidEntry(entry([{ account: payable, amountMinor: 100n }, { account: earned, amountMinor: -100n }]))).not.toThrow();
    expect(() =>
      assertValidEntry(
        entry([
          { account: payable, amountMinor: 100n },
          { account: earned, amountMinor: -100n },
          { account: { ...payable, currency: 'EUR' }, amountMinor: 7n },
          { account: { ...earned, currency: 'EUR' }, amountMinor: -7n },
        ]),
      ),
    ).not.toThrow();
  });

  it.each<[string, EntryInput, RegExp]>([
    ['no postings', entry([]), /at least two postings/],
    ['one posting', entry([{ account: payable, amountMinor: 0n }]), /at least two postings/],
    ['a zero amount', entry([{ account: payable, amountMinor: 0n }, { account: earned, amountMinor: 0n }]), /must not be zero/],
    ['an amount that is not a bigint', entry([{ account: payable, amountMinor: 100 as unknown as bigint }, { account: earned, amountMinor: -100n }]), /must be a bigint/],
    ['an unbalanced entry', entry([{ account: payable, amountMinor: 100n }, { account: earned, amountMinor: -99n }]), /sum to zero in each currency \(USD 1\)/],
    [
      'currencies that balance only together',
      entry([{ account: payable, amountMinor: 100n }, { account: { ...earned, currency: 'EUR' }, amountMinor: -100n }]),
      /EUR -100, USD 100|USD 100, EUR -100/,
    ],
    ['a lower-case currency', entry([{ account: { ...payable, currency: 'usd' }, amountMinor: 1n }, { account: { ...earned, currency: 'usd' }, amountMinor: -1n }]), /ISO 4217/],
    ['a platform account with an owner', entry([{ account: { ...platformAccount(AccountPurpose.PLATFORM_FEES, 'USD'), ownerId: ORG }, amountMinor: 1n }, { account: earned, amountMinor: -1n }]), /no owner id/],
    ['a creator account without one', entry([{ account: { ...earned, ownerId: null }, amountMinor: 1n }, { account: payable, amountMinor: -1n }]), /needs an owner id/],
    ['a purpose under the wrong owner', entry([{ account: { ...earned, owner: AccountOwner.ORGANIZATION }, amountMinor: 1n }, { account: payable, amountMinor: -1n }]), /belongs to CREATOR/],
    ['no memo', { ...entry([{ account: payable, amountMinor: 1n }, { account: earned, amountMinor: -1n }]), memo: ' ' }, /needs a memo/],
    ['an unknown kind', { ...entry([{ account: payable, amountMinor: 1n }, { account: earned, amountMinor: -1n }]), kind: 'GIFT' as EntryKind }, /unknown kind/],
  ])('refuses %s', (_name, input, message) => {
    expect(() => assertValidEntry(input)).toThrow(LedgerException);
    expect(() => assertValidEntry(input)).toThrow(message);
  });
});

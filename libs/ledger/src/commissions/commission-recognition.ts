import { CommissionKind, CommissionStatus } from '@app/commissions';
import { applyBasisPoints, formatMoney } from '@app/core';
import { AccountPurpose, brandAccount, creatorAccount, platformAccount } from '../accounts/account-key.js';
import type { EntryInput } from '../journal/entry-input.js';
import { EntryKind } from '../journal/entry-kind.js';

/** A commission as the ledger books it: what it is now, and what the ledger already holds for it. */
export interface CommissionBookState {
  id: string;
  organizationId: string;
  creatorId: string;
  kind: CommissionKind;
  status: CommissionStatus;
  currency: string;
  amountMinor: bigint;
  /** The platform fee of the commission's terms version, in basis points of the commission. */
  platformFeeBps: number;
  /** R booked so far: the negated sum of its creator-side postings of commission entry kinds. */
  bookedMinor: bigint;
  /** F booked so far: the negated sum of its platform fee postings of commission entry kinds. */
  bookedFeeMinor: bigint;
}

/** Statuses in which a commission's amount is recognized (owed by the brand, owed to the creator, or being or been paid). */
const RECOGNIZED: ReadonlySet<CommissionStatus> = new Set([CommissionStatus.APPROVED, CommissionStatus.IN_PAYOUT, CommissionStatus.PAID]);

/**
 * What the ledger should hold for a commission: its amount R while approved or paid, else
 * nothing, and the platform fee F = R × bps / 10,000 rounded half-even, always from the
 * whole amount (never from a difference), so any path to the same R books the same F.
 */
export function recognizedAmounts(state: Pick<CommissionBookState, 'status' | 'amountMinor' | 'platformFeeBps'>): { amountMinor: bigint; feeMinor: bigint } {
  const amountMinor = RECOGNIZED.has(state.status) ? state.amountMinor : 0n;
  return { amountMinor, feeMinor: applyBasisPoints(amountMinor, state.platformFeeBps) };
}

/**
 * The entry that brings the ledger to what the commission should hold, or null when it holds
 * that already: Dr brand payable ΔR+ΔF, Cr creator payable ΔR (creator receivable for a
 * clawback, whose R is negative), Cr platform fees ΔF, each line carrying the commission id.
 */
export function commissionEntry(state: CommissionBookState): EntryInput | null {
  const target = recognizedAmounts(state);
  const delta = target.amountMinor - state.bookedMinor;
  const deltaFee = target.feeMinor - state.bookedFeeMinor;
  if (delta === 0n && deltaFee === 0n) return null;

  const clawback = state.kind === CommissionKind.CLAWBACK;
  const creatorSide = creatorAccount(clawback ? AccountPurpose.CREATOR_RECEIVABLE : AccountPurpose.CREATOR_PAYABLE, state.creatorId, state.currency);
  const postings = [
    { account: brandAccount(AccountPurpose.BRAND_PAYABLE, state.organizationId, state.currency), amountMinor: delta + deltaFee, commissionId: state.id },
    { account: creatorSide, amountMinor: -delta, commissionId: state.id },
    { account: platformAccount(AccountPurpose.PLATFORM_FEES, state.currency), amountMinor: -deltaFee, commissionId: state.id },
  ].filter((posting) => posting.amountMinor !== 0n);

  const kind = clawback
    ? EntryKind.CLAWBACK
    : state.bookedMinor === 0n && state.bookedFeeMinor === 0n
      ? EntryKind.COMMISSION_APPROVED
      : target.amountMinor === 0n
        ? EntryKind.COMMISSION_REVERSED
        : EntryKind.COMMISSION_ADJUSTED;
  return { kind, memo: memo(kind, state, target), reference: { type: 'commission', id: state.id }, postings };
}

function memo(kind: EntryKind, state: CommissionBookState, target: { amountMinor: bigint; feeMinor: bigint }): string {
  const money = (amountMinor: bigint) => formatMoney({ amountMinor, currency: state.currency });
  const fee = `platform fee ${money(target.feeMinor)} (${state.platformFeeBps} bp)`;
  switch (kind) {
    case EntryKind.COMMISSION_APPROVED:
      return `Commission ${state.id} ${state.status.toLowerCase()}: ${money(target.amountMinor)} to the creator, ${fee}`;
    case EntryKind.COMMISSION_REVERSED:
      return `Commission ${state.id} is ${state.status} with ${money(state.amountMinor)}: ${money(state.bookedMinor)} and its fee ${money(state.bookedFeeMinor)} reversed`;
    case EntryKind.CLAWBACK:
      return `Clawback ${state.id} (${state.status}): ${money(target.amountMinor)} owed back by the creator, ${fee}, was ${money(state.bookedMinor)}`;
    default:
      return `Commission ${state.id} (${state.status}) moved from ${money(state.bookedMinor)} to ${money(target.amountMinor)}, ${fee}`;
  }
}

import type { AuditActor } from '@app/audit';
import { isCurrencyCode } from '@app/core';
import { AccountOwner, type AccountKey, PURPOSE_OWNER } from '../accounts/account-key.js';
import { invalidEntry } from '../ledger.exception.js';
import { EntryKind } from './entry-kind.js';

/** One line to post. `amountMinor` is signed: positive debits the account, negative credits it. */
export interface PostingInput {
  account: AccountKey;
  amountMinor: bigint;
  /** The commission the line books, on commission entries. */
  commissionId?: string | null;
}

/** One entry to post: its postings must sum to zero in each currency, and there must be at least two. */
export interface EntryInput {
  kind: EntryKind;
  memo: string;
  /** What the entry is about, e.g. `{ type: 'payout', id }`; `entriesFor` finds entries by it. */
  reference?: { type: string; id: string };
  /** Who caused it; the ledger itself (`SYSTEM`, no id) when not given. */
  actor?: AuditActor;
  postings: PostingInput[];
}

/** An entry as read back. */
export interface JournalEntryView {
  id: string;
  kind: EntryKind;
  memo: string;
  reference: { type: string; id: string } | null;
  actor: AuditActor;
  createdAt: Date;
  postings: PostingView[];
}

export interface PostingView {
  id: string;
  accountId: string;
  account: AccountKey;
  currency: string;
  amountMinor: bigint;
  commissionId: string | null;
}

const KINDS = new Set<string>(Object.values(EntryKind));

/**
 * Refuses, before anything is written, an entry the database would refuse at commit (or
 * should): no postings or one, a zero or non-bigint amount, an account key that is not a
 * valid account, and postings that do not sum to zero in each currency.
 */
export function assertValidEntry(entry: EntryInput): void {
  const what = `Ledger entry ${entry.kind ?? '(no kind)'}`;
  if (!KINDS.has(entry.kind)) throw invalidEntry(`${what}: unknown kind`);
  if (typeof entry.memo !== 'string' || entry.memo.trim() === '') throw invalidEntry(`${what}: needs a memo`);
  if (entry.reference && (entry.reference.type.trim() === '' || entry.reference.id.trim() === '')) throw invalidEntry(`${what}: a reference needs a type and an id`);
  if (!Array.isArray(entry.postings) || entry.postings.length < 2) throw invalidEntry(`${what}: needs at least two postings`);
  const sums = new Map<string, bigint>();
  entry.postings.forEach((posting, index) => {
    const line = `${what}, posting ${index}`;
    if (typeof posting.amountMinor !== 'bigint') throw invalidEntry(`${line}: amountMinor must be a bigint (got ${typeof posting.amountMinor})`);
    if (posting.amountMinor === 0n) throw invalidEntry(`${line}: amountMinor must not be zero`);
    assertValidAccount(posting.account, line);
    sums.set(posting.account.currency, (sums.get(posting.account.currency) ?? 0n) + posting.amountMinor);
  });
  const unbalanced = [...sums].filter(([, sum]) => sum !== 0n);
  if (unbalanced.length > 0) {
    throw invalidEntry(`${what}: postings must sum to zero in each currency (${unbalanced.map(([currency, sum]) => `${currency} ${sum}`).join(', ')})`);
  }
}

export function assertValidAccount(key: AccountKey, where: string): void {
  const owner = PURPOSE_OWNER[key.purpose];
  if (!owner) throw invalidEntry(`${where}: unknown account purpose ${key.purpose}`);
  if (key.owner !== owner) throw invalidEntry(`${where}: a ${key.purpose} account belongs to ${owner}, not ${key.owner}`);
  if ((key.owner === AccountOwner.PLATFORM) !== (key.ownerId === null || key.ownerId === undefined)) {
    throw invalidEntry(`${where}: ${key.owner === AccountOwner.PLATFORM ? 'platform accounts have no owner id' : `a ${key.owner} account needs an owner id`}`);
  }
  if (!isCurrencyCode(key.currency)) throw invalidEntry(`${where}: ${key.currency} is not an upper-case ISO 4217 currency`);
}

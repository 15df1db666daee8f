import { AuditActorType } from '@app/audit';
import { insertRows, newId } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type AccountKey, accountKeyString } from '../accounts/account-key.js';
import { type AccountRow, accountIdsSql, distinctKeys, ensureAndLockAccounts, keyOfRow, keyParameters } from '../accounts/account-rows.js';
import { type ReconcileReport, LedgerReconciler } from '../reconcile/ledger-reconciler.js';
import { assertValidEntry, type EntryInput, type JournalEntryView } from './entry-input.js';
import { COMMISSION_ENTRY_KINDS, type EntryKind } from './entry-kind.js';
import { type BookRow, COMMISSION_BOOKS_SQL } from '../commissions/commission-book-rows.js';
import { JournalEntryEntity } from './journal-entry.entity.js';
import { LedgerPostingEntity } from './ledger-posting.entity.js';

interface EntryPostingRow extends Omit<AccountRow, 'id'> {
  entry_id: string;
  kind: EntryKind;
  memo: string;
  reference_type: string | null;
  reference_id: string | null;
  actor_type: AuditActorType;
  actor_id: string | null;
  created_at: Date;
  posting_id: string;
  account_id: string;
  amount_minor: string;
  commission_id: string | null;
}

/**
 * The double-entry ledger: posts balanced, immutable journal entries in the caller's
 * transaction, keeps each account's cached balance with them, and reads balances and
 * entries back. The database is the last word (a deferred trigger refuses an unbalanced
 * entry at commit, others refuse changing or removing one); this service refuses the same
 * before writing anything, with a message naming the entry.
 */
@Injectable()
export class LedgerService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reconciler: LedgerReconciler,
  ) {}

  /** Posts one entry in the transaction `manager` belongs to. */
  async post(manager: EntityManager, entry: EntryInput): Promise<{ id: string }> {
    const [posted] = await this.postMany(manager, [entry]);
    return posted!;
  }

  /**
   * Posts several entries with one statement per table, in the transaction `manager` belongs
   * to: accounts are made on first use, every account touched is locked (in id order) and its
   * cached balance moved by the same amounts. Ids are returned in the order of `entries`.
   */
  async postMany(manager: EntityManager, entries: readonly EntryInput[]): Promise<{ id: string }[]> {
    // Outside a transaction the postings and the cached balances could part ways, and the
    // change the entry records could fail after the entry was committed.
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error("Ledger entries are posted in the transaction of the change they record: pass that transaction's EntityManager");
    }
    if (entries.length === 0) return [];
    entries.forEach(assertValidEntry);
    const accountIds = await ensureAndLockAccounts(
      manager,
      entries.flatMap((entry) => entry.postings.map((posting) => posting.account)),
    );

    const entryRows = entries.map((entry) => ({
      id: newId(),
      kind: entry.kind,
      memo: entry.memo,
      referenceType: entry.reference?.type ?? null,
      referenceId: entry.reference?.id ?? null,
      actorType: entry.actor?.type ?? AuditActorType.SYSTEM,
      actorId: entry.actor?.id ?? null,
    }));
    const postingRows = entries.flatMap((entry, index) =>
      entry.postings.map((posting) => ({
        id: newId(),
        entryId: entryRows[index]!.id,
        accountId: accountIds.get(accountKeyString(posting.account))!,
        currency: posting.account.currency,
        amountMinor: posting.amountMinor,
        commissionId: posting.commissionId ?? null,
      })),
    );
    await insertRows(manager, JournalEntryEntity, entryRows);
    await insertRows(manager, LedgerPostingEntity, postingRows);

    const deltas = new Map<string, bigint>();
    for (const row of postingRows) deltas.set(row.accountId, (deltas.get(row.accountId) ?? 0n) + row.amountMinor);
    const moved = [...deltas].filter(([, delta]) => delta !== 0n);
    if (moved.length > 0) {
      await manager.query(
        `UPDATE ledger_accounts a
            SET balance_minor = a.balance_minor + d.delta, version = a.version + 1, updated_at = now()
           FROM unnest($1::uuid[], $2::bigint[]) AS d(id, delta)
          WHERE a.id = d.id AND a.balance_minor IS NOT NULL`,
        [moved.map(([id]) => id), moved.map(([, delta]) => delta.toString())],
      );
    }
    return entryRows.map(({ id }) => ({ id }));
  }

  /**
   * The balance of each account, summed from its postings (not the cache), keyed by
   * `accountKeyString`; an account never posted to is 0. Through `manager` to see the
   * caller's transaction, else on a connection of its own.
   */
  async balances(manager: EntityManager | undefined, keys: readonly AccountKey[]): Promise<Map<string, bigint>> {
    const wanted = distinctKeys(keys);
    const balances = new Map<string, bigint>(keys.map((key) => [accountKeyString(key), 0n]));
    if (wanted.length === 0) return balances;
    const rows = await (manager ?? this.db.manager).query<(AccountRow & { balance: string })[]>(
      `SELECT a.id, a.owner_type, a.owner_id, a.purpose, a.currency, COALESCE(SUM(p.amount_minor), 0)::text AS balance
         FROM ledger_accounts a
         LEFT JOIN ledger_postings p ON p.account_id = a.id
        WHERE a.id IN (${accountIdsSql(1)})
        GROUP BY a.id`,
      keyParameters(wanted),
    );
    for (const row of rows) balances.set(accountKeyString(keyOfRow(row)), BigInt(row.balance));
    return balances;
  }

  /** The entries about one thing (a commission, a payout), oldest first, each with its postings in the order posted. */
  async entriesFor(manager: EntityManager | undefined, reference: { type: string; id: string }): Promise<JournalEntryView[]> {
    const rows = await (manager ?? this.db.manager).query<EntryPostingRow[]>(
      `SELECT e.id AS entry_id, e.kind, e.memo, e.reference_type, e.reference_id, e.actor_type, e.actor_id, e.created_at,
              p.id AS posting_id, p.account_id, p.amount_minor::text AS amount_minor, p.commission_id,
              a.owner_type, a.owner_id, a.purpose, a.currency
         FROM journal_entries e
         JOIN ledger_postings p ON p.entry_id = e.id
         JOIN ledger_accounts a ON a.id = p.account_id
        WHERE e.reference_type = $1 AND e.reference_id = $2
        ORDER BY e.created_at, e.id, p.id`,
      [reference.type, reference.id],
    );
    const entries = new Map<string, JournalEntryView>();
    for (const row of rows) {
      let entry = entries.get(row.entry_id);
      if (!entry) {
        entry = {
          id: row.entry_id,
          kind: row.kind,
          memo: row.memo,
          reference: row.reference_type === null || row.reference_id === null ? null : { type: row.reference_type, id: row.reference_id },
          actor: { type: row.actor_type, id: row.actor_id },
          createdAt: row.created_at,
          postings: [],
        };
        entries.set(row.entry_id, entry);
      }
      entry.postings.push({
        id: row.posting_id,
        accountId: row.account_id,
        account: keyOfRow({ ...row, id: row.account_id }),
        currency: row.currency,
        amountMinor: BigInt(row.amount_minor),
        commissionId: row.commission_id,
      });
    }
    return [...entries.values()];
  }

  /** The platform fee booked for each commission (0 for one never booked), keyed by commission id. */
  async commissionFees(manager: EntityManager | undefined, commissionIds: readonly string[]): Promise<Map<string, bigint>> {
    const fees = new Map<string, bigint>(commissionIds.map((id) => [id, 0n]));
    if (commissionIds.length === 0) return fees;
    const rows = await (manager ?? this.db.manager).query<BookRow[]>(`${COMMISSION_BOOKS_SQL} WHERE c.id = ANY($1::uuid[])`, [commissionIds, COMMISSION_ENTRY_KINDS]);
    for (const row of rows) fees.set(row.id, BigInt(row.booked_fee_minor));
    return fees;
  }

  /**
   * Posts the exact negation of the `original` entries about `reference` that are not yet
   * reversed by a `reversal` entry (a failed payout undoes its scheduling): corrections are
   * new entries, never edits. Returns the entries posted.
   */
  async reverse(manager: EntityManager, reference: { type: string; id: string }, original: EntryKind, reversal: EntryKind, memo: string): Promise<{ id: string }[]> {
    const entries = await this.entriesFor(manager, reference);
    const originals = entries.filter((entry) => entry.kind === original);
    const reversed = entries.filter((entry) => entry.kind === reversal).length;
    return this.postMany(
      manager,
      originals.slice(reversed).map((entry) => ({
        kind: reversal,
        memo,
        reference,
        postings: entry.postings.map((posting) => ({ account: posting.account, amountMinor: -posting.amountMinor, commissionId: posting.commissionId })),
      })),
    );
  }

  /**
   * Checks the whole ledger against itself and against commissions, on one snapshot, and
   * logs every difference at error level. See `ReconcileReport`.
   */
  reconcile(): Promise<ReconcileReport> {
    return this.reconciler.reconcile();
  }
}

import { newId } from '@app/core';
import type { EntityManager } from 'typeorm';
import { type AccountKey, accountKeyString, type AccountOwner, type AccountPurpose } from './account-key.js';

/** An account row as the ledger's queries read it. */
export interface AccountRow {
  id: string;
  owner_type: AccountOwner;
  owner_id: string | null;
  purpose: AccountPurpose;
  currency: string;
}

export function keyOfRow(row: AccountRow): AccountKey {
  return { owner: row.owner_type, ownerId: row.owner_id, purpose: row.purpose, currency: row.currency };
}

/** The distinct keys, in one fixed order (so concurrent callers create missing accounts in the same order). */
export function distinctKeys(keys: readonly AccountKey[]): AccountKey[] {
  const byString = new Map<string, AccountKey>();
  for (const key of keys) byString.set(accountKeyString(key), key);
  return [...byString.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, key]) => key);
}

/** The keys as the four parallel arrays the queries below unnest, from parameter `$first`. */
export function keyParameters(keys: readonly AccountKey[]): [string[], (string | null)[], string[], string[]] {
  return [keys.map((k) => k.owner), keys.map((k) => k.ownerId), keys.map((k) => k.purpose), keys.map((k) => k.currency)];
}

/**
 * The ids of the accounts named by the key arrays at `$first`…`$first+3`. Owner ids are
 * compared with `=` where there is one and with `IS NULL` for the platform, so both halves
 * can use the unique key index (`IS NOT DISTINCT FROM` could not).
 */
export function accountIdsSql(first: number): string {
  const keys = `unnest($${first}::text[], $${first + 1}::uuid[], $${first + 2}::text[], $${first + 3}::char(3)[]) AS k(owner_type, owner_id, purpose, currency)`;
  return `SELECT a.id FROM ledger_accounts a JOIN ${keys}
             ON a.owner_type = k.owner_type AND a.owner_id = k.owner_id AND a.purpose = k.purpose AND a.currency = k.currency
          UNION ALL
          SELECT a.id FROM ledger_accounts a JOIN ${keys}
             ON k.owner_id IS NULL AND a.owner_id IS NULL AND a.owner_type = k.owner_type AND a.purpose = k.purpose AND a.currency = k.currency`;
}

/**
 * Makes the accounts that do not exist yet and locks every one with a cached balance
 * (`FOR UPDATE`, in id order, so two transactions posting to the same accounts queue instead
 * of deadlocking).
 * Returns the account id of each key string.
 */
export async function ensureAndLockAccounts(manager: EntityManager, keys: readonly AccountKey[]): Promise<Map<string, string>> {
  const wanted = distinctKeys(keys);
  const parameters = keyParameters(wanted);
  const findIds = async () => (await manager.query<{ id: string }[]>(`SELECT id FROM (${accountIdsSql(1)}) ids`, parameters)).map((row) => row.id);
  let found = await findIds();
  if (found.length < wanted.length) {
    // Only when an account is missing: an INSERT … ON CONFLICT on an existing row would wait
    // for every transaction that moved its cached balance. A concurrent first use of the same
    // key waits here for the other transaction, then finds its row.
    await manager.query(
      `INSERT INTO ledger_accounts (id, owner_type, owner_id, purpose, currency, balance_minor)
       SELECT k.id, k.owner_type, k.owner_id, k.purpose, k.currency, CASE WHEN k.owner_type = 'PLATFORM' THEN NULL ELSE 0 END
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::char(3)[]) WITH ORDINALITY AS k(id, owner_type, owner_id, purpose, currency, n)
        ORDER BY k.n
       ON CONFLICT DO NOTHING`,
      [wanted.map(() => newId()), ...parameters],
    );
    found = await findIds();
  }
  // The accounts with a cached balance are locked, by id alone: under READ COMMITTED, a row
  // another transaction updated meanwhile is re-checked against the locking query's WHERE,
  // and a re-check through the key join can drop it; a re-check of `id = ANY` cannot. The
  // platform's accounts cache nothing, so nobody waits for them.
  const rows = await manager.query<(AccountRow & { cached: boolean })[]>(
    `SELECT id, owner_type, owner_id, purpose, currency, balance_minor IS NOT NULL AS cached FROM ledger_accounts WHERE id = ANY($1::uuid[]) ORDER BY id`,
    [found],
  );
  const cached = rows.filter((row) => row.cached).map((row) => row.id);
  if (cached.length > 0) await manager.query(`SELECT id FROM ledger_accounts WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [cached]);
  const ids = new Map(rows.map((row) => [accountKeyString(keyOfRow(row)), row.id]));
  for (const key of wanted) {
    if (!ids.has(accountKeyString(key))) throw new Error(`Ledger account ${accountKeyString(key)} was neither found nor created`);
  }
  return ids;
}

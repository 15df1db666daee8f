import { LedgerReconciler, type ReconcileReport } from '@app/ledger';
import type { DataSource } from 'typeorm';

/** A reconciliation report with money as decimal strings, so a failed expectation prints readably. */
export type PlainReport = ReturnType<typeof plainReport>;

function plainReport(report: ReconcileReport) {
  const text = <T extends object>(row: T) =>
    Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'bigint' ? value.toString() : value])) as {
      [K in keyof T]: T[K] extends bigint ? string : T[K];
    };
  return {
    balanced: report.balanced,
    unbalancedEntries: report.unbalancedEntries,
    cachedBalanceDifferences: report.cachedBalanceDifferences.map(text),
    commissionDifferences: report.commissionDifferences.map(text),
    totalsByCurrency: report.totalsByCurrency.map(text),
  };
}

/** Reconciles the ledger of `db` (as the hourly job does) and returns the report in plain form. */
export async function reconcileLedger(db: DataSource): Promise<PlainReport> {
  return plainReport(await new LedgerReconciler(db).reconcile());
}

/**
 * Fails unless the ledger of `db` is sound: every entry balanced per currency with at least
 * two postings, every cached balance the sum of its postings, every commission booked at
 * what its status and amount say, and every currency summing to zero. On failure the
 * message shows the differences.
 */
export async function expectLedgerBalanced(db: DataSource): Promise<void> {
  const report = await reconcileLedger(db);
  expect(report).toEqual({
    balanced: true,
    unbalancedEntries: [],
    cachedBalanceDifferences: [],
    commissionDifferences: [],
    totalsByCurrency: report.totalsByCurrency.map(({ currency }) => ({ currency, sumMinor: '0' })),
  });
}

/** A commission's journal entries, oldest first, as `[kind, [[purpose, amount], …]]`, postings in the order posted. */
export async function commissionBookings(db: DataSource, commissionId: string): Promise<[string, [string, string][]][]> {
  const rows: { entry_id: string; kind: string; purpose: string; amount: string }[] = await db.query(
    `SELECT e.id AS entry_id, e.kind, a.purpose, p.amount_minor::text AS amount
       FROM journal_entries e
       JOIN ledger_postings p ON p.entry_id = e.id
       JOIN ledger_accounts a ON a.id = p.account_id
      WHERE e.reference_type = 'commission' AND e.reference_id = $1
      ORDER BY e.created_at, e.id, p.id`,
    [commissionId],
  );
  const entries = new Map<string, [string, [string, string][]]>();
  for (const row of rows) {
    if (!entries.has(row.entry_id)) entries.set(row.entry_id, [row.kind, []]);
    entries.get(row.entry_id)![1].push([row.purpose, row.amount]);
  }
  return [...entries.values()];
}

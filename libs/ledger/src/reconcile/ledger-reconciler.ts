import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AccountKey } from '../accounts/account-key.js';
import { type AccountRow, keyOfRow } from '../accounts/account-rows.js';
import { recognizedAmounts } from '../commissions/commission-recognition.js';
import { type BookRow, COMMISSION_BOOKS_SQL, toBookState } from '../commissions/commission-book-rows.js';
import { COMMISSION_ENTRY_KINDS } from '../journal/entry-kind.js';

/** An account whose cached balance is not the sum of its postings. */
export interface CachedBalanceDifference {
  accountId: string;
  account: AccountKey;
  cachedMinor: bigint;
  postedMinor: bigint;
}

/** A commission whose booked amount or fee is not what its status and amount say (or postings naming no commission). */
export interface CommissionDifference {
  commissionId: string;
  /** Null when the postings name a commission that does not exist. */
  status: string | null;
  currency: string | null;
  expectedMinor: bigint;
  bookedMinor: bigint;
  expectedFeeMinor: bigint;
  bookedFeeMinor: bigint;
}

export interface ReconcileReport {
  /** True when every list below is empty and every currency sums to zero. */
  balanced: boolean;
  checkedAt: Date;
  /** Entries whose postings do not sum to zero in some currency, or that have fewer than two (at most `REPORT_LIMIT`). */
  unbalancedEntries: string[];
  cachedBalanceDifferences: CachedBalanceDifference[];
  commissionDifferences: CommissionDifference[];
  /** Σ of every posting per currency: zero in a sound ledger. */
  totalsByCurrency: { currency: string; sumMinor: bigint }[];
}

/** Each list of differences stops at this many; more means something systematic, and the first ones tell what. */
export const REPORT_LIMIT = 1_000;
const COMMISSION_BATCH = 5_000;

/**
 * The ledger checked against itself and against commissions, on one REPEATABLE READ
 * snapshot so that concurrent postings cannot show as differences. Reads only.
 */
@Injectable()
export class LedgerReconciler {
  private readonly logger = new Logger(LedgerReconciler.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async reconcile(): Promise<ReconcileReport> {
    const report = await this.db.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      const unbalancedEntries = await this.unbalancedEntries(manager);
      const cachedBalanceDifferences = await this.cachedBalanceDifferences(manager);
      const commissionDifferences = await this.commissionDifferences(manager);
      const totals = await manager.query<{ currency: string; sum: string }[]>(
        `SELECT currency, SUM(amount_minor)::text AS sum FROM ledger_postings GROUP BY currency ORDER BY currency`,
      );
      const totalsByCurrency = totals.map((row) => ({ currency: row.currency, sumMinor: BigInt(row.sum) }));
      return {
        balanced:
          unbalancedEntries.length === 0 &&
          cachedBalanceDifferences.length === 0 &&
          commissionDifferences.length === 0 &&
          totalsByCurrency.every((total) => total.sumMinor === 0n),
        checkedAt: new Date(),
        unbalancedEntries,
        cachedBalanceDifferences,
        commissionDifferences,
        totalsByCurrency,
      };
    });
    this.log(report);
    return report;
  }

  private async unbalancedEntries(manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH per_currency AS (
              SELECT entry_id, SUM(amount_minor) AS sum, count(*) AS lines FROM ledger_postings GROUP BY entry_id, currency
            ), per_entry AS (
              SELECT entry_id, bool_or(sum <> 0) AS unbalanced, SUM(lines) AS lines FROM per_currency GROUP BY entry_id
            )
       SELECT e.id FROM journal_entries e LEFT JOIN per_entry p ON p.entry_id = e.id
        WHERE p.entry_id IS NULL OR p.unbalanced OR p.lines < 2
        ORDER BY e.id LIMIT $1`,
      [REPORT_LIMIT],
    );
    return rows.map((row) => row.id);
  }

  private async cachedBalanceDifferences(manager: EntityManager): Promise<CachedBalanceDifference[]> {
    const rows = await manager.query<(AccountRow & { cached: string; posted: string })[]>(
      `SELECT a.id, a.owner_type, a.owner_id, a.purpose, a.currency, a.balance_minor::text AS cached, COALESCE(p.posted, 0)::text AS posted
         FROM ledger_accounts a
         LEFT JOIN (SELECT account_id, SUM(amount_minor) AS posted FROM ledger_postings GROUP BY account_id) p ON p.account_id = a.id
        WHERE a.balance_minor IS NOT NULL AND a.balance_minor <> COALESCE(p.posted, 0)
        ORDER BY a.id LIMIT $1`,
      [REPORT_LIMIT],
    );
    return rows.map((row) => ({ accountId: row.id, account: keyOfRow(row), cachedMinor: BigInt(row.cached), postedMinor: BigInt(row.posted) }));
  }

  /** Every commission, a batch at a time in id order, with the same reading and the same rule `CommissionBooks.sync` books by. */
  private async commissionDifferences(manager: EntityManager): Promise<CommissionDifference[]> {
    const differences: CommissionDifference[] = [];
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await manager.query<BookRow[]>(`${COMMISSION_BOOKS_SQL} WHERE c.id > $1::uuid ORDER BY c.id LIMIT $3`, [after, COMMISSION_ENTRY_KINDS, COMMISSION_BATCH]);
      for (const row of rows) {
        const state = toBookState(row);
        const expected = recognizedAmounts(state);
        if (expected.amountMinor === state.bookedMinor && expected.feeMinor === state.bookedFeeMinor) continue;
        differences.push({
          commissionId: state.id,
          status: state.status,
          currency: state.currency,
          expectedMinor: expected.amountMinor,
          bookedMinor: state.bookedMinor,
          expectedFeeMinor: expected.feeMinor,
          bookedFeeMinor: state.bookedFeeMinor,
        });
        if (differences.length >= REPORT_LIMIT) return differences;
      }
      if (rows.length < COMMISSION_BATCH) break;
      after = rows.at(-1)!.id;
    }
    // What commission entries still book for commissions that do not exist (expected: nothing).
    const orphans = await manager.query<{ commission_id: string; currency: string; booked: string; booked_fee: string }[]>(
      `SELECT p.commission_id, min(p.currency) AS currency,
              COALESCE(-SUM(p.amount_minor) FILTER (WHERE a.purpose IN ('CREATOR_PAYABLE', 'CREATOR_RECEIVABLE')), 0)::text AS booked,
              COALESCE(-SUM(p.amount_minor) FILTER (WHERE a.purpose = 'PLATFORM_FEES'), 0)::text AS booked_fee
         FROM ledger_postings p
         JOIN journal_entries e ON e.id = p.entry_id
         JOIN ledger_accounts a ON a.id = p.account_id
        WHERE p.commission_id IS NOT NULL AND e.kind = ANY($2::text[]) AND NOT EXISTS (SELECT 1 FROM commissions c WHERE c.id = p.commission_id)
        GROUP BY p.commission_id
       HAVING COALESCE(SUM(p.amount_minor) FILTER (WHERE a.purpose IN ('CREATOR_PAYABLE', 'CREATOR_RECEIVABLE')), 0) <> 0
           OR COALESCE(SUM(p.amount_minor) FILTER (WHERE a.purpose = 'PLATFORM_FEES'), 0) <> 0
        ORDER BY p.commission_id LIMIT $1`,
      [REPORT_LIMIT - differences.length, COMMISSION_ENTRY_KINDS],
    );
    for (const row of orphans) {
      differences.push({
        commissionId: row.commission_id,
        status: null,
        currency: row.currency,
        expectedMinor: 0n,
        bookedMinor: BigInt(row.booked),
        expectedFeeMinor: 0n,
        bookedFeeMinor: BigInt(row.booked_fee),
      });
    }
    return differences;
  }

  private log(report: ReconcileReport): void {
    const totals = report.totalsByCurrency.map((total) => ({ currency: total.currency, sumMinor: total.sumMinor.toString() }));
    if (report.balanced) {
      this.logger.log({ totals }, 'Ledger reconciled: balanced');
      return;
    }
    for (const entryId of report.unbalancedEntries) this.logger.error({ entryId }, 'Ledger entry does not balance');
    for (const difference of report.cachedBalanceDifferences) {
      this.logger.error(
        { ...difference, cachedMinor: difference.cachedMinor.toString(), postedMinor: difference.postedMinor.toString() },
        'Ledger account cached balance differs from its postings',
      );
    }
    for (const difference of report.commissionDifferences) {
      this.logger.error(
        {
          ...difference,
          expectedMinor: difference.expectedMinor.toString(),
          bookedMinor: difference.bookedMinor.toString(),
          expectedFeeMinor: difference.expectedFeeMinor.toString(),
          bookedFeeMinor: difference.bookedFeeMinor.toString(),
        },
        'Commission booked amount differs from its status and amount',
      );
    }
    this.logger.error(
      {
        totals,
        unbalancedEntries: report.unbalancedEntries.length,
        cachedBalanceDifferences: report.cachedBalanceDifferences.length,
        commissionDifferences: report.commissionDifferences.length,
      },
      'Ledger reconciliation found differences',
    );
  }
}

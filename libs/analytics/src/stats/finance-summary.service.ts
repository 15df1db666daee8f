import { CommissionKind, type CommissionStatus, toMoneyTotalModel } from '@app/commissions';
import { type Actor, assertAnyRole, csvRow, minorToDecimal, Role, toMoneyModel } from '@app/core';
import { type PayoutRunStatus, unfundedBalances } from '@app/payouts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { FINANCE_LIST_LIMIT, type FinanceSummary, type FinanceSummaryExport } from './finance-summary.model.js';
import { dayRange, type DayRange } from './stats-range.js';

const FINANCE = [Role.FINANCE, Role.ADMIN];
const HEADER = ['section', 'id', 'name', 'status', 'currency', 'count', 'amount', 'created_at'];

/** Commissions, payout runs, open clawbacks and unfunded brand balances, for finance. */
@Injectable()
export class FinanceSummaryService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async summary(actor: Actor, from: string, to: string): Promise<FinanceSummary> {
    assertAnyRole(actor, FINANCE, 'read the finance summary');
    const range = dayRange(from, to);
    return this.db.transaction('REPEATABLE READ', (manager) => this.read(manager, range));
  }

  async exportSummary(actor: Actor, from: string, to: string): Promise<FinanceSummaryExport> {
    assertAnyRole(actor, FINANCE, 'export the finance summary');
    const range = dayRange(from, to);
    const summary = await this.db.transaction('REPEATABLE READ', (manager) => this.read(manager, range));
    const amount = (money: { amountMinor: string; currency: string }) => minorToDecimal(BigInt(money.amountMinor), money.currency);
    const rows: (string | number | null)[][] = [
      ...summary.commissions.map((row) => ['COMMISSIONS', null, null, row.status, row.currency, row.count, amount(row.amount), null]),
      ...summary.payoutRuns.map((run) => ['PAYOUT_RUN', run.runId, null, run.status, run.currency, run.payoutCount, amount(run.total), run.createdAt.toISOString()]),
      ...summary.outstandingClawbacks.map((row) => ['CLAWBACKS', null, null, null, row.currency, row.count, amount(row.sum), null]),
      ...summary.fundingOwed.map((row) => ['FUNDING_OWED', row.organizationId, row.organizationName, null, row.owed.currency, null, amount(row.owed), null]),
    ];
    const csv = csvRow(HEADER) + rows.map(csvRow).join('');
    return { filename: `finance-summary-${range.from}-${range.to}.csv`, contentType: 'text/csv; charset=utf-8', rowCount: rows.length, csv };
  }

  private async read(manager: EntityManager, range: DayRange): Promise<FinanceSummary> {
    // Days are UTC: the range is [from 00:00 UTC, to + 1 day 00:00 UTC).
    const bounds = [range.from, range.to];
    const commissions = await manager.query<{ status: CommissionStatus; currency: string; count: number; sum: string }[]>(
      `SELECT status, currency, count(*)::int AS count, sum(amount_minor)::text AS sum
         FROM commissions
        WHERE ordered_at >= ($1::date)::timestamp AT TIME ZONE 'UTC' AND ordered_at < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'
        GROUP BY status, currency ORDER BY currency, status`,
      bounds,
    );
    const runs = await manager.query<
      { id: string; currency: string; status: PayoutRunStatus; created_at: Date; completed_at: Date | null; payout_count: number; total_minor: string; sent: number; pending: number; failed: number }[]
    >(
      `SELECT r.id, r.currency, r.status, r.created_at, r.completed_at, r.payout_count, r.total_minor::text AS total_minor,
              count(p.id) FILTER (WHERE p.status = 'SENT')::int AS sent,
              count(p.id) FILTER (WHERE p.status = 'PENDING')::int AS pending,
              count(p.id) FILTER (WHERE p.status = 'FAILED')::int AS failed
         FROM (SELECT * FROM payout_runs
                WHERE created_at >= ($1::date)::timestamp AT TIME ZONE 'UTC' AND created_at < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'
                ORDER BY created_at DESC, id DESC LIMIT $3) r
         LEFT JOIN payouts p ON p.run_id = r.id
        GROUP BY r.id, r.currency, r.status, r.created_at, r.completed_at, r.payout_count, r.total_minor
        ORDER BY r.created_at DESC, r.id DESC`,
      [...bounds, FINANCE_LIST_LIMIT + 1],
    );
    const clawbacks = await manager.query<{ currency: string; count: number; sum: string }[]>(
      `SELECT currency, count(*)::int AS count, sum(amount_minor)::text AS sum
         FROM commissions WHERE kind = $1 AND status NOT IN ('PAID', 'REJECTED', 'REVERSED')
        GROUP BY currency ORDER BY currency`,
      [CommissionKind.CLAWBACK],
    );
    const owed = await this.fundingOwed(manager);
    return {
      from: range.from,
      to: range.to,
      commissions: commissions.map((row) => ({ status: row.status, currency: row.currency, count: row.count, amount: toMoneyModel({ amountMinor: BigInt(row.sum), currency: row.currency }) })),
      payoutRuns: runs.slice(0, FINANCE_LIST_LIMIT).map((run) => ({
        runId: run.id,
        currency: run.currency,
        status: run.status,
        createdAt: run.created_at,
        completedAt: run.completed_at,
        payoutCount: run.payout_count,
        total: toMoneyModel({ amountMinor: BigInt(run.total_minor), currency: run.currency }),
        sent: run.sent,
        pending: run.pending,
        failed: run.failed,
      })),
      payoutRunsTruncated: runs.length > FINANCE_LIST_LIMIT,
      outstandingClawbacks: clawbacks.map((row) => toMoneyTotalModel(row.currency, row.count, BigInt(row.sum))),
      fundingOwed: owed.slice(0, FINANCE_LIST_LIMIT).map((row) => ({
        organizationId: row.organization_id,
        organizationName: row.name,
        owed: toMoneyModel({ amountMinor: BigInt(row.owed), currency: row.currency }),
      })),
      fundingOwedTruncated: owed.length > FINANCE_LIST_LIMIT,
    };
  }

  /** The brands owing unfunded money, largest first, with their names: one more than the list shows, to tell it was cut. */
  private async fundingOwed(manager: EntityManager): Promise<{ organization_id: string; name: string; currency: string; owed: string }[]> {
    const owing = await unfundedBalances(manager, { owingOnly: true, limit: FINANCE_LIST_LIMIT + 1 });
    const names = await manager.query<{ id: string; name: string }[]>(`SELECT id, name FROM organizations WHERE id = ANY($1::uuid[])`, [
      [...new Set(owing.map((row) => row.organizationId))],
    ]);
    const nameOf = new Map(names.map((row) => [row.id, row.name]));
    return owing.map((row) => ({ organization_id: row.organizationId, name: nameOf.get(row.organizationId) ?? '', currency: row.currency, owed: String(row.unfundedMinor) }));
  }
}

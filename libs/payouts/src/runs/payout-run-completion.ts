import { type AuditActor, type AuditService, changedFields } from '@app/audit';
import type { DataSource } from 'typeorm';
import { PayoutRunStatus } from './payout-status.js';

/**
 * Marks SENDING runs COMPLETED once none of their payouts is PENDING (only `runIds`, when
 * given), each with its audit entry, in one transaction. Runs after the payouts' own
 * commits, so the last payout of a run to settle sees every other one settled. Returns how
 * many runs it completed.
 */
export async function completeFinishedRuns(db: DataSource, audit: AuditService, actor: AuditActor, runIds?: readonly string[]): Promise<number> {
  return db.transaction(async (manager) => {
    // For UPDATE, TypeORM answers [rows, affected count].
    const [rows]: [{ id: string }[], number] = await manager.query(
      `UPDATE payout_runs r SET status = 'COMPLETED', completed_at = now()
        WHERE r.status = 'SENDING' AND ($1::uuid[] IS NULL OR r.id = ANY($1::uuid[]))
          AND NOT EXISTS (SELECT 1 FROM payouts p WHERE p.run_id = r.id AND p.status = 'PENDING')
        RETURNING r.id`,
      [runIds ?? null],
    );
    await audit.recordMany(
      manager,
      rows.map((row) => ({
        actor,
        action: 'payout_run.status_changed',
        entityType: 'payout_run',
        entityId: row.id,
        ...changedFields({ status: PayoutRunStatus.SENDING }, { status: PayoutRunStatus.COMPLETED }),
      })),
    );
    return rows.length;
  });
}

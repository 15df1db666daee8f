import { AuditService, systemActor } from '@app/audit';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CommissionStatus } from './commission-status.js';

const BATCH = 1_000;
const ACTOR = systemActor('release-elapsed-holds');

/**
 * The scheduled end of hold windows: PENDING commissions whose window has elapsed become
 * ELIGIBLE, a batch per transaction with one audit row each. Running it twice, or on two
 * workers at once, moves each commission once (the update re-checks the status, and
 * SKIP LOCKED keeps the runs apart).
 */
@Injectable()
export class HoldReleaseService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async releaseElapsed(now = new Date()): Promise<number> {
    let released = 0;
    for (;;) {
      const batch = await this.db.transaction(async (manager) => {
        // For UPDATE, TypeORM answers [rows, affected count].
        const [rows]: [{ id: string; organization_id: string }[], number] = await manager.query(
          `UPDATE commissions SET status = $1, updated_at = now()
            WHERE id IN (SELECT id FROM commissions WHERE status = $2 AND eligible_at <= $3 ORDER BY eligible_at LIMIT $4 FOR UPDATE SKIP LOCKED)
            RETURNING id, organization_id`,
          [CommissionStatus.ELIGIBLE, CommissionStatus.PENDING, now, BATCH],
        );
        await this.audit.recordMany(
          manager,
          rows.map((row) => ({
            actor: ACTOR,
            organizationId: row.organization_id,
            action: 'commission.status_changed',
            entityType: 'commission',
            entityId: row.id,
            before: { status: CommissionStatus.PENDING },
            after: { status: CommissionStatus.ELIGIBLE },
            reason: 'hold window elapsed',
          })),
        );
        return rows.length;
      });
      released += batch;
      if (batch < BATCH) return released;
    }
  }
}

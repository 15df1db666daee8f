import { type AppConfig, InjectConfig } from '@app/core';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DRAIN_LOCK } from './rollup.service.js';

/** Rows deleted per transaction: short locks, and the redirector's inserts never wait long. */
const BATCH = 5_000;
/** One run stops after this long; the next night continues where it stopped. */
const BUDGET_MS = 10 * 60_000;

export interface ClickPurgeResult {
  /** Clicks older than this were eligible. */
  cutoff: Date;
  deleted: number;
}

/**
 * Raw click rows are personal data of the shoppers (a visitor hash, a country, a device):
 * once older than CLICK_RETENTION_DAYS and counted in the rollups, they are deleted. The
 * rollups keep the counts; rows whose hour still waits for the rollup drain stay until it
 * has run, and so does every row of a link with a mark within a day of it (the drain
 * recomputes whole days, and must find the whole day's rows).
 */
@Injectable()
export class ClickRetentionService {
  private readonly logger = new Logger(ClickRetentionService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async purge({ now = new Date(), batch = BATCH, budgetMs = BUDGET_MS }: { now?: Date; batch?: number; budgetMs?: number } = {}): Promise<ClickPurgeResult> {
    const cutoff = new Date(now.getTime() - this.config.tracking.clickRetentionDays * 86_400_000);
    const deadline = Date.now() + budgetMs;
    let deleted = 0;
    for (;;) {
      const count = await this.db.transaction(async (manager) => {
        // Under the drain's lock: no drain is between taking a mark and recomputing its day.
        await manager.query(`SELECT pg_advisory_xact_lock($1)`, [DRAIN_LOCK]);
        // DELETE comes back as [rows, count].
        const [, n] = (await manager.query(
          `DELETE FROM click_events c USING (
             SELECT e.id, e.clicked_at FROM click_events e
              WHERE e.clicked_at < $1
                AND NOT EXISTS (
                  SELECT 1 FROM analytics_dirty_links d
                   WHERE d.link_id = e.link_id AND d.hour > e.clicked_at - interval '26 hours' AND d.hour < e.clicked_at + interval '26 hours')
              ORDER BY e.clicked_at
              LIMIT $2) doomed
           WHERE c.id = doomed.id AND c.clicked_at = doomed.clicked_at`,
          [cutoff, batch],
        )) as [unknown, number];
        return n;
      });
      deleted += count;
      if (count < batch || Date.now() > deadline) break;
    }
    if (deleted > 0) this.logger.log({ cutoff, deleted }, 'Deleted raw clicks past the retention period');
    return { cutoff, deleted };
  }
}

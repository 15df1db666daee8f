import { type AppConfig, InjectConfig } from '@app/core';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { applyCampaignChanges, CAMPAIGN_CLICKS, CAMPAIGN_SALES, recomputeCampaignDaysSince } from './campaign-rollup.js';
import { type LinkHour, recomputeClickDays } from './click-rollup.js';
import { markForRecompute } from './rollup-marks.js';
import { type EnrollmentHour, recomputeSaleDays } from './sale-rollup.js';

/** One drain's work. */
export interface DrainResult {
  linkHours: number;
  enrollmentHours: number;
  clickDays: number;
  saleDays: number;
  rebuilds: number;
  /** False when another worker holds the drain: this one did nothing. */
  ran: boolean;
}

/** Keys taken per transaction: small enough for short locks, large enough to keep up with the redirector. */
const BATCH = 2_000;
/** One drain stops after this long, so a backlog never holds a worker for minutes. */
const DRAIN_BUDGET_MS = 20_000;
/** Only one worker drains at a time: two recomputing one day from different snapshots could leave the older count. */
export const DRAIN_LOCK = 0x616e_616c; // 'anal'

/**
 * Keeps the rollups equal to their source rows. The triggers mark changed hours in the
 * changes' own transactions; each drain transaction takes a batch of marks, recomputes the
 * days they fall on from source rows, and removes the marks, so a mark is never lost (a
 * failed drain leaves it) and a day recomputed twice comes out the same.
 */
@Injectable()
export class RollupService {
  private readonly logger = new Logger(RollupService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Drains marks until none is left or the time budget is spent. */
  async drain({ budgetMs = DRAIN_BUDGET_MS, batch = BATCH }: { budgetMs?: number; batch?: number } = {}): Promise<DrainResult> {
    const total: DrainResult = { linkHours: 0, enrollmentHours: 0, clickDays: 0, saleDays: 0, rebuilds: 0, ran: true };
    const deadline = Date.now() + budgetMs;
    for (;;) {
      const step = await this.db.transaction(async (manager) => {
        const [{ locked }] = (await manager.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [DRAIN_LOCK])) as [{ locked: boolean }];
        if (!locked) return null;
        const rebuilds = await this.takeRebuilds(manager);
        const links = await this.takeLinkHours(manager, batch);
        const enrollments = await this.takeEnrollmentHours(manager, batch);
        const clicks = await recomputeClickDays(manager, links);
        const sales = await recomputeSaleDays(manager, enrollments);
        // Campaign totals follow the finer rows in the same transaction: readers never see them disagree.
        await applyCampaignChanges(manager, CAMPAIGN_CLICKS, clicks);
        await applyCampaignChanges(manager, CAMPAIGN_SALES, sales);
        return { rebuilds, linkHours: links.length, enrollmentHours: enrollments.length, clickDays: clicks.written.length, saleDays: sales.written.length };
      });
      if (!step) return { ...total, ran: total.linkHours + total.enrollmentHours + total.rebuilds > 0 };
      total.rebuilds += step.rebuilds;
      total.linkHours += step.linkHours;
      total.enrollmentHours += step.enrollmentHours;
      total.clickDays += step.clickDays;
      total.saleDays += step.saleDays;
      const more = step.rebuilds > 0 || step.linkHours === batch || step.enrollmentHours === batch;
      if (!more || Date.now() > deadline) return total;
    }
  }

  /**
   * The nightly correction: re-marks the last `days` days (and their rollup rows) from
   * source, drains them all, then recomputes the campaign totals of those days from the
   * corrected rows (a campaign row with no finer rows left has no mark to be found by).
   */
  async correctRecent(days: number, now = new Date()): Promise<DrainResult> {
    // A day further back, so the first of those days is whole in every time zone.
    const since = new Date(now.getTime() - (days + 1) * 86_400_000);
    await this.db.transaction((manager) => markForRecompute(manager, { since }));
    const result = await this.drain({ budgetMs: 30 * 60_000 });
    await this.db.transaction(async (manager) => {
      // Under the drain's lock, so no drain changes the finer rows meanwhile.
      await manager.query(`SELECT pg_advisory_xact_lock($1)`, [DRAIN_LOCK]);
      await recomputeCampaignDaysSince(manager, CAMPAIGN_CLICKS, since);
      await recomputeCampaignDaysSince(manager, CAMPAIGN_SALES, since);
    });
    this.logger.log({ days, ...result }, 'Analytics rollups corrected from source rows');
    return result;
  }

  /** Seconds since the oldest mark still waiting: how far the rollups lag behind their sources (0 when none waits). */
  async lagSeconds(): Promise<number> {
    const [{ lag }] = (await this.db.query(
      `SELECT coalesce(extract(epoch FROM now() - least((SELECT min(marked_at) FROM analytics_dirty_links), (SELECT min(marked_at) FROM analytics_dirty_enrollments))), 0)::float AS lag`,
    )) as [{ lag: number }];
    return lag;
  }

  private async takeRebuilds(manager: EntityManager): Promise<number> {
    // DELETE … RETURNING comes back as [rows, count].
    const [taken] = (await manager.query(
      `DELETE FROM analytics_rebuild_requests WHERE organization_id IN (
         SELECT organization_id FROM analytics_rebuild_requests ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING organization_id`,
    )) as [{ organization_id: string }[], number];
    // Only days whose raw clicks are all still kept can be rebuilt under the new time zone; older
    // days keep the rows they were rolled up with (see clickRebuildSince).
    const clicksSince = clickRebuildSince(new Date(), this.config.tracking.clickRetentionDays);
    for (const { organization_id } of taken) await markForRecompute(manager, { organizationId: organization_id, clicksSince });
    return taken.length;
  }

  private async takeLinkHours(manager: EntityManager, batch: number): Promise<LinkHour[]> {
    return (await takeMarks(manager, 'analytics_dirty_links', 'link_id', batch)).map((row) => ({ linkId: row.id, hour: row.hour }));
  }

  private async takeEnrollmentHours(manager: EntityManager, batch: number): Promise<EnrollmentHour[]> {
    return (await takeMarks(manager, 'analytics_dirty_enrollments', 'enrollment_id', batch)).map((row) => ({ enrollmentId: row.id, hour: row.hour }));
  }
}

/**
 * The earliest time a rebuild may recompute from source rows: two days after the click
 * retention cutoff, so that every day it recomputes (in any time zone, up to 14 hours off
 * UTC) lies wholly after the cutoff and still has all its raw clicks. The nightly correction
 * goes back far less (CORRECTION_DAYS; the retention is at least 30 days).
 */
export function clickRebuildSince(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - (retentionDays - 2) * 86_400_000);
}

/** Takes (and removes, for the rest of the transaction) up to a batch of the oldest marks no other drainer holds. */
async function takeMarks(manager: EntityManager, table: string, key: string, batch: number): Promise<{ id: string; hour: Date }[]> {
  // DELETE … RETURNING comes back as [rows, count].
  const [rows] = (await manager.query(
    `DELETE FROM ${table} d USING (
       SELECT ${key}, hour FROM ${table} ORDER BY marked_at LIMIT $1 FOR UPDATE SKIP LOCKED) t
     WHERE d.${key} = t.${key} AND d.hour = t.hour
     RETURNING d.${key} AS id, d.hour`,
    [batch],
  )) as [{ id: string; hour: Date }[], number];
  return rows;
}

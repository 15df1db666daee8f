import { type AppConfig, InjectConfig, InjectRedis, uuidV7Time } from '@app/core';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import { DataSource, type EntityManager } from 'typeorm';
import { countryFromHeader, deviceClass, isBotAgent, referrerHostName } from './click-context.js';
import { type ClickVisit, decodeClick } from './click-wire.js';
import { UNIQUE_WINDOW_MS, uniqueWindows } from './unique-window.js';

/** A click as `click_events` holds it. */
export interface ClickRow extends Omit<ClickVisit, 'userAgent'> {
  clickedAt: number;
  deviceClass: string;
  isBot: boolean;
  isUnique: boolean;
}

export interface StoredClicks {
  /** Clicks new to the table (a batch delivered twice stores its clicks once). */
  inserted: number;
  /** Lines that were not clicks, left out. */
  rejected: number;
}

function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

/**
 * Moves batches of clicks into `click_events` with one multi-row insert, and adds them to
 * the links' counts in the same transaction. Here, off the redirect path, each click is
 * classified (bot, device) and judged unique or not. Inserting a click that is already
 * there does nothing, and only inserted rows are counted, so a batch may be delivered any
 * number of times with one effect.
 */
@Injectable()
export class ClickIngestService {
  private readonly logger = new Logger(ClickIngestService.name);
  private readonly knownMonths = new Set<string>();
  private readonly prefix: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRedis() private readonly redis: Redis,
    @InjectConfig() config: AppConfig,
  ) {
    this.prefix = config.redis.keyPrefix;
  }

  async store(lines: readonly unknown[]): Promise<StoredClicks> {
    const visits = lines.map(decodeClick).filter((visit): visit is ClickVisit => visit !== null);
    const rejected = lines.length - visits.length;
    if (rejected > 0) this.logger.error({ rejected }, 'Left out queued lines that are not clicks');
    if (visits.length === 0) return { inserted: 0, rejected };
    const rows = await this.classify(visits);
    await this.ensurePartitions(rows.map((row) => row.clickedAt));
    const inserted = await this.db.transaction(async (manager) => {
      const stored = await this.insert(manager, rows);
      await this.count(manager, stored);
      return stored.length;
    });
    return { inserted, rejected };
  }

  /**
   * Creates the month partitions clicks at these times need; a month this process has seen
   * is not asked for again unless `recheck` (rows would otherwise land in the default partition).
   */
  async ensurePartitions(times: readonly number[], { recheck = false }: { recheck?: boolean } = {}): Promise<void> {
    const months = [...new Set(times.map(monthOf))].filter((month) => recheck || !this.knownMonths.has(month));
    for (const month of months) {
      await this.db.query('SELECT ensure_click_events_partition($1::date)', [`${month}-01`]);
      this.knownMonths.add(month);
    }
  }

  /**
   * Bots and device classes from the user agent; uniqueness, in batch order, from the
   * visitors' windows in Redis (see `unique-window.ts`). Bots are never unique and open no
   * window.
   */
  private async classify(visits: readonly ClickVisit[]): Promise<ClickRow[]> {
    const rows = visits.map(({ userAgent, ...visit }): ClickRow => {
      const bot = isBotAgent(userAgent ?? undefined);
      return {
        ...visit,
        country: countryFromHeader(visit.country ?? undefined),
        referrerHost: referrerHostName(visit.referrerHost),
        clickedAt: uuidV7Time(visit.id),
        deviceClass: deviceClass(userAgent ?? undefined),
        isBot: bot,
        isUnique: false,
      };
    });
    const people = rows.filter((row) => !row.isBot);
    if (people.length === 0) return rows;
    const windows = uniqueWindows(this.redis);
    const now = Date.now();
    for (const row of people) windows.uniqueWindow(`${this.prefix}:trk:uq:${row.linkId}:${row.visitorHash}`, row.id, row.clickedAt, UNIQUE_WINDOW_MS, now);
    const replies = (await windows.exec()) ?? [];
    people.forEach((row, index) => {
      const [error, opened] = replies[index] ?? [new Error('Redis gave no reply')];
      if (error) throw error;
      row.isUnique = opened === 1;
    });
    return rows;
  }

  private async insert(manager: EntityManager, rows: ClickRow[]): Promise<{ link_id: string; is_bot: boolean; is_unique: boolean; clicked_at: Date }[]> {
    const column = <T>(pick: (row: ClickRow) => T) => rows.map(pick);
    return manager.query(
      `INSERT INTO click_events (id, clicked_at, link_id, enrollment_id, campaign_id, organization_id, creator_id,
                                 visitor_hash, country, device_class, referrer_host, is_bot, is_unique)
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[],
                            $8::text[], $9::char(2)[], $10::text[], $11::text[], $12::boolean[], $13::boolean[])
       ON CONFLICT DO NOTHING
       RETURNING link_id, is_bot, is_unique, clicked_at`,
      [
        column((r) => r.id),
        column((r) => new Date(r.clickedAt).toISOString()),
        column((r) => r.linkId),
        column((r) => r.enrollmentId),
        column((r) => r.campaignId),
        column((r) => r.organizationId),
        column((r) => r.creatorId),
        column((r) => r.visitorHash),
        column((r) => r.country),
        column((r) => r.deviceClass),
        column((r) => r.referrerHost),
        column((r) => r.isBot),
        column((r) => r.isUnique),
      ],
    );
  }

  /** Adds the inserted clicks to their links' counts, links in id order so concurrent batches never deadlock. */
  private async count(manager: EntityManager, rows: { link_id: string; is_bot: boolean; is_unique: boolean; clicked_at: Date }[]): Promise<void> {
    const perLink = new Map<string, { clicks: number; unique: number; bots: number; last: number | null }>();
    for (const row of rows) {
      const counts = perLink.get(row.link_id) ?? { clicks: 0, unique: 0, bots: 0, last: null };
      if (row.is_bot) counts.bots += 1;
      else {
        counts.clicks += 1;
        if (row.is_unique) counts.unique += 1;
        const at = new Date(row.clicked_at).getTime();
        counts.last = counts.last === null ? at : Math.max(counts.last, at);
      }
      perLink.set(row.link_id, counts);
    }
    if (perLink.size === 0) return;
    const links = [...perLink.keys()].sort();
    const counts = links.map((link) => perLink.get(link)!);
    await manager.query(
      `INSERT INTO referral_link_stats AS s (link_id, clicks, unique_clicks, bot_clicks, last_click_at)
       SELECT u.* FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::bigint[], $5::timestamptz[]) AS u(link_id, clicks, unique_clicks, bot_clicks, last_click_at)
        WHERE EXISTS (SELECT 1 FROM referral_links l WHERE l.id = u.link_id)
       ON CONFLICT (link_id) DO UPDATE SET
         clicks = s.clicks + excluded.clicks,
         unique_clicks = s.unique_clicks + excluded.unique_clicks,
         bot_clicks = s.bot_clicks + excluded.bot_clicks,
         last_click_at = GREATEST(s.last_click_at, excluded.last_click_at)`,
      [
        links,
        counts.map((c) => c.clicks),
        counts.map((c) => c.unique),
        counts.map((c) => c.bots),
        counts.map((c) => (c.last === null ? null : new Date(c.last).toISOString())),
      ],
    );
  }
}

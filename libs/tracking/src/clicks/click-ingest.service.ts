import { type AppConfig, InjectConfig, InjectRedis, uuidV7Time } from '@app/core';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { countryFromHeader, deviceClass, isBotAgent, referrerHostName } from './click-context.js';
import { type ClickVisit, decodeClick } from './click-wire.js';
import { openedWindows } from './unique-window.js';

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

/**
 * Moves batches of clicks into `click_events` with one multi-row insert, and adds them to
 * the links' counts in the same statement. Here, off the redirect path, each click is
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
    return { inserted: await this.insertAndCount(rows), rejected };
  }

  /**
   * Creates the month partitions clicks at these times need; a month this process has seen
   * is not asked for again unless `recheck` (rows would otherwise land in the default partition).
   */
  async ensurePartitions(times: readonly number[], { recheck = false }: { recheck?: boolean } = {}): Promise<void> {
    const months = new Set<string>();
    let month: { from: number; to: number } | null = null;
    for (const time of times) {
      if (month && time >= month.from && time < month.to) continue;
      const date = new Date(time);
      const from = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
      month = { from, to: Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) };
      months.add(new Date(from).toISOString().slice(0, 10));
    }
    for (const first of months) {
      if (!recheck && this.knownMonths.has(first)) continue;
      await this.db.query('SELECT ensure_click_events_partition($1::date)', [first]);
      this.knownMonths.add(first);
    }
  }

  /**
   * Bots and device classes from the user agent; uniqueness from the visitors' windows in
   * Redis (see `unique-window.ts`), one script call per link. Bots are never unique and open
   * no window.
   */
  private async classify(visits: readonly ClickVisit[]): Promise<ClickRow[]> {
    const rows = visits.map((visit): ClickRow => {
      const userAgent = visit.userAgent ?? undefined;
      return {
        id: visit.id,
        linkId: visit.linkId,
        enrollmentId: visit.enrollmentId,
        campaignId: visit.campaignId,
        organizationId: visit.organizationId,
        creatorId: visit.creatorId,
        visitorHash: visit.visitorHash,
        country: countryFromHeader(visit.country ?? undefined),
        referrerHost: referrerHostName(visit.referrerHost),
        clickedAt: uuidV7Time(visit.id),
        deviceClass: deviceClass(userAgent),
        isBot: isBotAgent(userAgent),
        isUnique: false,
      };
    });
    const peopleByLink = new Map<string, ClickRow[]>();
    for (const row of rows) {
      if (row.isBot) continue;
      const clicks = peopleByLink.get(row.linkId);
      if (clicks) clicks.push(row);
      else peopleByLink.set(row.linkId, [row]);
    }
    const now = Date.now();
    await Promise.all(
      [...peopleByLink].map(async ([linkId, clicks]) => {
        const opened = await openedWindows(this.redis, this.prefix, linkId, clicks, now);
        clicks.forEach((click, index) => (click.isUnique = opened[index]!));
      }),
    );
    return rows;
  }

  /**
   * One statement: the batch goes in as JSON, the clicks new to the table are inserted, and
   * their counts added to their links (in link order, so concurrent batches never deadlock).
   * Returns how many clicks were new.
   */
  private async insertAndCount(rows: readonly ClickRow[]): Promise<number> {
    const batch = JSON.stringify(
      rows.map((row) => ({
        id: row.id,
        clicked_at: new Date(row.clickedAt).toISOString(),
        link_id: row.linkId,
        enrollment_id: row.enrollmentId,
        campaign_id: row.campaignId,
        organization_id: row.organizationId,
        creator_id: row.creatorId,
        visitor_hash: row.visitorHash,
        country: row.country,
        device_class: row.deviceClass,
        referrer_host: row.referrerHost,
        is_bot: row.isBot,
        is_unique: row.isUnique,
      })),
    );
    const [{ inserted }] = (await this.db.query(
      `WITH inserted AS (
         INSERT INTO click_events (id, clicked_at, link_id, enrollment_id, campaign_id, organization_id, creator_id,
                                   visitor_hash, country, device_class, referrer_host, is_bot, is_unique)
         SELECT id, clicked_at, link_id, enrollment_id, campaign_id, organization_id, creator_id,
                visitor_hash, country, device_class, referrer_host, is_bot, is_unique
           FROM json_to_recordset($1::json) AS r(id uuid, clicked_at timestamptz, link_id uuid, enrollment_id uuid, campaign_id uuid,
                organization_id uuid, creator_id uuid, visitor_hash text, country char(2), device_class text, referrer_host text,
                is_bot boolean, is_unique boolean)
         ON CONFLICT DO NOTHING
         RETURNING link_id, is_bot, is_unique, clicked_at
       ), counted AS (
         INSERT INTO referral_link_stats AS s (link_id, clicks, unique_clicks, bot_clicks, last_click_at)
         SELECT link_id, count(*) FILTER (WHERE NOT is_bot), count(*) FILTER (WHERE is_unique), count(*) FILTER (WHERE is_bot),
                max(clicked_at) FILTER (WHERE NOT is_bot)
           FROM inserted
          WHERE EXISTS (SELECT 1 FROM referral_links l WHERE l.id = inserted.link_id)
          GROUP BY link_id
          ORDER BY link_id
         ON CONFLICT (link_id) DO UPDATE SET
           clicks = s.clicks + excluded.clicks,
           unique_clicks = s.unique_clicks + excluded.unique_clicks,
           bot_clicks = s.bot_clicks + excluded.bot_clicks,
           last_click_at = GREATEST(s.last_click_at, excluded.last_click_at)
         RETURNING 1
       )
       SELECT count(*)::int AS inserted FROM inserted`,
      [batch],
    )) as [{ inserted: number }];
    return inserted;
  }
}

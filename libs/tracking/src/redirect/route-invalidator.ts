import { CampaignsChanged, EnrollmentsChanged } from '@app/campaigns';
import { type AppConfig, DomainEvents, InjectConfig, InjectRedis } from '@app/core';
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { linkCacheKeys, routeChangesChannel, routeRedisKey } from './link-route.js';

/** The second pass of a change: it settles a reader that read the old row just before the change committed. */
const SETTLE_AFTER_MS = 500;
const CHUNK = 1_000;

/**
 * Tells the redirectors that links changed: deletes their routes from Redis and publishes
 * their cache keys, once at once and once more shortly after. Runs in the API and the
 * worker, after the change has committed; also follows enrollment and campaign changes,
 * which decide whether a link still attributes.
 */
@Injectable()
export class RouteInvalidator implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RouteInvalidator.name);
  private readonly pending = new Set<NodeJS.Timeout>();
  private readonly prefix: string;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    @InjectConfig() config: AppConfig,
    @InjectRedis() private readonly redis: Redis,
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: DomainEvents,
  ) {
    this.prefix = config.redis.keyPrefix;
  }

  onModuleInit(): void {
    this.unsubscribe.push(
      this.events.on(EnrollmentsChanged, ({ enrollmentIds }) => this.linksOf('enrollment_id', enrollmentIds)),
      this.events.on(CampaignsChanged, ({ campaignIds }) => this.linksOf('campaign_id', campaignIds)),
    );
  }

  onApplicationShutdown(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }

  /** Announces changed links by their slug and alias. */
  async links(links: readonly { slug: string; alias: string | null }[]): Promise<void> {
    await this.keys(links.flatMap(linkCacheKeys));
  }

  /**
   * Announces changed cache keys: delete from Redis and publish, now and again shortly. The
   * change itself has committed by then, so a Redis that does not answer is logged, not
   * thrown: redirectors read links again within the minute, and Redis forgets them within
   * the hour.
   */
  async keys(cacheKeys: readonly string[]): Promise<void> {
    if (cacheKeys.length === 0) return;
    try {
      await this.announce(cacheKeys);
    } catch (error) {
      this.logger.error({ err: error, keys: cacheKeys.length }, 'Could not tell the redirectors that links changed');
    }
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      this.announce(cacheKeys).catch((error: unknown) => this.logger.warn({ err: error }, 'Could not announce changed links a second time'));
    }, SETTLE_AFTER_MS);
    timer.unref();
    this.pending.add(timer);
  }

  private async linksOf(column: 'enrollment_id' | 'campaign_id', ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const rows: { slug: string; alias: string | null }[] = await this.db.query(`SELECT slug, alias FROM referral_links WHERE ${column} = ANY($1::uuid[])`, [ids]);
    await this.links(rows);
  }

  private async announce(cacheKeys: readonly string[]): Promise<void> {
    for (let start = 0; start < cacheKeys.length; start += CHUNK) {
      const chunk = cacheKeys.slice(start, start + CHUNK);
      await this.redis.del(...chunk.map((key) => routeRedisKey(this.prefix, key)));
      await this.redis.publish(routeChangesChannel(this.prefix), JSON.stringify(chunk));
    }
  }
}

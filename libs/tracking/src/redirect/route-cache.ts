import { type AppConfig, InjectConfig, InjectRedis } from '@app/core';
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import {
  aliasCacheKey,
  type LinkRoute,
  MISSING_ROUTE,
  MISSING_ROUTE_TTL_SECONDS,
  ROUTE_TTL_SECONDS,
  routeChangesChannel,
  routeRedisKey,
  slugCacheKey,
} from './link-route.js';
import { RedirectMetrics } from './redirect-metrics.js';
import { RouteLoader } from './route-loader.js';

interface Cached {
  route: LinkRoute | null;
  at: number;
}

/** After this long an entry is still served, but read again from Redis in the background. */
const REFRESH_AFTER_MS = 60_000;

/**
 * The redirector's view of links: a bounded LRU in process memory in front of Redis (shared
 * by every redirector) in front of PostgreSQL. A warm link is answered from memory alone.
 *
 * Writers (the API, the worker) delete a changed link's Redis keys and publish them on a
 * channel; every redirector drops them from memory on the message, so a change shows within
 * moments everywhere. Writers repeat both half a second later, which settles a reader that
 * read the old row just before the change committed. A redirector that loses its
 * subscription forgets everything when it reconnects, since it may have missed messages.
 */
@Injectable()
export class RouteCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RouteCache.name);
  /** Links found. */
  private readonly entries: LRUCache<string, Cached>;
  /** Keys known to be no link, kept apart so a flood of made-up keys cannot push real links out. */
  private readonly absent: LRUCache<string, Cached>;
  /** Loads in flight by cache key; set to stale when a change arrives meanwhile, so the old value is not kept. */
  private readonly inflight = new Map<string, { promise: Promise<LinkRoute | null>; stale: boolean }>();
  private subscriber?: Redis;
  private readonly prefix: string;

  constructor(
    @InjectConfig() config: AppConfig,
    @InjectRedis() private readonly redis: Redis,
    private readonly loader: RouteLoader,
    private readonly metrics: RedirectMetrics,
  ) {
    this.prefix = config.redis.keyPrefix;
    this.entries = new LRUCache<string, Cached>({ max: config.tracking.linkCacheSize });
    this.absent = new LRUCache<string, Cached>({ max: Math.max(100, Math.floor(config.tracking.linkCacheSize / 4)) });
  }

  async onModuleInit(): Promise<void> {
    const subscriber = this.redis.duplicate({ connectionName: 'marketplace-route-changes', enableAutoPipelining: false, maxRetriesPerRequest: null });
    this.subscriber = subscriber;
    let subscribedOnce = false;
    subscriber.on('ready', () => {
      if (subscribedOnce) {
        this.entries.clear();
        this.absent.clear();
        this.logger.warn('Reconnected to Redis: cleared cached links, as changes may have been missed');
      }
      subscribedOnce = true;
    });
    subscriber.on('error', (error: unknown) => this.logger.warn({ err: error }, 'Route change subscription error'));
    subscriber.on('message', (_channel: string, message: string) => this.onChanges(message));
    await subscriber.subscribe(routeChangesChannel(this.prefix));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.subscriber && this.subscriber.status !== 'end') await this.subscriber.quit().catch(() => this.subscriber?.disconnect());
  }

  /**
   * The route for a `/r/<key>` from memory: the route, null when the key is known to be no
   * link, or undefined when memory does not know (then {@link load} it).
   */
  peek(key: string): LinkRoute | null | undefined {
    const slugKey = slugCacheKey(key);
    const bySlug = this.fresh(slugKey);
    if (bySlug?.route) return bySlug.route;
    const aliasKey = aliasCacheKey(key);
    const byAlias = this.fresh(aliasKey);
    if (byAlias?.route) return byAlias.route;
    if (bySlug && byAlias) return null;
    return undefined;
  }

  /** The route for a key, from Redis or, failing that, PostgreSQL; remembered for next time. */
  async load(key: string): Promise<LinkRoute | null> {
    return (await this.loadOne(slugCacheKey(key), key)) ?? (await this.loadOne(aliasCacheKey(key), key));
  }

  /** Forgets cache keys (`s:<slug>`, `a:<alias>`), as a change message does. */
  forget(cacheKeys: readonly string[]): void {
    for (const cacheKey of cacheKeys) {
      this.entries.delete(cacheKey);
      this.absent.delete(cacheKey);
      const loading = this.inflight.get(cacheKey);
      if (loading) loading.stale = true;
    }
  }

  private fresh(cacheKey: string): Cached | undefined {
    const cached = this.entries.get(cacheKey) ?? this.absent.get(cacheKey);
    if (cached && Date.now() - cached.at > REFRESH_AFTER_MS && !this.inflight.has(cacheKey)) {
      const key = cacheKey.slice(2);
      void this.loadOne(cacheKey, key).catch((error: unknown) => this.logger.warn({ err: error }, 'Could not refresh a cached link'));
    }
    return cached;
  }

  private loadOne(cacheKey: string, key: string): Promise<LinkRoute | null> {
    const existing = this.inflight.get(cacheKey);
    if (existing) return existing.promise;
    const loading = { stale: false, promise: Promise.resolve<LinkRoute | null>(null) };
    loading.promise = this.read(cacheKey, key, () => loading.stale)
      .then((route) => {
        if (!loading.stale) this.remember(cacheKey, route);
        return route;
      })
      .finally(() => this.inflight.delete(cacheKey));
    this.inflight.set(cacheKey, loading);
    return loading.promise;
  }

  private remember(cacheKey: string, route: LinkRoute | null): void {
    const entry = { route, at: Date.now() };
    if (route) {
      this.entries.set(cacheKey, entry);
      this.absent.delete(cacheKey);
    } else {
      this.absent.set(cacheKey, entry);
      this.entries.delete(cacheKey);
    }
  }

  /** `stale` tells whether a change to the key arrived meanwhile: then what was read is not shared. */
  private async read(cacheKey: string, key: string, stale: () => boolean): Promise<LinkRoute | null> {
    const redisKey = routeRedisKey(this.prefix, cacheKey);
    let shared: string | null = null;
    try {
      shared = await this.redis.get(redisKey);
    } catch (error) {
      this.logger.warn({ err: error }, 'Redis did not answer for a link; reading PostgreSQL');
    }
    if (shared !== null) return shared === MISSING_ROUTE ? null : (JSON.parse(shared) as LinkRoute);

    // One query answers both namespaces; both answers are shared, so the other lookup of
    // this key (an alias after a slug) finds Redis warm.
    const loaded = await this.loader.load(key);
    this.metrics.routeReadFromDatabase();
    const found = cacheKey === slugCacheKey(key) ? loaded.bySlug : loaded.byAlias;
    if (stale()) return found;
    const shares = this.redis.pipeline();
    for (const [namespaceKey, found] of [
      [slugCacheKey(key), loaded.bySlug],
      [aliasCacheKey(key), loaded.byAlias],
    ] as const) {
      shares.set(routeRedisKey(this.prefix, namespaceKey), found ? JSON.stringify(found) : MISSING_ROUTE, 'EX', found ? ROUTE_TTL_SECONDS : MISSING_ROUTE_TTL_SECONDS);
    }
    await shares.exec().catch((error: unknown) => this.logger.warn({ err: error }, 'Could not share a link in Redis'));
    return found;
  }

  private onChanges(message: string): void {
    try {
      const keys = JSON.parse(message) as unknown;
      if (Array.isArray(keys)) this.forget(keys.filter((key): key is string => typeof key === 'string'));
    } catch {
      this.logger.warn('Ignored a malformed route change message');
    }
  }
}

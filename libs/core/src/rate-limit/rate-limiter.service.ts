import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.module.js';
import { REDIS } from '../redis/redis.module.js';

export interface RateLimitState {
  /** Hits counted in the current window, including this one. */
  count: number;
  allowed: boolean;
  /** Seconds until the window resets. */
  retryAfterSeconds: number;
}

/** One counter to hit: its name, the most hits allowed, and its window. */
export interface RateLimitBucket {
  name: string;
  limit: number;
  windowSeconds: number;
}

// For each key: INCR and set the window's expiry atomically on the first hit, so a crash
// between the two can never leave a counter that lives forever. One round trip, whatever
// the number of counters; answers each one's count and milliseconds left.
const HIT_SCRIPT = `
local out = {}
for i, key in ipairs(KEYS) do
  local window = tonumber(ARGV[i])
  local count = redis.call('INCR', key)
  if count == 1 then redis.call('PEXPIRE', key, window) end
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then redis.call('PEXPIRE', key, window); ttl = window end
  out[#out + 1] = count
  out[#out + 1] = ttl
end
return out
`;

const secondsLeft = (ttlMs: number): number => Math.max(1, Math.ceil(ttlMs / 1000));

/**
 * Fixed-window counters in Redis, shared by every replica. Keys are namespaced by the
 * configured prefix; callers pass already-hashed identifiers (never raw IPs or emails).
 */
@Injectable()
export class RateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private key(name: string): string {
    return `${this.config.redis.keyPrefix}:rl:${name}`;
  }

  /** Counts one hit against `name` and says whether it is within `limit` per `windowSeconds`. */
  async hit(name: string, limit: number, windowSeconds: number): Promise<RateLimitState> {
    const [count, ttl] = (await this.count([{ name, windowSeconds }])) as [number, number];
    return { count, allowed: count <= limit, retryAfterSeconds: secondsLeft(ttl) };
  }

  /**
   * Counts one hit against every bucket in one round trip. The answer is the first bucket
   * over its limit (with its own retry time), or an allowed state when none is.
   */
  async hitAll<B extends RateLimitBucket>(buckets: readonly B[]): Promise<RateLimitState & { bucket?: B }> {
    if (buckets.length === 0) return { count: 0, allowed: true, retryAfterSeconds: 0 };
    const out = await this.count(buckets);
    let first: RateLimitState & { bucket?: B } = { count: out[0]!, allowed: true, retryAfterSeconds: 0 };
    buckets.forEach((bucket, index) => {
      const count = out[index * 2]!;
      if (count <= bucket.limit || !first.allowed) return;
      first = { count, allowed: false, retryAfterSeconds: secondsLeft(out[index * 2 + 1]!), bucket };
    });
    return first;
  }

  /** One hit on each counter; answers count and milliseconds left, pairwise, in the counters' order. */
  private async count(counters: readonly Omit<RateLimitBucket, 'limit'>[]): Promise<number[]> {
    const keys = counters.map((counter) => this.key(counter.name));
    const windows = counters.map((counter) => counter.windowSeconds * 1000);
    return (await this.redis.eval(HIT_SCRIPT, keys.length, ...keys, ...windows)) as number[];
  }

  /** Reads the state of `name` without counting a hit. */
  async peek(name: string, limit: number): Promise<RateLimitState> {
    const key = this.key(name);
    const [[, count], [, ttl]] = (await this.redis.multi().get(key).pttl(key).exec()) as [[null, string | null], [null, number]];
    const hits = Number(count ?? 0);
    return { count: hits, allowed: hits < limit, retryAfterSeconds: secondsLeft(ttl) };
  }

  async reset(name: string): Promise<void> {
    await this.redis.del(this.key(name));
  }
}

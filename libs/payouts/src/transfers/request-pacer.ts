import { type AppConfig, InjectConfig, InjectRedis } from '@app/core';
import { Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';

/**
 * Hands out the next free request slot, `1 / rate` apart, from Redis's clock: every worker
 * process shares one schedule, so together they stay under Stripe's rate limit evenly
 * instead of in bursts. A schedule that fell behind (nobody was ready for a slot) catches up
 * by at most ARGV[2] slots, so a moment's idleness costs nothing and a second never holds
 * more than the rate plus those few. Returns how many microseconds to wait for the slot.
 */
const TAKE_SLOT = `
local now = redis.call('TIME')
local nowUs = tonumber(now[1]) * 1000000 + tonumber(now[2])
local interval = tonumber(ARGV[1])
local nextUs = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(nowUs - interval * tonumber(ARGV[2]), nextUs)
redis.call('SET', KEYS[1], tostring(slot + interval), 'PX', 60000)
return math.max(0, slot - nowUs)
`;

/** Slots a schedule that fell behind may catch up on. */
const CATCH_UP_SLOTS = 2;

/** Moves the schedule at least `ARGV[1]` microseconds into the future (after a 429). */
const PUSH_BACK = `
local now = redis.call('TIME')
local nowUs = tonumber(now[1]) * 1000000 + tonumber(now[2])
local nextUs = tonumber(redis.call('GET', KEYS[1]) or '0')
redis.call('SET', KEYS[1], tostring(math.max(nextUs, nowUs + tonumber(ARGV[1]))), 'PX', 60000)
return 0
`;

/**
 * The share of the limit the schedule aims at: requests leave evenly spaced but reach Stripe
 * with a little jitter, and a sliding one-second window counts them on arrival.
 */
const HEADROOM = 0.95;

@Injectable()
export class RequestPacer {
  private readonly key: string;
  private readonly intervalUs: number;

  constructor(
    @InjectRedis() private readonly redis: Redis,
    @InjectConfig() config: AppConfig,
  ) {
    this.key = `${config.redis.keyPrefix}:stripe:next-request-slot`;
    this.intervalUs = Math.ceil(1_000_000 / (config.stripe.maxRequestsPerSecond * HEADROOM));
  }

  /** Waits for this process's turn to send one request to Stripe. */
  async take(): Promise<void> {
    const waitUs = Number(await this.redis.eval(TAKE_SLOT, 1, this.key, this.intervalUs, CATCH_UP_SLOTS));
    if (waitUs > 0) await new Promise((resolve) => setTimeout(resolve, Math.ceil(waitUs / 1_000)));
  }

  /** Stripe said "too many requests": nobody sends for a while. */
  async pushBack(ms: number): Promise<void> {
    await this.redis.eval(PUSH_BACK, 1, this.key, ms * 1_000);
  }
}

import { randomBytes } from 'node:crypto';
import { type AppConfig, InjectConfig, InjectRedis } from '@app/core';
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';

const DAY_MS = 86_400_000;
const CHECK_EVERY_MS = 60_000;
/** A day's salt outlives its day by one, then Redis forgets it, and with it any way back to the address. */
const SALT_TTL_SECONDS = 2 * 86_400;

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The salt of each UTC day for visitor hashes, shared by every redirector through Redis:
 * the first redirector to need a day's salt makes it, the others read it. Today's and
 * tomorrow's are fetched ahead, so hashing never waits. Each is combined with
 * IP_HASH_SALT, which never leaves the configuration.
 */
@Injectable()
export class VisitorSalts implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(VisitorSalts.name);
  private readonly salts = new Map<string, string>();
  private timer?: NodeJS.Timeout;
  /** The day the last click fell in, and its salt: nearly every click falls in the same one. */
  private current: { from: number; to: number; salt: string } | null = null;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectRedis() private readonly redis: Redis,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** The salt for a click at `ms`. */
  saltFor(ms: number): string {
    const current = this.current;
    if (current && ms >= current.from && ms < current.to) return current.salt;
    const day = utcDay(ms);
    let salt = this.salts.get(day);
    if (!salt) {
      // Redis was out of reach when the day began: hash with a salt of this process's own
      // until it answers (uniqueness across redirectors suffers a little meanwhile).
      salt = this.combine(randomBytes(24).toString('base64url'));
      this.salts.set(day, salt);
      this.logger.warn({ day }, 'No shared visitor salt for today yet; using a local one');
    }
    const from = Date.parse(`${day}T00:00:00.000Z`);
    this.current = { from, to: from + DAY_MS, salt };
    return salt;
  }

  private async refresh(): Promise<void> {
    const now = Date.now();
    const days = [utcDay(now), utcDay(now + DAY_MS)];
    try {
      for (const day of days) {
        const key = `${this.config.redis.keyPrefix}:trk:salt:${day}`;
        await this.redis.set(key, randomBytes(24).toString('base64url'), 'EX', SALT_TTL_SECONDS, 'NX');
        const shared = await this.redis.get(key);
        if (shared && this.salts.get(day) !== this.combine(shared)) {
          this.salts.set(day, this.combine(shared));
          this.current = null;
        }
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not read the shared visitor salts');
    }
    const yesterday = utcDay(now - DAY_MS);
    for (const day of this.salts.keys()) if (day < yesterday) this.salts.delete(day);
  }

  private combine(shared: string): string {
    return `${this.config.ipHashSalt}:${shared}`;
  }
}

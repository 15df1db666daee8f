import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/app-config.module.js';

/** Messages moved per round. */
const BATCH = 500;
/** How often an idle relay looks for new messages. */
const IDLE_POLL_MS = 250;
/** Published messages are kept this long (to see what was sent when), then deleted. */
const KEEP_PUBLISHED_DAYS = 7;
/** How often the relay deletes them. */
const PRUNE_EVERY_MS = 60 * 60 * 1_000;

interface MessageRow {
  id: string;
  queue: string;
  job_name: string;
  job_id: string;
  payload: Record<string, unknown>;
}

/**
 * Moves committed outbox messages to BullMQ. Rows are claimed with `FOR UPDATE SKIP LOCKED`,
 * added to their queues, then marked published in the same transaction: several workers
 * can relay side by side, and a relay that dies before the commit leaves the rows to the
 * next one. A message added twice is one job (its job id), so at-least-once is enough.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues = new Map<string, Queue>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private prunedAt = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }

  /** Relays everything committed so far; returns how many messages moved. */
  async relayPending(): Promise<number> {
    let moved = 0;
    for (;;) {
      const count = await this.relayBatch();
      moved += count;
      if (count < BATCH) break;
    }
    if (Date.now() - this.prunedAt > PRUNE_EVERY_MS) {
      this.prunedAt = Date.now();
      await this.db.query(`DELETE FROM outbox_messages WHERE published_at < now() - make_interval(days => $1)`, [KEEP_PUBLISHED_DAYS]);
    }
    return moved;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.relayPending()
        .catch((error: unknown) => {
          this.logger.error({ err: error }, 'Outbox messages could not be relayed; retrying');
          return 0;
        })
        .then((moved) => this.schedule(moved > 0 ? 0 : IDLE_POLL_MS));
    }, delay);
    this.timer.unref();
  }

  private relayBatch(): Promise<number> {
    return this.db.transaction(async (manager) => {
      const rows: MessageRow[] = await manager.query(
        `SELECT id, queue, job_name, job_id, payload FROM outbox_messages
          WHERE published_at IS NULL ORDER BY created_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      const byQueue = new Map<string, MessageRow[]>();
      for (const row of rows) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
      for (const [name, messages] of byQueue) {
        await this.queue(name).addBulk(messages.map((row) => ({ name: row.job_name, data: row.payload, opts: { jobId: row.job_id } })));
      }
      await manager.query(`UPDATE outbox_messages SET published_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((row) => row.id)]);
      return rows.length;
    });
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: { url: this.config.redis.url, maxRetriesPerRequest: null }, prefix: `${this.config.redis.keyPrefix}:q` });
      this.queues.set(name, queue);
    }
    return queue;
  }
}

import { type AppConfig, InjectConfig } from '@app/core';
import { InjectQueue } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { ClicksJob, CLICKS_QUEUE, type RecordClicksJob } from '../tracking.queue.js';

/** Clicks held in memory while Redis does not answer; beyond this they are dropped, loudly. */
const MAX_BUFFERED = 200_000;
const RETRY_AFTER_MS = 250;
const SHUTDOWN_FLUSH_MS = 5_000;

/**
 * Takes clicks off the redirect path. Each click is appended to memory and the visitor is
 * on their way; every few milliseconds (or sooner, once a batch is full) the buffer goes
 * to Redis as one job on the clicks queue, which the worker moves into PostgreSQL. Batches
 * are sent one at a time; clicks that arrive meanwhile make the next batch, so batches grow
 * with the load. A batch Redis does not take stays in memory and is sent again.
 */
@Injectable()
export class ClickRecorder implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ClickRecorder.name);
  /** Encoded clicks (`encodeClick`), oldest first. */
  private buffer: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<void> | null = null;
  private droppedClicks = 0;
  private closing = false;
  private readonly flushMs: number;
  private readonly batchSize: number;

  constructor(
    @InjectConfig() config: AppConfig,
    @InjectQueue(CLICKS_QUEUE) private readonly queue: Queue<RecordClicksJob>,
  ) {
    this.flushMs = config.tracking.clickFlushMs;
    this.batchSize = config.tracking.clickBatchSize;
  }

  record(click: string): void {
    if (this.buffer.length >= MAX_BUFFERED) {
      this.droppedClicks += 1;
      if (this.droppedClicks % 1_000 === 1) this.logger.error({ dropped: this.droppedClicks, buffered: this.buffer.length }, 'Redis is not taking clicks: dropping clicks');
      return;
    }
    this.buffer.push(click);
    if (this.sending) return;
    if (this.buffer.length >= this.batchSize || this.closing) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  /** How many clicks wait in memory. */
  get pending(): number {
    return this.buffer.length;
  }

  /** How many clicks were dropped for want of memory since start. */
  get dropped(): number {
    return this.droppedClicks;
  }

  /** Sends what is buffered; resolves once the buffer is empty or `deadline` passes. */
  async drain(deadline = Date.now() + SHUTDOWN_FLUSH_MS): Promise<void> {
    this.flush();
    while ((this.sending || this.buffer.length > 0) && Date.now() < deadline) {
      await Promise.race([this.sending ?? Promise.resolve(), new Promise((resolve) => setTimeout(resolve, 50))]);
      if (!this.sending && this.buffer.length > 0) this.flush();
    }
    if (this.buffer.length > 0) this.logger.error({ lost: this.buffer.length }, 'Stopped with clicks Redis did not take');
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.drain();
  }

  private flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.sending || this.buffer.length === 0) return;
    this.sending = this.sendAll().finally(() => {
      this.sending = null;
      // Clicks that came in as the last batch went out.
      if (this.buffer.length > 0 && !this.closing) this.timer ??= setTimeout(() => this.flush(), this.flushMs);
    });
  }

  private async sendAll(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.slice(0, this.batchSize);
      try {
        await this.send(batch);
        this.buffer.splice(0, batch.length);
      } catch (error) {
        this.logger.warn({ err: error, buffered: this.buffer.length }, 'Could not hand clicks to Redis; retrying');
        await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS));
        if (this.closing) return;
      }
    }
  }

  /** Keyed by the batch's first click, so a batch added again while the first is queued is one job (and storing a batch twice changes nothing). */
  private async send(batch: string[]): Promise<void> {
    await this.queue.add(ClicksJob.Record, { clicks: batch }, { jobId: `clicks-${batch[0]!.split('\t', 2)[1]}` });
  }
}

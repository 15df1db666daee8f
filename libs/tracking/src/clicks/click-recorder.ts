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
 * on their way; a batch goes to Redis, as one job on the clicks queue that the worker moves
 * into PostgreSQL, once its first click has waited `CLICK_FLUSH_MS` or it is full. Batches
 * are sent one at a time and paced by that interval, so under load they grow rather than
 * multiply (each job costs Redis and the worker the same, whatever its size). A batch Redis
 * does not take stays in memory and is sent again.
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
  /** After shutdown: nothing more is sent. */
  private stopped = false;
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
    if (this.stopped) {
      // The process is past its last flush: the click cannot reach Redis any more.
      this.droppedClicks += 1;
      this.logger.error('A click came in after the redirector stopped sending clicks; it is lost');
      return;
    }
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
    this.stopped = true;
  }

  private flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.sending || this.buffer.length === 0 || this.stopped) return;
    this.sending = this.sendBatches().finally(() => {
      this.sending = null;
      // Clicks that came in while the batch was on its way: a full batch goes now, the
      // rest waits out the interval.
      if (this.buffer.length >= this.batchSize || (this.closing && this.buffer.length > 0)) this.flush();
      else if (this.buffer.length > 0) this.timer ??= setTimeout(() => this.flush(), this.flushMs);
    });
  }

  /** Sends the oldest batch, and then every batch that is full; retries what Redis does not take. */
  private async sendBatches(): Promise<void> {
    do {
      const batch = this.buffer.slice(0, this.batchSize);
      try {
        await this.send(batch);
        this.buffer.splice(0, batch.length);
      } catch (error) {
        this.logger.warn({ err: error, buffered: this.buffer.length }, 'Could not hand clicks to Redis; retrying');
        await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS));
        if (this.closing) return;
      }
    } while (this.buffer.length >= this.batchSize);
  }

  /** Keyed by the batch's first click, so a batch added again while the first is queued is one job (and storing a batch twice changes nothing). */
  private async send(batch: string[]): Promise<void> {
    await this.queue.add(ClicksJob.Record, { clicks: batch }, { jobId: `clicks-${batch[0]!.split('\t', 2)[1]}` });
  }
}

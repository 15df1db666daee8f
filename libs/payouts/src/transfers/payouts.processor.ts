import { AuditService, systemActor } from '@app/audit';
import { type AppConfig, InjectConfig } from '@app/core';
import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job, JobsOptions, Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { PAYOUTS_QUEUE, PayoutsJob } from '../payouts.queue.js';
import { completeFinishedRuns } from '../runs/payout-run-completion.js';
import { TransferSender } from './transfer-sender.js';

/** A PENDING payout untouched this long has lost its job (a crash, attempts used up): the sweep queues it again. */
const STUCK_AFTER_SECONDS = 60;

/**
 * The payout worker. Transfer jobs are short, so a dead worker's job is noticed quickly
 * (a 10 s lock, checked every 5 s) and handed to another one, which looks the transfer up
 * before sending anything.
 */
@Processor(PAYOUTS_QUEUE, { lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 100 })
export class PayoutsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(PayoutsProcessor.name);

  constructor(
    @InjectQueue(PAYOUTS_QUEUE) private readonly queue: Queue,
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly sender: TransferSender,
    private readonly audit: AuditService,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.worker.concurrency = this.config.payouts.transferConcurrency;
    await this.queue.upsertJobScheduler(PayoutsJob.Sweep, { every: 30_000 }, { name: PayoutsJob.Sweep });
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case PayoutsJob.SendRun:
        return { queued: await this.queueRun(String(job.data.runId)) };
      case PayoutsJob.Transfer:
        return { result: await this.sender.send(String(job.data.payoutId)) };
      case PayoutsJob.Sweep:
        return this.sweep();
      default:
        this.logger.warn({ job: job.name }, 'Discarding a job this worker does not know');
        return undefined;
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn({ job: job?.name, jobId: job?.id, attemptsMade: job?.attemptsMade, err: error }, 'A payout job failed');
  }

  private transferJobOptions(payoutId: string): JobsOptions {
    // One job per payout at a time (its id); removed when done either way, so the sweep can
    // queue it again if the payout is still pending.
    return { jobId: payoutId, attempts: this.config.payouts.maxTransferAttempts, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: true, removeOnFail: true };
  }

  private async queueRun(runId: string): Promise<number> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM payouts WHERE run_id = $1 AND status = 'PENDING' ORDER BY id`, [runId]);
    await this.queue.addBulk(rows.map((row) => ({ name: PayoutsJob.Transfer, data: { payoutId: row.id }, opts: this.transferJobOptions(row.id) })));
    return rows.length;
  }

  private async sweep(): Promise<{ requeued: number; completedRuns: number }> {
    const stuck: { id: string }[] = await this.db.query(
      `SELECT p.id FROM payouts p
        WHERE p.status = 'PENDING' AND coalesce(p.last_attempt_at, p.created_at) < now() - make_interval(secs => $1)
        ORDER BY p.id LIMIT 10000`,
      [STUCK_AFTER_SECONDS],
    );
    if (stuck.length > 0) {
      await this.queue.addBulk(stuck.map((row) => ({ name: PayoutsJob.Transfer, data: { payoutId: row.id }, opts: this.transferJobOptions(row.id) })));
    }
    const completedRuns = await completeFinishedRuns(this.db, this.audit, systemActor('payouts.sweep'));
    return { requeued: stuck.length, completedRuns };
  }
}

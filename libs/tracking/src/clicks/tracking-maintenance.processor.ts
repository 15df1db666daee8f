import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { CLICKS_QUEUE, CREATOR_VISITOR_RETENTION_DAYS, TRACKING_QUEUE, TrackingJob } from '../tracking.queue.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ClickIngestService } from './click-ingest.service.js';

const HOUR_MS = 3_600_000;

@Processor(TRACKING_QUEUE)
export class TrackingMaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(TrackingMaintenanceProcessor.name);

  constructor(
    private readonly ingest: ClickIngestService,
    @InjectQueue(TRACKING_QUEUE) private readonly queue: Queue,
    @InjectQueue(CLICKS_QUEUE) private readonly clicks: Queue,
    @InjectDataSource() private readonly db: DataSource,
  ) {
    super();
  }

  /** Partitions every six hours (months are created well ahead); failed click batches every ten minutes; old creator visitor hashes daily. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(TrackingJob.EnsurePartitions, { every: 6 * HOUR_MS }, { name: TrackingJob.EnsurePartitions });
    await this.queue.upsertJobScheduler(TrackingJob.RetryFailedClicks, { every: 10 * 60_000 }, { name: TrackingJob.RetryFailedClicks });
    await this.queue.upsertJobScheduler(TrackingJob.ForgetCreatorVisitors, { every: 24 * HOUR_MS }, { name: TrackingJob.ForgetCreatorVisitors });
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case TrackingJob.EnsurePartitions: {
        const now = new Date();
        const months = [0, 1, 2].map((ahead) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + ahead, 1));
        await this.ingest.ensurePartitions(months, { recheck: true });
        return { months: months.map((t) => new Date(t).toISOString().slice(0, 7)) };
      }
      case TrackingJob.RetryFailedClicks: {
        const failed = await this.clicks.getJobCountByTypes('failed');
        if (failed > 0) {
          this.logger.warn({ failed }, 'Retrying click batches that ran out of attempts');
          await this.clicks.retryJobs({ state: 'failed' });
        }
        return { retried: failed };
      }
      case TrackingJob.ForgetCreatorVisitors: {
        const [, forgotten] = await this.db.query(`DELETE FROM creator_visitors WHERE day < current_date - $1::int`, [CREATOR_VISITOR_RETENTION_DAYS]);
        return { forgotten };
      }
      default:
        this.logger.warn({ job: job.name }, 'Discarding a job this worker does not know');
        return undefined;
    }
  }
}

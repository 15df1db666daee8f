import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { ANALYTICS_QUEUE, AnalyticsJob, CLICK_PURGE_CRON, CORRECTION_CRON, CORRECTION_DAYS, DRAIN_EVERY_MS } from './analytics.queue.js';
import { ClickRetentionService } from './click-retention.service.js';
import { RollupService } from './rollup.service.js';

@Processor(ANALYTICS_QUEUE)
export class RollupProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(RollupProcessor.name);

  constructor(
    @InjectQueue(ANALYTICS_QUEUE) private readonly queue: Queue,
    private readonly rollups: RollupService,
    private readonly retention: ClickRetentionService,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(AnalyticsJob.Drain, { every: DRAIN_EVERY_MS }, { name: AnalyticsJob.Drain, opts: { removeOnComplete: true, removeOnFail: 100 } });
    await this.queue.upsertJobScheduler(AnalyticsJob.CorrectRecent, { pattern: CORRECTION_CRON, tz: 'UTC' }, { name: AnalyticsJob.CorrectRecent });
    await this.queue.upsertJobScheduler(AnalyticsJob.PurgeClicks, { pattern: CLICK_PURGE_CRON, tz: 'UTC' }, { name: AnalyticsJob.PurgeClicks });
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === AnalyticsJob.Drain) return this.rollups.drain();
    if (job.name === AnalyticsJob.CorrectRecent) return this.rollups.correctRecent(CORRECTION_DAYS);
    if (job.name === AnalyticsJob.PurgeClicks) return this.retention.purge();
    this.logger.warn({ job: job.name }, 'Discarding a job this worker does not know');
    return undefined;
  }
}

import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { ClicksJob, CLICKS_QUEUE, type RecordClicksJob } from '../tracking.queue.js';
import { ClickIngestService, type StoredClicks } from './click-ingest.service.js';

/** Moves click batches from the redirectors into PostgreSQL. */
@Processor(CLICKS_QUEUE, { concurrency: 2 })
export class ClickIngestProcessor extends WorkerHost {
  private readonly logger = new Logger(ClickIngestProcessor.name);

  constructor(private readonly ingest: ClickIngestService) {
    super();
  }

  async process(job: Job<RecordClicksJob>): Promise<StoredClicks | void> {
    if (job.name !== ClicksJob.Record || !Array.isArray(job.data?.clicks)) {
      this.logger.error({ job: job.name, id: job.id }, 'Discarding a job that is not a click batch');
      return;
    }
    return this.ingest.store(job.data.clicks);
  }
}

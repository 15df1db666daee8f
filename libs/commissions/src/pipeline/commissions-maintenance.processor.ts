import { Processor, WorkerHost, InjectQueue } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { COMMISSIONS_QUEUE, CommissionsJob } from '../commissions.queue.js';
import { HoldReleaseService } from '../lifecycle/hold-release.service.js';

@Processor(COMMISSIONS_QUEUE)
export class CommissionsMaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(CommissionsMaintenanceProcessor.name);

  constructor(
    @InjectQueue(COMMISSIONS_QUEUE) private readonly queue: Queue,
    private readonly holds: HoldReleaseService,
  ) {
    super();
  }

  /** Hold windows end by the day; checking every minute keeps "eligible" within a minute of the promised date. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(CommissionsJob.ReleaseElapsedHolds, { every: 60_000 }, { name: CommissionsJob.ReleaseElapsedHolds });
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === CommissionsJob.ReleaseElapsedHolds) return { released: await this.holds.releaseElapsed() };
    this.logger.warn({ job: job.name }, 'Discarding a job this worker does not know');
    return undefined;
  }
}

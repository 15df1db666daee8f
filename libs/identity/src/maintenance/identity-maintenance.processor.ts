import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { ENDED_SESSION_RETENTION_DAYS, IDENTITY_QUEUE, IdentityJob } from './identity.queue.js';
import { SessionPurgeService } from './session-purge.service.js';

const DAY_MS = 24 * 60 * 60 * 1000;

@Processor(IDENTITY_QUEUE)
export class IdentityMaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(IdentityMaintenanceProcessor.name);

  constructor(
    private readonly purge: SessionPurgeService,
    @InjectQueue(IDENTITY_QUEUE) private readonly queue: Queue,
  ) {
    super();
  }

  /** Registers the daily schedule; upserting is idempotent across restarts and replicas. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(IdentityJob.PurgeEndedSessions, { pattern: '17 3 * * *' }, { name: IdentityJob.PurgeEndedSessions });
  }

  async process(job: Job): Promise<{ purged: number } | void> {
    switch (job.name) {
      case IdentityJob.PurgeEndedSessions: {
        const purged = await this.purge.purgeEndedBefore(new Date(Date.now() - ENDED_SESSION_RETENTION_DAYS * DAY_MS));
        this.logger.log({ purged }, 'Purged ended sessions');
        return { purged };
      }
      default:
        this.logger.warn({ job: job.name }, 'Discarding a job this worker does not know');
    }
  }
}

import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { CampaignLifecycleService } from '../campaigns/campaign-lifecycle.service.js';
import { CAMPAIGNS_QUEUE, CampaignsJob } from './campaigns.queue.js';

@Processor(CAMPAIGNS_QUEUE)
export class CampaignsMaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(CampaignsMaintenanceProcessor.name);

  constructor(
    private readonly lifecycle: CampaignLifecycleService,
    @InjectQueue(CAMPAIGNS_QUEUE) private readonly queue: Queue,
  ) {
    super();
  }

  /** Every five minutes: a campaign stops taking applications soon after its end date. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(CampaignsJob.EndExpiredCampaigns, { every: 5 * 60 * 1000 }, { name: CampaignsJob.EndExpiredCampaigns });
  }

  async process(job: Job): Promise<{ ended: number } | void> {
    switch (job.name) {
      case CampaignsJob.EndExpiredCampaigns: {
        const ended = await this.lifecycle.endExpired();
        if (ended > 0) this.logger.log({ ended }, 'Ended campaigns past their end date');
        return { ended };
      }
      default:
        this.logger.warn({ job: job.name }, 'Discarding a job this worker does not know');
    }
  }
}

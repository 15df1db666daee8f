import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { LedgerService } from '../journal/ledger.service.js';
import { LEDGER_QUEUE, LedgerJob } from '../ledger.queue.js';

const HOUR_MS = 3_600_000;

@Processor(LEDGER_QUEUE)
export class LedgerMaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(LedgerMaintenanceProcessor.name);

  constructor(
    @InjectQueue(LEDGER_QUEUE) private readonly queue: Queue,
    private readonly ledger: LedgerService,
  ) {
    super();
  }

  /** Hourly: a difference is found within the hour it appears, and a full check stays cheap at that pace. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(LedgerJob.Reconcile, { every: HOUR_MS }, { name: LedgerJob.Reconcile });
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === LedgerJob.Reconcile) {
      // The reconciler logs each difference; the job keeps a summary, not the lists.
      const report = await this.ledger.reconcile();
      return {
        balanced: report.balanced,
        unbalancedEntries: report.unbalancedEntries.length,
        cachedBalanceDifferences: report.cachedBalanceDifferences.length,
        commissionDifferences: report.commissionDifferences.length,
        totalsByCurrency: report.totalsByCurrency.map((total) => ({ currency: total.currency, sumMinor: total.sumMinor.toString() })),
      };
    }
    this.logger.warn({ job: job.name }, 'Discarding a job this worker does not know');
    return undefined;
  }
}

import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { LEDGER_QUEUE } from './ledger.queue.js';
import { LedgerModule } from './ledger.module.js';
import { LedgerMaintenanceProcessor } from './reconcile/ledger-maintenance.processor.js';

/** The ledger's worker: the hourly reconciliation. Needs QueueModule. */
@Module({
  imports: [LedgerModule, BullModule.registerQueue({ name: LEDGER_QUEUE })],
  providers: [LedgerMaintenanceProcessor],
})
export class LedgerWorkerModule {}

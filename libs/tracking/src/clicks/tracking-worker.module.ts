import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TrackingModule } from '../tracking.module.js';
import { CLICK_JOB_OPTIONS, CLICKS_QUEUE, TRACKING_QUEUE } from '../tracking.queue.js';
import { ClickIngestProcessor } from './click-ingest.processor.js';
import { ClickIngestService } from './click-ingest.service.js';
import { TrackingMaintenanceProcessor } from './tracking-maintenance.processor.js';

/** Tracking's background work: click batches into PostgreSQL, partitions ahead, stuck batches retried. */
@Module({
  imports: [
    TrackingModule,
    BullModule.registerQueue({ name: CLICKS_QUEUE, defaultJobOptions: CLICK_JOB_OPTIONS }, { name: TRACKING_QUEUE }),
  ],
  providers: [ClickIngestService, ClickIngestProcessor, TrackingMaintenanceProcessor],
  exports: [ClickIngestService],
})
export class TrackingWorkerModule {}

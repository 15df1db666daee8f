import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ANALYTICS_QUEUE } from './rollups/analytics.queue.js';
import { ClickRetentionService } from './rollups/click-retention.service.js';
import { RollupProcessor } from './rollups/rollup.processor.js';
import { RollupService } from './rollups/rollup.service.js';

/** The rollup worker: marks drained every few seconds, the last days corrected nightly, old raw clicks deleted after. */
@Module({
  imports: [BullModule.registerQueue({ name: ANALYTICS_QUEUE })],
  providers: [RollupService, ClickRetentionService, RollupProcessor],
  exports: [RollupService, ClickRetentionService],
})
export class AnalyticsWorkerModule {}

import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ANALYTICS_QUEUE } from './rollups/analytics.queue.js';
import { RollupProcessor } from './rollups/rollup.processor.js';
import { RollupService } from './rollups/rollup.service.js';

/** The rollup worker: marks drained every few seconds, the last days corrected nightly. */
@Module({
  imports: [BullModule.registerQueue({ name: ANALYTICS_QUEUE })],
  providers: [RollupService, RollupProcessor],
  exports: [RollupService],
})
export class AnalyticsWorkerModule {}

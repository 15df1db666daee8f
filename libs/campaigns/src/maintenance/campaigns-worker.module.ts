import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns.module.js';
import { CampaignsMaintenanceProcessor } from './campaigns-maintenance.processor.js';
import { CAMPAIGNS_QUEUE } from './campaigns.queue.js';

/** Campaigns' scheduled housekeeping, run by the worker. */
@Module({
  imports: [CampaignsModule, BullModule.registerQueue({ name: CAMPAIGNS_QUEUE })],
  providers: [CampaignsMaintenanceProcessor],
})
export class CampaignsWorkerModule {}

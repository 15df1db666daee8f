import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { IdentityMaintenanceProcessor } from './identity-maintenance.processor.js';
import { IDENTITY_QUEUE } from './identity.queue.js';
import { SessionPurgeService } from './session-purge.service.js';

/** Identity's scheduled housekeeping, run by the worker. */
@Module({
  imports: [BullModule.registerQueue({ name: IDENTITY_QUEUE })],
  providers: [SessionPurgeService, IdentityMaintenanceProcessor],
  exports: [SessionPurgeService],
})
export class IdentityWorkerModule {}

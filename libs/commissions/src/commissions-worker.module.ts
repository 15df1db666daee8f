import { AttributionModule, ORDER_EVENTS_QUEUE } from '@app/attribution';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { COMMISSIONS_QUEUE } from './commissions.queue.js';
import { CommissionsModule } from './commissions.module.js';
import { CommissionsMaintenanceProcessor } from './pipeline/commissions-maintenance.processor.js';
import { OrderEventsProcessor } from './pipeline/order-events.processor.js';

/** The sales pipeline's worker: order events applied, the inbox swept, hold windows closed. */
@Module({
  imports: [CommissionsModule, AttributionModule, BullModule.registerQueue({ name: COMMISSIONS_QUEUE }, { name: ORDER_EVENTS_QUEUE })],
  providers: [OrderEventsProcessor, CommissionsMaintenanceProcessor],
})
export class CommissionsWorkerModule {}

import { AuditModule } from '@app/audit';
import { CommissionsModule } from '@app/commissions';
import { OutboxRelayModule } from '@app/core';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { PAYOUTS_QUEUE } from './payouts.queue.js';
import { PayoutsModule } from './payouts.module.js';
import { PayoutSettlement } from './transfers/payout-settlement.js';
import { PayoutsProcessor } from './transfers/payouts.processor.js';
import { RequestPacer } from './transfers/request-pacer.js';
import { SentBatcher } from './transfers/sent-batcher.js';
import { TransferSender } from './transfers/transfer-sender.js';

/** The payout worker: runs fanned out into transfers, each transfer sent and settled, stuck payouts swept up; and the outbox relay that starts them. */
@Module({
  imports: [PayoutsModule, CommissionsModule, AuditModule, OutboxRelayModule, BullModule.registerQueue({ name: PAYOUTS_QUEUE })],
  providers: [PayoutsProcessor, TransferSender, PayoutSettlement, SentBatcher, RequestPacer],
})
export class PayoutsWorkerModule {}

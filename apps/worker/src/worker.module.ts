import { type AppConfig, PlatformModule, QueueModule } from '@app/core';
import { AnalyticsWorkerModule } from '@app/analytics';
import { CampaignsWorkerModule } from '@app/campaigns';
import { CommissionsWorkerModule } from '@app/commissions';
import { IdentityWorkerModule } from '@app/identity';
import { LedgerModule, LedgerWorkerModule } from '@app/ledger';
import { PayoutsWorkerModule } from '@app/payouts';
import { TrackingWorkerModule } from '@app/tracking';
import { type DynamicModule, Module } from '@nestjs/common';
import { WorkerHeartbeat } from './heartbeat.js';

/** Queue processors and scheduled jobs. No HTTP listener. */
@Module({})
export class WorkerModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PlatformModule.forRoot(config, { applicationName: 'marketplace-worker' }), QueueModule.forRoot(config), IdentityWorkerModule, CampaignsWorkerModule, TrackingWorkerModule, LedgerModule, CommissionsWorkerModule, LedgerWorkerModule, PayoutsWorkerModule, AnalyticsWorkerModule],
      providers: [WorkerHeartbeat],
    };
  }
}

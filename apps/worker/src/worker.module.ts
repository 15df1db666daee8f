import { type AppConfig, AppConfigModule, DatabaseModule, LoggingModule, QueueModule, RedisModule } from '@app/core';
import { IdentityWorkerModule } from '@app/identity';
import { type DynamicModule, Module } from '@nestjs/common';
import { WorkerHeartbeat } from './heartbeat.js';

/** Queue processors and scheduled jobs. No HTTP listener. */
@Module({})
export class WorkerModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        DatabaseModule.forRoot(config, 'marketplace-worker'),
        RedisModule,
        QueueModule.forRoot(config),
        IdentityWorkerModule,
      ],
      providers: [WorkerHeartbeat],
    };
  }
}

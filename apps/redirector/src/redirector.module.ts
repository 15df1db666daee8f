import { type AppConfig, HealthModule, PlatformModule, QueueModule } from '@app/core';
import { type RedirectFastPath, TrackingRedirectModule } from '@app/tracking';
import { type DynamicModule, Module } from '@nestjs/common';

/** The click hot path (`GET /r/:slug`) lives here, apart from the API, so it scales on its own. */
@Module({})
export class RedirectorModule {
  static register(config: AppConfig, fastPath: RedirectFastPath): DynamicModule {
    return {
      module: RedirectorModule,
      imports: [
        PlatformModule.forRoot(config, { applicationName: 'marketplace-redirector', requestLogging: false }),
        QueueModule.forRoot(config),
        HealthModule,
        TrackingRedirectModule.register(fastPath),
      ],
    };
  }
}

import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from './config/app-config.js';
import { AppConfigModule } from './config/app-config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DomainEventsModule } from './events/domain-events.js';
import { LoggingModule } from './logging/logging.module.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';
import { RedisModule } from './redis/redis.module.js';

export interface PlatformOptions {
  /** Shown in PostgreSQL's pg_stat_activity, e.g. `marketplace-api`. */
  applicationName: string;
  /**
   * Log every HTTP request with a request id (default). Off for the redirector, whose hot
   * path is one line of work: no request middleware runs there at all.
   */
  requestLogging?: boolean;
}

/** What every process needs: validated config, logs, the database pool, Redis, rate limits and domain events. */
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig, options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forRoot(config, { requestLogging: options.requestLogging ?? true }),
        DatabaseModule.forRoot(config, options.applicationName),
        RedisModule,
        RateLimitModule,
        DomainEventsModule,
      ],
      exports: [AppConfigModule, LoggingModule, DatabaseModule, RedisModule, RateLimitModule, DomainEventsModule],
    };
  }
}

import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from './config/app-config.js';
import { AppConfigModule } from './config/app-config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { LoggingModule } from './logging/logging.module.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';
import { RedisModule } from './redis/redis.module.js';

export interface PlatformOptions {
  /** Shown in PostgreSQL's pg_stat_activity, e.g. `marketplace-api`. */
  applicationName: string;
  /** Log every HTTP request (off on the redirector's hot path). */
  requestLogging?: boolean;
}

/** What every process needs: validated config, logs, the database pool, Redis and rate limits. */
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig, options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forRoot(config, { autoLogging: options.requestLogging ?? true }),
        DatabaseModule.forRoot(config, options.applicationName),
        RedisModule,
        RateLimitModule,
      ],
      exports: [AppConfigModule, LoggingModule, DatabaseModule, RedisModule, RateLimitModule],
    };
  }
}

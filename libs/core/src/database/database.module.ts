import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config.js';
import { baseDataSourceOptions } from './database-options.js';
import { TypeOrmLogger } from './typeorm-logger.js';

/**
 * The application's connection pool. Entities register through their domain module's
 * `TypeOrmModule.forFeature`; the schema comes only from migrations.
 */
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig, applicationName: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...baseDataSourceOptions({ url: config.database.url, poolSize: config.database.poolSize, applicationName }),
          autoLoadEntities: true,
          logger: new TypeOrmLogger(),
          maxQueryExecutionTime: config.database.slowQueryMs,
        }),
      ],
    };
  }
}

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

const here = dirname(fileURLToPath(import.meta.url));
const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';

export const MIGRATIONS_TABLE = 'schema_migrations';

export interface DatabaseConnectionOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

/** Options shared by every connection: the apps, migrations, tests. */
export function baseDataSourceOptions(options: DatabaseConnectionOptions) {
  return {
    type: 'postgres' as const,
    url: options.url,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each' as const,
    namingStrategy: new SnakeNamingStrategy(),
    extra: {
      max: options.poolSize ?? 10,
      application_name: options.applicationName ?? 'marketplace',
    },
  };
}

/**
 * The standalone data source: every migration, and every entity found on disk (which
 * `npm run migration:generate` diffs against the database; it runs from `dist/`).
 */
export function standaloneDataSourceOptions(options: DatabaseConnectionOptions): DataSourceOptions {
  return {
    ...baseDataSourceOptions(options),
    entities: [join(here, '..', '..', '..', '*', 'src', '**', `*.entity.${extension}`)],
    migrations: MIGRATIONS,
  };
}

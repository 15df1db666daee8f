import { DataSource } from 'typeorm';
import { baseDataSourceOptions } from './database-options.js';
import { MIGRATIONS } from './migrations/index.js';

/** Arbitrary constant shared by every process that migrates this schema. */
const MIGRATION_LOCK_KEY = 727_114_001;

/**
 * Applies pending migrations, each in its own transaction. Holding a session-level
 * advisory lock makes concurrent starts (several replicas, or `npm start` beside a
 * migrate job) wait for each other instead of racing on the same DDL.
 */
export async function migrateDatabase(url: string): Promise<string[]> {
  const dataSource = new DataSource({
    ...baseDataSourceOptions({ url, poolSize: 2, applicationName: 'marketplace-migrate' }),
    migrations: MIGRATIONS,
  });
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lock.release();
    await dataSource.destroy();
  }
}

import { DataSource } from 'typeorm';
import { standaloneDataSourceOptions } from './database-options.js';

/** Arbitrary constant shared by every process that migrates this schema. */
const MIGRATION_LOCK_KEY = 727_114_001;

/**
 * Applies pending migrations, each in its own transaction. Holding a session-level
 * advisory lock makes concurrent starts (several replicas, or `npm start` beside a
 * migrate job) wait for each other instead of racing on the same DDL.
 */
export async function migrateDatabase(url: string): Promise<string[]> {
  const options = standaloneDataSourceOptions({ url, poolSize: 2, applicationName: 'marketplace-migrate' });
  const dataSource = new DataSource({ ...options, entities: [] });
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

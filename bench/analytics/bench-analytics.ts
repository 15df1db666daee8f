/**
 * # `npm run bench:analytics`
 *
 * Analytics reports on a marketplace's worth of history, and how far the rollups trail
 * their source rows under click load.
 *
 * 1. Creates a scratch database (dropped and created afresh, then migrated) and seeds it
 *    with set-based SQL: 100 brands in several time zones, BENCH_CAMPAIGNS campaigns
 *    (1,000) in USD and EUR, BENCH_CREATORS creators (20,000) each in 1–4 campaigns with a
 *    link and a code, BENCH_CLICKS clicks (10,000,000) and BENCH_ORDERS orders (500,000)
 *    over BENCH_DAYS days (180), each order with its decision, adjustments and commission.
 *    The triggers mark every hour they touch, as in production.
 * 2. Builds the rollups from those marks with the worker's own `RollupService.drain` (in
 *    batches of 20,000 marks), and checks them against the source rows.
 * 3. Starts the API (a process of its own), logs in every brand admin and 200 creators, and
 *    sends BENCH_REQUESTS (2,000) `campaignStats` queries (90 days by day, a random campaign
 *    of the brand) and as many `creatorStats` queries (the creator dashboard, 90 days by
 *    day) from BENCH_CLIENTS (20) concurrent clients, after a warm-up; then as many of the
 *    cheapest signed-in query (`me { id }`) as a baseline of what any query costs here.
 * 4. Starts the worker and records BENCH_CLICK_RATE clicks a second (10,000: what the
 *    redirector answers in `bench:redirect` on the 2-core machine) for BENCH_LAG_SECONDS
 *    (60) through the redirector's `ClickRecorder`, sampling every second the age of the
 *    oldest rollup mark, then waits until no click is queued and no mark waits.
 *
 * Targets: p95 <= 50 ms for both queries; rollups within 60 s of their source rows. The
 * last line on stdout is one JSON object: clicks, orders, campaign_stats_p95_ms,
 * dashboard_p95_ms, rollup_lag_s.
 *
 * Environment: BENCH_DATABASE_URL (default `marketplace_bench_analytics` on DATABASE_URL's
 * server, dropped at the end unless BENCH_KEEP_DB=1), BENCH_REDIS_URL or REDIS_URL, the
 * sizes above (BENCH_CLICKS, BENCH_ORDERS, BENCH_CAMPAIGNS, BENCH_CREATORS, BENCH_DAYS,
 * BENCH_CLIENTS, BENCH_REQUESTS, BENCH_CLICK_RATE, BENCH_LAG_SECONDS), BENCH_WAIT_SECONDS
 * (how long to wait for the rollups to catch up after the click load, 300),
 * BENCH_APP_LOGS=1 for the apps' logs.
 */
import 'reflect-metadata';
import { type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { RollupService } from '@app/analytics';
import { findFreePort, loadConfig, standaloneDataSourceOptions } from '@app/core';
import { forgetRedisPrefix } from '@app/testing';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { note, percentile, ProgressBar, round, say, table } from '../bench-report.js';
import { start, stop, waitFor } from '../orders/app-processes.js';
import { recreateDatabase } from '../orders/orders-fixture.js';
import { seedAnalytics } from './analytics-seed.js';
import { marksWaiting, measureRollupLag } from './rollup-lag.js';
import { type Answer, CAMPAIGN_STATS, CREATOR_STATS, type GraphqlCall, GraphqlClients, logIn, SIGNED_IN_BASELINE } from './stats-clients.js';

const env = process.env;
const count = (name: string, fallback: number): number => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
const SIZE = {
  clicks: count('BENCH_CLICKS', 10_000_000),
  orders: count('BENCH_ORDERS', 500_000),
  campaigns: count('BENCH_CAMPAIGNS', 1_000),
  creators: count('BENCH_CREATORS', 20_000),
  days: count('BENCH_DAYS', 180),
};
const CLIENTS = count('BENCH_CLIENTS', 20);
const REQUESTS = count('BENCH_REQUESTS', 2_000);
const CLICK_RATE = count('BENCH_CLICK_RATE', 10_000);
const LAG_SECONDS = count('BENCH_LAG_SECONDS', 60);
const WAIT_SECONDS = count('BENCH_WAIT_SECONDS', 300);
const REPORT_DAYS = 90;
const INITIAL_BUILD_BATCH = 20_000;
const TARGET_P95_MS = 50;
const TARGET_LAG_S = 60;
const server = new URL(env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
server.pathname = '/marketplace_bench_analytics';
const databaseUrl = env.BENCH_DATABASE_URL ?? server.toString();
const redisUrl = env.BENCH_REDIS_URL ?? env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const keyPrefix = `bench:${randomBytes(4).toString('hex')}`;
const dist = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

interface Measured {
  label: string;
  answers: Answer[];
  seconds: number;
}

const orNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

/** Rollup totals against their sources: every click and order counted once. */
async function rollupsMatch(client: pg.Client): Promise<[string, boolean][]> {
  const { rows } = await client.query(`
    SELECT (SELECT count(*) FROM click_events)::bigint AS clicks,
           (SELECT coalesce(sum(clicks + bot_clicks), 0) FROM analytics_click_days)::bigint AS rolled_clicks,
           (SELECT count(*) FROM orders WHERE enrollment_id IS NOT NULL)::bigint AS orders,
           (SELECT coalesce(sum(orders), 0) FROM analytics_sale_days)::bigint AS rolled_orders,
           (SELECT coalesce(sum(clicks + bot_clicks), 0) FROM analytics_campaign_click_days)::bigint AS campaign_clicks,
           (SELECT coalesce(sum(orders), 0) FROM analytics_campaign_sale_days)::bigint AS campaign_orders`);
  const row = rows[0]!;
  return [
    [`click rollups add up to the click rows (${row.rolled_clicks} of ${row.clicks})`, row.clicks === row.rolled_clicks],
    [`sale rollups add up to the attributed orders (${row.rolled_orders} of ${row.orders})`, row.orders === row.rolled_orders],
    [`campaign click totals add up to the click rows (${row.campaign_clicks} of ${row.clicks})`, row.clicks === row.campaign_clicks],
    [`campaign sale totals add up to the attributed orders (${row.campaign_orders} of ${row.orders})`, row.orders === row.campaign_orders],
  ];
}

note(`preparing ${new URL(databaseUrl).pathname.slice(1)}`);
await recreateDatabase(databaseUrl);
const client = new pg.Client({ connectionString: databaseUrl, application_name: 'bench-analytics' });
await client.connect();
const db = new DataSource(standaloneDataSourceOptions({ url: databaseUrl, poolSize: 2, applicationName: 'bench-analytics' }));
await db.initialize();
const secrets = {
  JWT_SECRET: randomBytes(32).toString('base64url'),
  IP_HASH_SALT: randomBytes(16).toString('base64url'),
  DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
};
const apiPort = await findFreePort();
const common = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  REDIS_KEY_PREFIX: keyPrefix,
  ...secrets,
  HOST: '127.0.0.1',
  API_PORT: String(apiPort),
  REDIRECTOR_PUBLIC_URL: 'http://127.0.0.1:1',
  STRIPE_SECRET_KEY: 'sk_test_bench_not_used_0000000',
  STRIPE_WEBHOOK_SECRET: 'whsec_bench_not_used_00000',
  // Every login (an anonymous request) comes from this one address.
  LOGIN_MAX_ATTEMPTS_PER_IP: '1000000',
  GRAPHQL_RATE_LIMIT_PER_ANONYMOUS_IP: '1000000',
};
const children: ChildProcess[] = [];
const clients = new GraphqlClients(apiPort, CLIENTS);
try {
  // The apps' configuration, as the API and the worker started below will read it.
  const config = loadConfig({ ...process.env, ...common });
  const end = new Date();
  const seeded = await seedAnalytics(client, db, secrets.DATA_ENCRYPTION_KEY, SIZE, end);

  const rollups = new RollupService(db, config);
  const marks = await marksWaiting(client);
  note(`building the rollups from ${marks.toLocaleString('en-US')} marked hours`);
  const building = new ProgressBar('building rollups', marks);
  const buildStarted = Date.now();
  const ticker = setInterval(() => void marksWaiting(client).then((left) => building.update(marks - left)), 1_000);
  try {
    for (;;) {
      // Larger batches than the worker's live ones: a backlog of millions of marks, no live traffic to share locks with.
      const drained = await rollups.drain({ budgetMs: 60_000, batch: INITIAL_BUILD_BATCH });
      if (drained.linkHours + drained.enrollmentHours + drained.rebuilds === 0) break;
    }
  } finally {
    clearInterval(ticker);
  }
  building.finish();
  const buildSeconds = (Date.now() - buildStarted) / 1_000;
  await client.query('ANALYZE analytics_click_days; ANALYZE analytics_sale_days');
  const { rows: rollupRows } = await client.query(`SELECT (SELECT count(*) FROM analytics_click_days)::int AS click_days, (SELECT count(*) FROM analytics_sale_days)::int AS sale_days`);
  const checks = await rollupsMatch(client);

  children.push(start('api', [dist('apps/api/src/main.js')], common));
  await waitFor(`http://127.0.0.1:${apiPort}/health/ready`);
  const logins = await logIn(client, clients, 200);
  const to = end.toISOString().slice(0, 10);
  const from = new Date(end.getTime() - (REPORT_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  const campaignCall = (): GraphqlCall => {
    const brand = pick(logins.brands);
    return { token: brand.token, query: CAMPAIGN_STATS, variables: { campaignId: pick(brand.campaignIds), from, to } };
  };
  const creatorCall = (): GraphqlCall => ({ token: pick(logins.creators).token, query: CREATOR_STATS, variables: { from, to } });
  // The baseline, in the same run: the cheapest signed-in query, what any query costs before its own work.
  const baselineCall = (): GraphqlCall => ({ token: pick(logins.creators).token, query: SIGNED_IN_BASELINE, variables: {} });
  const measured: Measured[] = [];
  for (const [label, make] of [['campaignStats', campaignCall], ['creatorStats (dashboard)', creatorCall], ['baseline: me { id }', baselineCall]] as const) {
    const { answers } = await clients.run(`warming up ${label}`, Array.from({ length: Math.min(200, REQUESTS) }, make), CLIENTS);
    const failed = answers.find((answer) => !answer.ok);
    // A schema without the query is a harness older or newer than the API: say so and measure the rest.
    if (failed?.error?.startsWith('Cannot query field')) {
      say(`${label}: NOT MEASURED, the API answered "${failed.error}" (adjust the query in bench/analytics/stats-clients.ts)`);
      measured.push({ label, answers: [], seconds: 0 });
      continue;
    }
    if (failed) throw new Error(`${label} failed: ${failed.error}`);
    measured.push({ label, ...(await clients.run(label, Array.from({ length: REQUESTS }, make), CLIENTS)) });
  }

  children.push(start('worker', [dist('apps/worker/src/main.js')], common));
  // The worker's first drain is its sign of life: wait for it before loading it with clicks.
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const lag = await measureRollupLag(client, config, { rate: CLICK_RATE, seconds: LAG_SECONDS, waitSeconds: WAIT_SECONDS });
  // Unsettled, the rollups trail by what is still queued or marked: a comparison would say nothing.
  if (lag.settleSeconds !== null) checks.push(...(await rollupsMatch(client)).map(([what, ok]): [string, boolean] => [`after the click load: ${what}`, ok]));
  else note('the rollups did not catch up: not compared with the source rows after the click load');

  const stats = (m: Measured) => {
    const ms = m.answers.filter((a) => a.ok).map((a) => a.ms);
    return { ms, failed: m.answers.length - ms.length, p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99), max: Math.max(...ms), rps: m.seconds > 0 ? m.answers.length / m.seconds : Number.NaN };
  };
  const [campaignStats, creatorStats, baseline] = measured.map(stats) as [ReturnType<typeof stats>, ReturnType<typeof stats>, ReturnType<typeof stats>];
  // How far the rollups trail the click rows stored: the oldest mark waiting, sampled every
  // second during the load and after it. Clicks still queued for ingestion are not rows yet;
  // that backlog is the click ingester's, reported on its own line.
  const rollupLag = round(Math.max(lag.maxLagSeconds, 0), 1);

  say();
  say(`seeded ${seeded.clicks.toLocaleString('en-US')} clicks, ${seeded.orders.toLocaleString('en-US')} orders, ${seeded.commissions.toLocaleString('en-US')} commissions; ` +
    `${SIZE.campaigns} campaigns, ${SIZE.creators.toLocaleString('en-US')} creators, ${seeded.enrollments.toLocaleString('en-US')} enrollments over ${SIZE.days} days`);
  say(table([['seeding step', 'seconds'], ...seeded.steps.map(([step, seconds]) => [step, round(seconds)]), ['total', round(seeded.steps.reduce((sum, [, s]) => sum + s, 0))]]));
  say();
  say(`initial rollups: ${marks.toLocaleString('en-US')} marked hours drained by RollupService.drain in ${round(buildSeconds)} s (${round(marks / buildSeconds)} marks/s, batches of ${INITIAL_BUILD_BATCH.toLocaleString('en-US')}) ` +
    `(${rollupRows[0].click_days.toLocaleString('en-US')} click days, ${rollupRows[0].sale_days.toLocaleString('en-US')} sale days)`);
  say();
  say(table([
    [`query (${REPORT_DAYS} days by day, ${CLIENTS} clients)`, 'requests', 'failed', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
    ...measured.map((m, i) => {
      const s = [campaignStats, creatorStats, baseline][i]!;
      const figure = (value: number) => (Number.isFinite(value) ? round(value) : '-');
      return [m.label, m.answers.length, s.failed, figure(s.rps), figure(s.p50), figure(s.p95), figure(s.p99), figure(s.max)];
    }),
  ]));
  say();
  say(`click load: ${lag.clicks.toLocaleString('en-US')} clicks at ${round(lag.rate)}/s for ${LAG_SECONDS} s through ClickRecorder; ${lag.queuedAtStop} batches still queued when it stopped`);
  say(`rollup lag behind stored click rows: oldest waiting mark at most ${round(lag.maxLagSeconds, 1)} s`);
  say(`click ingestion: queue empty and every mark drained ${lag.settleSeconds === null ? `NOT within ${WAIT_SECONDS} s` : `${round(lag.settleSeconds, 1)} s`} after the load`);
  say();
  for (const [what, ok] of checks) say(`${ok ? 'ok  ' : 'FAIL'}  ${what}`);
  const targets: [string, boolean][] = [
    [`campaignStats p95 ${round(campaignStats.p95)} ms (target <= ${TARGET_P95_MS} ms)`, campaignStats.p95 <= TARGET_P95_MS && campaignStats.failed === 0],
    [`creatorStats p95 ${round(creatorStats.p95)} ms (target <= ${TARGET_P95_MS} ms)`, creatorStats.p95 <= TARGET_P95_MS && creatorStats.failed === 0],
    [`rollup lag ${rollupLag} s (target <= ${TARGET_LAG_S} s)`, rollupLag <= TARGET_LAG_S],
  ];
  for (const [what, ok] of targets) say(ok ? `target met    ${what}` : `target missed ${what}`);
  if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
  say(JSON.stringify({ clicks: seeded.clicks, orders: seeded.orders, campaign_stats_p95_ms: orNull(round(campaignStats.p95)), dashboard_p95_ms: orNull(round(creatorStats.p95)), rollup_lag_s: rollupLag }));
} catch (error) {
  process.exitCode = 1;
  note(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  clients.close();
  for (const child of children.reverse()) await stop(child);
  await forgetRedisPrefix(redisUrl, keyPrefix);
  await db.destroy();
  await client.end();
  if (env.BENCH_KEEP_DB === '1') note(`kept ${databaseUrl}`);
  else await dropDatabase(databaseUrl);
}

async function dropDatabase(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(decodeURIComponent(new URL(url).pathname.slice(1)))} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

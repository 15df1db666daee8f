/**
 * # `npm run bench:orders`
 *
 * Order intake end to end: signed generic order webhooks into the API, the inbox, the
 * queue, and the worker's sales pipeline (order book, attribution decision, fraud screen,
 * commission), as in production: the API and the worker run as child processes of their
 * own (`dist/apps/api/src/main.js`, `dist/apps/worker/src/main.js`), so the sender's CPU is
 * not in their event loops, and the worker applies orders while they arrive.
 *
 * ## What it does
 *
 * 1. Creates a scratch database (dropped and created afresh each run, then migrated) and
 *    seeds it: one brand with a GENERIC integration, BENCH_CAMPAIGNS campaigns (default
 *    20) with different commission rates (some odd, so half-even rounding matters) and no
 *    budget limit, BENCH_CREATORS creators (default 300) each APPROVED in one campaign 12
 *    hours ago, with a discount code and a referral link.
 * 2. Builds BENCH_ORDERS orders (default 20,000), created "now" (in the two minutes before
 *    the run), each from a seeded random draw: 40 % carry only the click id of a click
 *    recorded 2–60 minutes before, 35 % a creator's code and a click of the same creator,
 *    20 % only a code, 5 % no touch at all (an unknown code: they are decided unattributed
 *    and earn nothing). Amounts are drawn per order (1–4 lines, codes take 10 % off).
 *    No fraud rule holds an order: each has its own customer, clicks are 2 minutes old or
 *    more, a code's orders mostly come with a click trail, and campaigns have no budget.
 * 3. Sends them as signed `order.created` webhooks (signed when sent) plus BENCH_DUPLICATES
 *    (default 20 % = 4,000) second deliveries of orders picked at random, all shuffled,
 *    from BENCH_SENDERS (default 50) concurrent senders over a keep-alive `node:http`
 *    agent, timing each request.
 * 4. Waits until the worker has applied every stored event (an order, its decision and
 *    its commission are written in the event's one transaction), polling the inbox's
 *    index of unapplied events, then checks the books.
 *
 * ## What it reports
 *
 * - accepted webhooks per second: 2xx answers (first deliveries 202, duplicates 200) over
 *   the time from the first send to the last answer;
 * - p50/p99/max webhook latency;
 * - how long after the last answer every order was decided and its commission written;
 * - checks (a failed one exits non-zero): exactly BENCH_ORDERS orders and inbox rows (no
 *   duplicate stored twice), 202 for each first delivery and 200 for each duplicate, one
 *   decision and one CREATED adjustment per order, each order attributed to the creator
 *   it was built for, the expected number of commissions, and each commission, and their
 *   total, equal to an independent recomputation: `applyBasisPoints(net, campaign rate)`
 *   (half-even) on the generated amounts, never the commission code.
 *
 * Targets on the 2-core machine: >= 1,000 accepted webhooks/s, p99 <= 100 ms, every order
 * attributed within 30 s of the last send. A missed target prints "target missed" and does
 * not fail the run. The last line on stdout is one JSON object: orders, deliveries,
 * accepted_per_s, p99_ms, attributed_after_s, commissions, commission_total_matches.
 * Progress goes to stderr.
 *
 * ## Environment
 *
 * - BENCH_DATABASE_URL: the scratch database (default: `marketplace_bench_orders` on the
 *   server of DATABASE_URL, else on postgres://postgres@127.0.0.1:5432). Left in place
 *   after the run for inspection.
 * - BENCH_REDIS_URL, else REDIS_URL (default redis://127.0.0.1:6379); every key the run
 *   makes is under a random prefix and deleted at the end.
 * - BENCH_ORDERS (20000), BENCH_DUPLICATES (20 % of the orders), BENCH_SENDERS (50),
 *   BENCH_CAMPAIGNS (20), BENCH_CREATORS (300), BENCH_SEED (random draw, 1),
 *   BENCH_WAIT_SECONDS (how long to wait for the worker before failing, 900).
 * - BENCH_WORKER: `during` (default) runs the worker while the webhooks arrive, as in
 *   production; `after` starts it once the last one is answered, to see the API alone
 *   (the attribution time is then from the worker's start).
 * - BENCH_ANALYZE_EVERY: seconds between the bench's `ANALYZE` of the database while it
 *   runs, default 10 when the server runs with `autovacuum` off (as a shared development
 *   server may), else 0 (none; autovacuum analyzes). Without statistics PostgreSQL plans
 *   the fraud screen's customer count on the organization's index of order times and
 *   reads every order of the day for each new one, which production, with autovacuum,
 *   does not see. The seeded tables are analyzed once before the run either way.
 * - ORDER_CONCURRENCY (the worker's jobs at once), DATABASE_POOL_SIZE (both apps) or
 *   BENCH_API_POOL / BENCH_WORKER_POOL (each app's) are passed on when set.
 *
 * Where the time goes: for the sending and the waiting phase, the CPU seconds of the API,
 * the worker and the bench itself, each with its PostgreSQL backends (`pg:…`, told apart by
 * application name), read from /proc; PostgreSQL's WAL writer and checkpointer are not in
 * it. Per unit of work (CPU ms per delivery, per order) they stay steady when other work
 * on the machine makes throughput and latency jump.
 */
import 'reflect-metadata';
import { type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ORDER_EVENTS_QUEUE } from '@app/attribution';
import { findFreePort, standaloneDataSourceOptions } from '@app/core';
import { forgetRedisPrefix } from '@app/testing';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { note, percentile, round, say, table } from '../bench-report.js';
import { start, stop, untilWorkerReady, waitFor } from './app-processes.js';
import { bookChecks, readBooks, unapplied, waitForAttribution } from './order-books.js';
import { buildOrder, insertClicks, recreateDatabase, seed, seededRandom, shuffle } from './orders-fixture.js';
import { cpuSnapshot, cpuUsed, reportCpu } from './process-cpu.js';
import { send } from './webhook-senders.js';

const env = process.env;

function defaultDatabaseUrl(): string {
  const server = new URL(env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  server.pathname = '/marketplace_bench_orders';
  return server.toString();
}

const databaseUrl = env.BENCH_DATABASE_URL ?? defaultDatabaseUrl();
const redisUrl = env.BENCH_REDIS_URL ?? env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ORDERS = Number(env.BENCH_ORDERS ?? 20_000);
const DUPLICATES = Number(env.BENCH_DUPLICATES ?? Math.round(ORDERS * 0.2));
const SENDERS = Number(env.BENCH_SENDERS ?? 50);
const CAMPAIGNS = Number(env.BENCH_CAMPAIGNS ?? 20);
const CREATORS = Number(env.BENCH_CREATORS ?? 300);
const SEED = Number(env.BENCH_SEED ?? 1);
const WAIT_SECONDS = Number(env.BENCH_WAIT_SECONDS ?? 900);
const WORKER_DURING = (env.BENCH_WORKER ?? 'during') === 'during';
if (!['during', 'after'].includes(env.BENCH_WORKER ?? 'during')) throw new Error('BENCH_WORKER must be during or after');
const TARGET_ACCEPTED_PER_S = 1_000;
const TARGET_P99_MS = 100;
const TARGET_ATTRIBUTED_AFTER_S = 30;
const keyPrefix = `bench:${randomBytes(4).toString('hex')}`;
const dist = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

if (![ORDERS, DUPLICATES, SENDERS, CAMPAIGNS, CREATORS, WAIT_SECONDS].every((n) => Number.isSafeInteger(n) && n >= 0) || ORDERS < 1 || SENDERS < 1 || CAMPAIGNS < 1 || CREATORS < 1) {
  throw new Error('BENCH_ORDERS, BENCH_SENDERS, BENCH_CAMPAIGNS and BENCH_CREATORS must be positive integers, BENCH_DUPLICATES and BENCH_WAIT_SECONDS non-negative');
}
if (DUPLICATES > ORDERS) throw new Error('BENCH_DUPLICATES must not exceed BENCH_ORDERS (each duplicate is a second delivery of a different order)');
/** One generator for every draw of the run (the orders, then the deliveries' shuffles), in this order. */
const random = seededRandom(SEED);

// ---------------------------------------------------------------------------------------

note(`preparing ${new URL(databaseUrl).pathname.slice(1)}`);
await recreateDatabase(databaseUrl);
const db = new DataSource(standaloneDataSourceOptions({ url: databaseUrl, poolSize: 4, applicationName: 'bench-orders' }));
await db.initialize();
const secrets = {
  JWT_SECRET: randomBytes(32).toString('base64url'),
  IP_HASH_SALT: randomBytes(16).toString('base64url'),
  DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
};
const seeded = await seed(db, secrets.DATA_ENCRYPTION_KEY, { campaigns: CAMPAIGNS, creators: CREATORS });

const builtAt = Date.now();
const built = Array.from({ length: ORDERS }, (_, index) => buildOrder(index, seeded, builtAt, random));
const clicks = await insertClicks(db, built);
await db.query('ANALYZE');
const byExternalId = new Map(built.map((order) => [order.externalId, order]));
const expectedCommissions = built.filter((order) => order.enrollment !== null).length;
const expectedTotalMinor = built.reduce((sum, order) => sum + order.expectedCommissionMinor, 0n);
const deliveries = shuffle([...built, ...shuffle([...built], random).slice(0, DUPLICATES)], random);
note(
  `seeded ${CAMPAIGNS} campaigns, ${CREATORS} creators with codes and links, ${clicks} clicks; ` +
    `${ORDERS} orders (${expectedCommissions} with a creator's touch) as ${deliveries.length} deliveries`,
);

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
  // The whole run is one shop's burst, far above what one integration may send in production.
  INTEGRATION_RATE_LIMIT: '100000000',
};
const poolOf = (own: string | undefined): Record<string, string> => {
  const size = own ?? env.DATABASE_POOL_SIZE;
  return size ? { DATABASE_POOL_SIZE: size } : {};
};
const queue = new Queue(ORDER_EVENTS_QUEUE, { connection: { url: redisUrl }, prefix: `${keyPrefix}:q` });
const children: ChildProcess[] = [];
const cleanups: (() => void)[] = [];
try {
  const api = start('api', [dist('apps/api/src/main.js')], { ...common, ...poolOf(env.BENCH_API_POOL) });
  children.push(api);
  const startWorker = async (): Promise<ChildProcess> => {
    const worker = start('worker', [dist('apps/worker/src/main.js')], {
      ...common,
      ...poolOf(env.BENCH_WORKER_POOL),
      ...(env.ORDER_CONCURRENCY ? { ORDER_CONCURRENCY: env.ORDER_CONCURRENCY } : {}),
    });
    children.push(worker);
    await untilWorkerReady(queue);
    return worker;
  };
  let worker = WORKER_DURING ? await startWorker() : undefined;
  await waitFor(`http://127.0.0.1:${apiPort}/health/ready`);
  const pids = () => ({ bench: process.pid, api: api.pid, worker: worker?.pid });
  const cpuAtStart = await cpuSnapshot(db, pids());

  note(`sending ${deliveries.length} deliveries from ${SENDERS} senders`);
  const [{ autovacuum }] = (await db.query('SHOW autovacuum')) as [{ autovacuum: string }];
  const analyzeEvery = Number(env.BENCH_ANALYZE_EVERY ?? (autovacuum === 'on' ? 0 : 10));
  let analyzing = false;
  const analyzer =
    analyzeEvery > 0
      ? setInterval(() => {
          if (analyzing) return;
          analyzing = true;
          db.query('ANALYZE')
            .catch((error: unknown) => note(`ANALYZE failed: ${String(error)}`))
            .finally(() => (analyzing = false));
        }, analyzeEvery * 1_000)
      : undefined;
  if (analyzer) note(`autovacuum is ${autovacuum} on this server: the bench runs ANALYZE every ${analyzeEvery} s, as autovacuum would`);
  cleanups.push(() => clearInterval(analyzer));
  const sent = await send(apiPort, `/webhooks/orders/${seeded.integrationId}`, seeded.signingSecret, deliveries, { senders: SENDERS, orders: ORDERS });
  const cpuAtLastAnswer = await cpuSnapshot(db, pids());
  if (worker) note(`${ORDERS - (await unapplied(db))} of ${ORDERS} orders were applied when the last answer came`);
  let waitFrom = sent.lastAnswerAt;
  if (!worker) {
    note('starting the worker');
    worker = await startWorker();
    waitFrom = Date.now();
  }
  const cpuAtWait = await cpuSnapshot(db, pids());
  const doneAt = await waitForAttribution(db, ORDERS, WAIT_SECONDS);
  clearInterval(analyzer);
  while (analyzing) await new Promise((resolve) => setTimeout(resolve, 50));
  const attributedAfter = doneAt === null ? null : Math.max(0, doneAt - waitFrom) / 1000;
  const cpuAtEnd = await cpuSnapshot(db, pids());
  const cpuSending = cpuUsed(cpuAtStart, cpuAtLastAnswer);
  const cpuWaiting = cpuUsed(cpuAtWait, cpuAtEnd);
  const waitSeconds = ((doneAt ?? Date.now()) - waitFrom) / 1000;
  const jobs = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');

  const books = await readBooks(db, byExternalId);
  const measured = Array.from(sent.latencies).filter((ms) => Number.isFinite(ms));
  const accepted = [...sent.statuses].filter(([status]) => status >= 200 && status < 300).reduce((sum, [, count]) => sum + count, 0);
  const acceptedPerS = accepted / sent.seconds;
  const p50 = percentile(measured, 50);
  const p99 = percentile(measured, 99);
  const max = measured.reduce((a, b) => Math.max(a, b), 0);
  const totalMatches = books.totalMinor === expectedTotalMinor;
  const answers = [...sent.statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count}`).join(', ');

  say();
  say(
    table([
      ['deliveries', 'seconds', 'accepted/s', 'p50 ms', 'p99 ms', 'max ms', 'answers'],
      [
        deliveries.length,
        round(sent.seconds, 2),
        round(acceptedPerS),
        round(p50, 1),
        round(p99, 1),
        round(max, 1),
        answers + (sent.errors ? `, errors: ${sent.errors}` : ''),
      ],
    ]),
  );
  say();
  say(`every order decided and its commission written ${attributedAfter === null ? `NOT within ${WAIT_SECONDS} s` : `${round(attributedAfter, 1)} s`} after the last answer`);
  say(`statistics: autovacuum is ${autovacuum}; ${analyzeEvery > 0 ? `the bench ran ANALYZE every ${analyzeEvery} s` : 'the bench ran no ANALYZE during the run'}`);
  say(`queue: ${jobs.waiting} waiting, ${jobs.active} active, ${jobs.delayed} delayed (the sweep's schedule, or retries), ${jobs.failed} failed`);
  say();
  reportCpu({ sending: cpuSending, sendingSeconds: sent.seconds, waiting: cpuWaiting, waitingSeconds: waitSeconds, workerDuring: WORKER_DURING, deliveries: deliveries.length, orders: ORDERS });
  say();

  const checks: [string, boolean][] = [
    [
      `each order's first stored delivery answered 202, every other one 200 (${sent.answeredRight} of ${ORDERS} orders; answers ${answers}, ${sent.errors} errors)`,
      sent.answeredRight === ORDERS && (sent.statuses.get(202) ?? 0) === ORDERS && (sent.statuses.get(200) ?? 0) === DUPLICATES && sent.errors === 0,
    ],
    ...bookChecks(books, { orders: ORDERS, commissions: expectedCommissions, totalMinor: expectedTotalMinor }),
    [`every order decided within ${WAIT_SECONDS} s`, attributedAfter !== null],
  ];
  for (const [what, ok] of checks) say(`${ok ? 'ok  ' : 'FAIL'}  ${what}`);
  if (books.held > 0) say(`note  ${books.held} commissions ON_HOLD (a fraud rule or the budget held them; the bench means to trigger none)`);
  if (checks.some(([, ok]) => !ok)) process.exitCode = 1;

  say();
  const targets: [string, boolean][] = [
    [`accepted ${round(acceptedPerS)} webhooks/s (target >= ${TARGET_ACCEPTED_PER_S})`, acceptedPerS >= TARGET_ACCEPTED_PER_S],
    [`p99 ${round(p99, 1)} ms (target <= ${TARGET_P99_MS} ms)`, p99 <= TARGET_P99_MS],
    [
      `attributed ${attributedAfter === null ? 'never' : `${round(attributedAfter, 1)} s`} after the last send (target <= ${TARGET_ATTRIBUTED_AFTER_S} s)`,
      attributedAfter !== null && attributedAfter <= TARGET_ATTRIBUTED_AFTER_S,
    ],
  ];
  for (const [what, ok] of targets) say(ok ? `target met    ${what}` : `target missed ${what}`);
  say(
    JSON.stringify({
      orders: books.orders,
      deliveries: deliveries.length,
      accepted_per_s: round(acceptedPerS),
      p99_ms: round(p99, 1),
      attributed_after_s: attributedAfter === null ? null : round(attributedAfter, 1),
      commissions: books.commissions,
      commission_total_matches: totalMatches,
    }),
  );
} catch (error) {
  process.exitCode = 1;
  note(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  for (const cleanup of cleanups) cleanup();
  for (const child of children.reverse()) await stop(child);
  await queue.close();
  await forgetRedisPrefix(redisUrl, keyPrefix);
  await db.destroy();
}

/**
 * # `npm run bench:payouts`
 *
 * A payout run of BENCH_CREATORS creators (default 3,000) against the Stripe fake limited
 * to BENCH_LIMIT_RPS requests per second (default 100, Stripe's live-mode limit), as in
 * production: the API and the worker run as child processes (`dist/apps/…/main.js`), the
 * fake in this process.
 *
 * 1. Creates a scratch database (dropped and created afresh, then migrated) and seeds one
 *    brand, one campaign (5 % platform fee) and the creators, each with a Stripe account
 *    created and onboarded at the fake and its ACTIVE payout account; two ELIGIBLE
 *    commissions per creator.
 * 2. Finance approves them through GraphQL (`approveCommissions`, 500 at a time: the ledger
 *    books each), asks the brand for funding (`createFundingRequest`), and the fake pays the
 *    PaymentIntent and sends `payment_intent.succeeded` to the API.
 * 3. The fake's rate limit is switched on, finance creates the run (`createPayoutRun`), and
 *    the bench waits until every payout is SENT or FAILED.
 *
 * It reports the transfer rate the worker achieved (successful `POST /v1/transfers` over the
 * time from the first to the last), its share of the limit (target >= 90 %), the 429 answers
 * (target: under 1 % of requests), and checks: one transfer per payout at the fake, amounts
 * equal, every commission PAID, and the ledger balanced (every currency sums to zero, every
 * entry balances, cached balances equal their postings). The last line on stdout is one JSON
 * object: payouts, limit_rps, achieved_rps, share_of_limit, http_429, ledger_balanced.
 *
 * Environment: BENCH_DATABASE_URL (default `marketplace_bench_payouts` on DATABASE_URL's
 * server), BENCH_REDIS_URL or REDIS_URL, BENCH_CREATORS (3000), BENCH_LIMIT_RPS (100),
 * PAYOUT_TRANSFER_CONCURRENCY (passed to the worker when set), BENCH_WAIT_SECONDS (600),
 * BENCH_APP_LOGS=1 (the API's and the worker's logs on stdout).
 */
import 'reflect-metadata';
import { type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { findFreePort, Role, standaloneDataSourceOptions } from '@app/core';
import { Factories, forgetRedisPrefix, StripeFake, TEST_PASSWORD } from '@app/testing';
import { DataSource } from 'typeorm';
import { note, ProgressBar, round, say, table } from '../bench-report.js';
import { start, stop, waitFor } from '../orders/app-processes.js';
import { recreateDatabase } from '../orders/orders-fixture.js';
import { insertEligibleCommissions, ledgerBalanced, seedPayouts } from './payouts-fixture.js';

const env = process.env;
const server = new URL(env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
server.pathname = '/marketplace_bench_payouts';
const databaseUrl = env.BENCH_DATABASE_URL ?? server.toString();
const redisUrl = env.BENCH_REDIS_URL ?? env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CREATORS = Number(env.BENCH_CREATORS ?? 3_000);
const LIMIT_RPS = Number(env.BENCH_LIMIT_RPS ?? 100);
const WAIT_SECONDS = Number(env.BENCH_WAIT_SECONDS ?? 600);
if (![CREATORS, LIMIT_RPS, WAIT_SECONDS].every((n) => Number.isSafeInteger(n) && n > 0)) throw new Error('BENCH_CREATORS, BENCH_LIMIT_RPS and BENCH_WAIT_SECONDS must be positive integers');
const TARGET_SHARE = 0.9;
const TARGET_429_SHARE = 0.01;
const keyPrefix = `bench:${randomBytes(4).toString('hex')}`;
const dist = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

note(`preparing ${new URL(databaseUrl).pathname.slice(1)}`);
await recreateDatabase(databaseUrl);
const db = new DataSource(standaloneDataSourceOptions({ url: databaseUrl, poolSize: 4, applicationName: 'bench-payouts' }));
await db.initialize();
const fake = await StripeFake.start();
const secrets = {
  JWT_SECRET: randomBytes(32).toString('base64url'),
  IP_HASH_SALT: randomBytes(16).toString('base64url'),
  DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
};
const apiPort = await findFreePort();
const api = `http://127.0.0.1:${apiPort}`;
const common = {
  NODE_ENV: 'development',
  LOG_LEVEL: 'warn',
  LOG_FORMAT: 'json',
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  REDIS_KEY_PREFIX: keyPrefix,
  ...secrets,
  ...fake.env(),
  STRIPE_MAX_REQUESTS_PER_SECOND: String(LIMIT_RPS),
  APPROVAL_SECOND_REVIEW_ABOVE_MINOR: String(Number.MAX_SAFE_INTEGER),
  HOST: '127.0.0.1',
  API_PORT: String(apiPort),
  REDIRECTOR_PUBLIC_URL: 'http://127.0.0.1:1',
  ...(env.PAYOUT_TRANSFER_CONCURRENCY ? { PAYOUT_TRANSFER_CONCURRENCY: env.PAYOUT_TRANSFER_CONCURRENCY } : {}),
};
const children: ChildProcess[] = [];

async function graphql<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch(`${api}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

try {
  const seeded = await seedPayouts(db, fake, CREATORS);
  const commissions = await insertEligibleCommissions(db, seeded);
  const finance = await new Factories(db).user({ roles: [Role.FINANCE] });
  await db.query('ANALYZE');
  note(`seeded ${CREATORS} creators with onboarded Stripe accounts and ${commissions.ids.length} eligible commissions`);

  children.push(start('api', [dist('apps/api/src/main.js')], common));
  children.push(start('worker', [dist('apps/worker/src/main.js')], common));
  await waitFor(`${api}/health/ready`);
  fake.deliverWebhooksTo(`${api}/webhooks/stripe`);
  const { logIn } = await graphql<{ logIn: { accessToken: string } }>(`mutation L($input: LogInInput!) { logIn(input: $input) { accessToken } }`, {
    input: { email: finance.email, password: TEST_PASSWORD },
  });
  const token = logIn.accessToken;

  const approving = new ProgressBar('approving', commissions.ids.length);
  for (let startAt = 0; startAt < commissions.ids.length; startAt += 500) {
    await graphql(`mutation A($ids: [ID!]!) { approveCommissions(ids: $ids, note: "bench") { approved } }`, { ids: commissions.ids.slice(startAt, startAt + 500) }, token);
    approving.update(Math.min(commissions.ids.length, startAt + 500));
  }
  approving.finish();
  const { createFundingRequest: funding } = await graphql<{ createFundingRequest: { id: string; stripePaymentIntentId: string; amount: { amountMinor: string } } }>(
    `mutation F($organizationId: ID!) { createFundingRequest(organizationId: $organizationId, currency: "USD") { id stripePaymentIntentId amount { amountMinor } } }`,
    { organizationId: seeded.brand.organizationId },
    token,
  );
  await fake.succeedPaymentIntent(funding.stripePaymentIntentId);
  for (;;) {
    const [row] = await db.query(`SELECT status FROM funding_requests WHERE id = $1`, [funding.id]);
    if (row.status === 'SUCCEEDED') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  note(`brand funded ${funding.amount.amountMinor} minor units (commissions plus the 5 % fee)`);

  fake.setRateLimit(LIMIT_RPS);
  const requestsBefore = fake.requests.length;
  const startedAt = Date.now();
  const { createPayoutRun: run } = await graphql<{ createPayoutRun: { id: string; payoutCount: number } }>(
    `mutation R { createPayoutRun(input: { currency: "USD" }) { id payoutCount } }`,
    {},
    token,
  );
  const createdMs = Date.now() - startedAt;
  note(`run ${run.id}: ${run.payoutCount} payouts created in ${createdMs} ms`);
  const sending = new ProgressBar('sending transfers', run.payoutCount);
  const deadline = Date.now() + WAIT_SECONDS * 1_000;
  for (;;) {
    const [row] = await db.query(`SELECT count(*) FILTER (WHERE status <> 'PENDING')::int AS done FROM payouts WHERE run_id = $1`, [run.id]);
    sending.update(row.done);
    if (row.done === run.payoutCount) break;
    if (Date.now() > deadline) throw new Error(`payouts not settled within ${WAIT_SECONDS} s (${row.done}/${run.payoutCount})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  sending.finish();
  const settledMs = Date.now() - startedAt;

  const requests = fake.requests.slice(requestsBefore);
  const created = requests.filter((r) => r.method === 'POST' && r.path === '/v1/transfers' && r.status === 200);
  const limited = requests.filter((r) => r.status === 429).length;
  const span = (created.at(-1)!.at - created[0]!.at) / 1_000;
  const achieved = (created.length - 1) / span;
  const share = achieved / LIMIT_RPS;

  const [counts] = await db.query(
    `SELECT count(*) FILTER (WHERE status = 'SENT')::int AS sent, count(*) FILTER (WHERE status = 'FAILED')::int AS failed, coalesce(sum(amount_minor) FILTER (WHERE status = 'SENT'), 0)::text AS total
       FROM payouts WHERE run_id = $1`,
    [run.id],
  );
  const transfers = fake.transfers().filter((t) => t.transfer_group === run.id);
  const [paid] = await db.query(`SELECT count(*)::int AS n FROM commissions WHERE status = 'PAID'`);
  const books = await ledgerBalanced(db);
  const checks: [string, boolean][] = [
    ['every payout SENT', counts.sent === CREATORS && counts.failed === 0],
    ['one transfer per payout at the fake', transfers.length === counts.sent && new Set(transfers.map((t) => t.metadata.payout_id)).size === transfers.length],
    ['transfers add up to the payouts', transfers.reduce((sum, t) => sum + BigInt(t.amount), 0n) === BigInt(counts.total) && BigInt(counts.total) === commissions.totalMinor],
    ['every commission PAID', paid.n === commissions.ids.length],
    ['ledger balanced', books.balanced],
  ];

  say();
  say(table([
    ['figure', 'value'],
    ['payouts', run.payoutCount],
    ['run created (ms)', createdMs],
    ['all settled after (s)', round(settledMs / 1_000)],
    ['limit (requests/s)', LIMIT_RPS],
    ['achieved transfers/s', round(achieved)],
    ['share of the limit', `${round(share * 100)} %${share >= TARGET_SHARE ? '' : ' (target missed: >= 90 %)'}`],
    ['requests to Stripe', requests.length],
    ['429 answers', `${limited} (${round((limited / requests.length) * 100, 2)} %)${limited / requests.length < TARGET_429_SHARE ? '' : ' (target missed: < 1 %)'}`],
  ]));
  const byKind = new Map<string, number>();
  for (const r of requests) byKind.set(`${r.method} ${r.path.replace(/\/(tr|acct|pi)_[A-Za-z0-9]+/g, '/:id').split('?')[0]} ${r.status}`, (byKind.get(`${r.method} ${r.path.replace(/\/(tr|acct|pi)_[A-Za-z0-9]+/g, '/:id').split('?')[0]} ${r.status}`) ?? 0) + 1);
  say();
  say(table([['Stripe requests during the run', 'count'], ...[...byKind].sort((a, b) => b[1] - a[1])]));
  say();
  for (const [check, ok] of checks) say(`${ok ? 'ok  ' : 'FAIL'} ${check}`);
  for (const problem of books.problems) say(`     ${problem}`);
  say(JSON.stringify({ payouts: run.payoutCount, limit_rps: LIMIT_RPS, achieved_rps: round(achieved), share_of_limit: round(share, 3), http_429: limited, ledger_balanced: books.balanced }));
  if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
} finally {
  for (const child of children) await stop(child);
  await fake.close();
  await db.destroy();
  await forgetRedisPrefix(redisUrl, keyPrefix);
}

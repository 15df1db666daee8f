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
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { ORDER_EVENTS_QUEUE, signGenericPayload } from '@app/attribution';
import { applyBasisPoints, findFreePort, migrateDatabase, standaloneDataSourceOptions } from '@app/core';
import { centsText, Factories, forgetRedisPrefix, genericOrderPayload, type MadeCampaign, type Participation, SalesFactories, uuidV7At } from '@app/testing';
import { Queue } from 'bullmq';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { note, percentile, ProgressBar, round, say, table } from '../bench-report.js';


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
/** Rates in basis points, campaign i takes RATES[i % RATES.length]: several make half-cent quotients. */
const RATES = [1_500, 1_250, 733, 1_000, 875, 1_337, 500, 2_000, 1_125, 1_999, 625, 1_010, 1_750, 555, 1_205, 950, 1_666, 805, 1_275, 1_050];
const keyPrefix = `bench:${randomBytes(4).toString('hex')}`;
const dist = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

if (![ORDERS, DUPLICATES, SENDERS, CAMPAIGNS, CREATORS, WAIT_SECONDS].every((n) => Number.isSafeInteger(n) && n >= 0) || ORDERS < 1 || SENDERS < 1 || CAMPAIGNS < 1 || CREATORS < 1) {
  throw new Error('BENCH_ORDERS, BENCH_SENDERS, BENCH_CAMPAIGNS and BENCH_CREATORS must be positive integers, BENCH_DUPLICATES and BENCH_WAIT_SECONDS non-negative');
}
if (DUPLICATES > ORDERS) throw new Error('BENCH_DUPLICATES must not exceed BENCH_ORDERS (each duplicate is a second delivery of a different order)');

/** mulberry32: a small seeded generator, so every run draws the same orders. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const random = seededRandom(SEED);
const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
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

interface Enrollment extends Participation {
  rateBps: number;
  code: string;
  linkId: string;
}

interface Seeded {
  integrationId: string;
  signingSecret: string;
  enrollments: Enrollment[];
}

/** Runs `work` over `items`, `width` at a time. */
async function inParallel<T>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const index = next;
        next += 1;
        await work(items[index]!, index);
      }
    }),
  );
}

async function seed(db: DataSource, secretsKey: string): Promise<Seeded> {
  const make = new Factories(db);
  const sales = new SalesFactories(db, secretsKey);
  const brand = await make.brand({ name: 'Bench Orders Outdoor' });
  const integration = await sales.integration(brand.organizationId, brand.admin.id);
  const campaigns: { campaign: MadeCampaign; rateBps: number }[] = [];
  for (let i = 0; i < CAMPAIGNS; i += 1) {
    const rateBps = RATES[i % RATES.length]!;
    const campaign = await make.campaign(brand, { title: `Bench campaign ${i + 1}`, commissionRateBps: rateBps, budgetMinor: null });
    campaigns.push({ campaign, rateBps });
  }
  const approvedAt = new Date(Date.now() - 12 * 3_600_000);
  const enrollments: Enrollment[] = new Array<Enrollment>(CREATORS);
  const progress = new ProgressBar('seeding creators', CREATORS);
  let done = 0;
  await inParallel(
    Array.from({ length: CREATORS }, (_, i) => i),
    4,
    async (i) => {
      const { campaign, rateBps } = campaigns[i % campaigns.length]!;
      const creator = await make.creatorProfile({ displayName: `Bench Creator ${i + 1}` });
      const enrollmentId = await make.enrollment(campaign, creator, 'APPROVED', { decidedAt: approvedAt });
      const participation: Participation = { campaign, enrollmentId, creatorId: creator.creatorId, createdByUserId: creator.user.id };
      const code = `BENCH${String(i + 1).padStart(4, '0')}`;
      await sales.discountCode(participation, code);
      const linkId = await sales.referralLink(participation);
      enrollments[i] = { ...participation, rateBps, code, linkId };
      progress.update((done += 1));
    },
  );
  progress.finish();
  return { integrationId: integration.id, signingSecret: integration.signingSecret, enrollments };
}

type Touches = 'CLICK' | 'CODE_AND_CLICK' | 'CODE' | 'NONE';

interface BuiltOrder {
  index: number;
  externalId: string;
  /** Null for an order with no valid touch. */
  enrollment: Enrollment | null;
  body: Buffer;
  /** What the commission must be, computed here from the generated amounts. */
  expectedCommissionMinor: bigint;
  click: { id: string; at: Date; enrollment: Enrollment } | null;
}

function touchesOf(draw: number): Touches {
  if (draw < 0.4) return 'CLICK';
  if (draw < 0.75) return 'CODE_AND_CLICK';
  if (draw < 0.95) return 'CODE';
  return 'NONE';
}

const SKUS = ['TEE-ORG-M-BLK', 'TOTE-CNV-NAT', 'STK-PACK-5', 'CAP-WOOL-GRY', 'SOCK-MER-L', 'BOTTLE-750-STL'];

function buildOrder(index: number, seeded: Seeded, now: number): BuiltOrder {
  // Placed in the two minutes before the run, each at its own millisecond, as a shop's orders come.
  const orderedAt = new Date(now - between(0, 120_000));
  const touches = touchesOf(random());
  const enrollment = seeded.enrollments[between(0, seeded.enrollments.length - 1)]!;
  const withCode = touches === 'CODE' || touches === 'CODE_AND_CLICK';
  const click = touches === 'CLICK' || touches === 'CODE_AND_CLICK' ? { at: new Date(orderedAt.getTime() - between(120, 3_600) * 1_000), enrollment } : null;
  const clickId = click ? uuidV7At(click.at.getTime()) : null;
  const cidInUrl = random() < 0.5;
  const lineCount = between(1, 4);
  let gross = 0;
  let discount = 0;
  const lineItems = Array.from({ length: lineCount }, (_, line) => {
    const priceCents = between(499, 14_999);
    const quantity = between(1, 3);
    const lineGross = priceCents * quantity;
    // A code takes 10 % off each line; some orders have an odd cent on a line for good measure.
    const lineDiscount = withCode ? Math.floor(lineGross / 10) + (random() < 0.3 ? 1 : 0) : 0;
    gross += lineGross;
    discount += lineDiscount;
    const sku = SKUS[(index + line) % SKUS.length]!;
    return { sku, productId: String(7_513_594_200_321 + (index + line) % SKUS.length), quantity, price: centsText(priceCents), discount: centsText(lineDiscount) };
  });
  const shipping = random() < 0.5 ? 0 : 599;
  const tax = Math.round(((gross - discount) * 8) / 100);
  const externalId = `ord_bench_${index}`;
  const payload = genericOrderPayload({
    id: `evt_bench_${index}`,
    order: {
      id: externalId,
      createdAt: orderedAt.toISOString(),
      updatedAt: orderedAt.toISOString(),
      currency: 'USD',
      subtotal: centsText(gross),
      discountTotal: centsText(discount),
      shipping: centsText(shipping),
      tax: centsText(tax),
      total: centsText(gross - discount + shipping + tax),
      discountCodes: withCode ? [enrollment.code] : touches === 'NONE' ? ['NOTACREATORCODE'] : [],
      // Half the click orders name their click in `clickId`, the other half only in the landing URL's `cid`.
      clickId: clickId && !cidInUrl ? clickId : undefined,
      landingUrl: `https://${enrollment.campaign.domain}/spring${clickId && cidInUrl ? `?utm_source=creator&cid=${clickId}` : ''}`,
      customer: { id: `cus_bench_${index}`, email: `buyer.${index}@bench.example` },
      lineItems,
    },
  });
  const attributed = touches !== 'NONE';
  return {
    index,
    externalId,
    enrollment: attributed ? enrollment : null,
    body: Buffer.from(JSON.stringify(payload)),
    expectedCommissionMinor: attributed ? applyBasisPoints(BigInt(gross - discount), enrollment.rateBps) : 0n,
    click: click && clickId ? { id: clickId, ...click } : null,
  };
}

/** The orders' clicks, in chunks of one statement each. */
async function insertClicks(db: DataSource, orders: readonly BuiltOrder[]): Promise<number> {
  const clicks = orders.flatMap((order) => (order.click ? [order.click] : []));
  for (let start = 0; start < clicks.length; start += 5_000) {
    const chunk = clicks.slice(start, start + 5_000);
    await db.query(
      `INSERT INTO click_events (id, clicked_at, link_id, enrollment_id, campaign_id, organization_id, creator_id, visitor_hash, country, device_class, referrer_host, is_bot, is_unique)
       SELECT id, clicked_at, link_id, enrollment_id, campaign_id, organization_id, creator_id, md5(id::text), 'US', 'MOBILE', 'l.instagram.com', false, true
         FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[])
              AS t(id, clicked_at, link_id, enrollment_id, campaign_id, organization_id, creator_id)`,
      [
        chunk.map((c) => c.id),
        chunk.map((c) => c.at),
        chunk.map((c) => c.enrollment.linkId),
        chunk.map((c) => c.enrollment.enrollmentId),
        chunk.map((c) => c.enrollment.campaign.campaignId),
        chunk.map((c) => c.enrollment.campaign.organizationId),
        chunk.map((c) => c.enrollment.creatorId),
      ],
    );
  }
  return clicks.length;
}

function start(name: string, args: string[], childEnv: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...childEnv }, stdio: ['ignore', 'ignore', 'inherit'] });
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM') note(`${name} exited (${code ?? signal})`);
  });
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Answer {
  status: number;
  ms: number;
}

function post(agent: Agent, port: number, path: string, body: Buffer, signature: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const began = process.hrtime.bigint();
    const req = request(
      { agent, host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length, 'x-signature': signature } },
      (res) => {
        res.resume();
        res.once('end', () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - began) / 1e6 }));
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

interface Sent {
  seconds: number;
  /** When the last answer came, `Date.now()`. */
  lastAnswerAt: number;
  latencies: Float64Array;
  statuses: Map<number, number>;
  /** Orders whose deliveries were answered 202 exactly once and 200 otherwise, as they should be. */
  answeredRight: number;
  errors: number;
}

/** Sends every delivery from SENDERS concurrent loops, timing each. */
async function send(port: number, path: string, secret: string, deliveries: readonly BuiltOrder[]): Promise<Sent> {
  const agent = new Agent({ keepAlive: true, maxSockets: SENDERS });
  const latencies = new Float64Array(deliveries.length);
  const statuses = new Map<number, number>();
  // Per order: 202 answers, and deliveries answered with anything but 202 or 200.
  const accepted = new Uint8Array(ORDERS);
  const wrong = new Uint8Array(ORDERS);
  let errors = 0;
  let next = 0;
  let done = 0;
  const bar = new ProgressBar('sending webhooks', deliveries.length);
  const ticker = setInterval(() => bar.update(done), 250);
  const began = process.hrtime.bigint();
  let lastAnswerAt = Date.now();
  try {
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        while (next < deliveries.length) {
          const position = next;
          next += 1;
          const order = deliveries[position]!;
          try {
            const answer = await post(agent, port, path, order.body, signGenericPayload(secret, order.body, Math.floor(Date.now() / 1000)));
            latencies[position] = answer.ms;
            statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
            if (answer.status === 202) accepted[order.index] += 1;
            else if (answer.status !== 200) wrong[order.index] = 1;
          } catch {
            errors += 1;
            wrong[order.index] = 1;
            latencies[position] = Number.NaN;
          }
          done += 1;
          lastAnswerAt = Date.now();
        }
      }),
    );
  } finally {
    clearInterval(ticker);
    agent.destroy();
  }
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  bar.finish();
  let answeredRight = 0;
  for (let i = 0; i < ORDERS; i += 1) if (accepted[i] === 1 && wrong[i] === 0) answeredRight += 1;
  return { seconds, lastAnswerAt, latencies, statuses, answeredRight, errors };
}

/**
 * Stored events the worker has not applied yet. It reads the inbox's partial index of
 * RECEIVED events: counting whole tables ten times a second would cost PostgreSQL more
 * than the worker's own queries, and slow the worker down.
 */
async function unapplied(db: DataSource): Promise<number> {
  const [row] = (await db.query(`SELECT count(*)::int AS n FROM order_events WHERE status = 'RECEIVED'`)) as [{ n: number }];
  return row.n;
}

/**
 * Polls until every stored event is applied: the worker records an order, its decision and
 * its commission in the event's one transaction, so then every order has them (the books
 * check it after). Returns when, or null when BENCH_WAIT_SECONDS ran out.
 */
async function waitForAttribution(db: DataSource): Promise<number | null> {
  const bar = new ProgressBar('attributing orders', ORDERS);
  const deadline = Date.now() + WAIT_SECONDS * 1_000;
  for (;;) {
    const now = Date.now();
    const pending = await unapplied(db);
    bar.update(ORDERS - pending);
    if (pending === 0) {
      bar.finish();
      return now;
    }
    if (now > deadline) {
      process.stderr.write('\n');
      note(`gave up after ${WAIT_SECONDS} s: ${pending} events not applied`);
      return null;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Books {
  orders: number;
  inboxRows: number;
  applied: number;
  decisions: number;
  createdAdjustments: number;
  commissions: number;
  commissionAdjustments: number;
  held: number;
  totalMinor: bigint;
  wrongCreator: number;
  wrongAmount: number;
  missingCommission: number;
  unexpectedCommission: number;
}

async function readBooks(db: DataSource, orders: ReadonlyMap<string, BuiltOrder>): Promise<Books> {
  const [counts] = (await db.query(
    `SELECT (SELECT count(*) FROM orders)::int AS orders,
            (SELECT count(*) FROM order_events)::int AS inbox_rows,
            (SELECT count(*) FROM order_events WHERE status = 'APPLIED')::int AS applied,
            (SELECT count(*) FROM attribution_decisions)::int AS decisions,
            (SELECT count(*) FROM order_adjustments WHERE kind = 'CREATED')::int AS created_adjustments,
            (SELECT count(*) FROM commissions)::int AS commissions,
            (SELECT count(*) FROM commission_adjustments)::int AS commission_adjustments,
            (SELECT count(*) FROM commissions WHERE status = 'ON_HOLD')::int AS held,
            (SELECT COALESCE(sum(amount_minor), 0)::text FROM commissions) AS total_minor`,
  )) as [Record<string, number | string>];
  const rows: { external_id: string; creator_id: string | null; amount_minor: string | null }[] = await db.query(
    `SELECT o.external_id, o.creator_id, c.amount_minor::text AS amount_minor FROM orders o LEFT JOIN commissions c ON c.order_id = o.id AND c.kind = 'SALE'`,
  );
  let wrongCreator = 0;
  let wrongAmount = 0;
  let missingCommission = 0;
  let unexpectedCommission = 0;
  for (const row of rows) {
    const built = orders.get(row.external_id);
    if (!built) continue;
    if ((built.enrollment?.creatorId ?? null) !== row.creator_id) wrongCreator += 1;
    if (built.enrollment && row.amount_minor === null) missingCommission += 1;
    else if (!built.enrollment && row.amount_minor !== null) unexpectedCommission += 1;
    else if (row.amount_minor !== null && BigInt(row.amount_minor) !== built.expectedCommissionMinor) wrongAmount += 1;
  }
  return {
    orders: Number(counts.orders),
    inboxRows: Number(counts.inbox_rows),
    applied: Number(counts.applied),
    decisions: Number(counts.decisions),
    createdAdjustments: Number(counts.created_adjustments),
    commissions: Number(counts.commissions),
    commissionAdjustments: Number(counts.commission_adjustments),
    held: Number(counts.held),
    totalMinor: BigInt(counts.total_minor!),
    wrongCreator,
    wrongAmount,
    missingCommission,
    unexpectedCommission,
  };
}

/** CPU seconds (user + system) a process has used, from /proc; null where there is no /proc or no such process. */
function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) in parentheses: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

type CpuSnapshot = Map<string, Map<number, number>>;

/** Whose PostgreSQL backend it is, by the application name each pool connects with. */
const BACKENDS: Record<string, string> = { 'marketplace-api': 'api', 'marketplace-worker': 'worker', 'bench-orders': 'bench' };

/** CPU seconds so far of the bench, the API, the worker, and the PostgreSQL backends on the bench database. */
async function cpuSnapshot(db: DataSource, processes: Record<string, number | undefined>): Promise<CpuSnapshot> {
  const snapshot: CpuSnapshot = new Map();
  const add = (group: string, pid: number) => {
    const seconds = cpuSeconds(pid);
    if (seconds === null) return;
    if (!snapshot.has(group)) snapshot.set(group, new Map());
    snapshot.get(group)!.set(pid, seconds);
  };
  for (const [group, pid] of Object.entries(processes)) if (pid) add(group, pid);
  const backends: { pid: number; application_name: string }[] = await db.query(`SELECT pid, application_name FROM pg_stat_activity WHERE datname = current_database()`);
  for (const { pid, application_name: name } of backends) add(`pg:${BACKENDS[name] ?? 'other'}`, pid);
  return snapshot;
}

/** CPU seconds each group used between two snapshots (a backend that appeared in between counts from zero). */
function cpuUsed(before: CpuSnapshot, after: CpuSnapshot): Map<string, number> {
  const used = new Map<string, number>();
  for (const [group, pids] of after) {
    let total = 0;
    for (const [pid, seconds] of pids) total += seconds - (before.get(group)?.get(pid) ?? 0);
    used.set(group, total);
  }
  return used;
}

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
const seeded = await seed(db, secrets.DATA_ENCRYPTION_KEY);

const builtAt = Date.now();
const built = Array.from({ length: ORDERS }, (_, index) => buildOrder(index, seeded, builtAt));
const clicks = await insertClicks(db, built);
await db.query('ANALYZE');
const byExternalId = new Map(built.map((order) => [order.externalId, order]));
const expectedCommissions = built.filter((order) => order.enrollment !== null).length;
const expectedTotalMinor = built.reduce((sum, order) => sum + order.expectedCommissionMinor, 0n);
const deliveries = shuffle([...built, ...shuffle([...built]).slice(0, DUPLICATES)]);
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
    // The worker is ready when it has scheduled its order inbox sweep.
    for (let tries = 0; (await queue.getJobSchedulers()).length === 0; tries += 1) {
      if (tries > 600) throw new Error('the worker did not come up');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
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
  const sent = await send(apiPort, `/webhooks/orders/${seeded.integrationId}`, seeded.signingSecret, deliveries);
  const cpuAtLastAnswer = await cpuSnapshot(db, pids());
  if (worker) note(`${ORDERS - (await unapplied(db))} of ${ORDERS} orders were applied when the last answer came`);
  let waitFrom = sent.lastAnswerAt;
  if (!worker) {
    note('starting the worker');
    worker = await startWorker();
    waitFrom = Date.now();
  }
  const cpuAtWait = await cpuSnapshot(db, pids());
  const doneAt = await waitForAttribution(db);
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
  const groups = ['api', 'pg:api', 'worker', 'pg:worker', 'bench', 'pg:bench'];
  const cpuRow = (label: string, used: Map<string, number>, seconds: number) => [
    label,
    round(seconds, 1),
    ...groups.map((group) => (used.has(group) ? `${round(used.get(group)!, 1)} (${round((used.get(group)! / seconds) * 100)} %)` : '-')),
  ];
  say(
    table([
      ['CPU seconds (share of one core)', 'wall s', ...groups],
      cpuRow(`sending${WORKER_DURING ? ' (worker running)' : ' (no worker)'}`, cpuSending, sent.seconds),
      cpuRow('waiting for the worker', cpuWaiting, waitSeconds),
    ]),
  );
  // Per unit of work, steadier than throughput on a shared machine: CPU time does not grow when others take the cores.
  const ms = (group: string, ...phases: Map<string, number>[]) => phases.reduce((sum, phase) => sum + (phase.get(group) ?? 0), 0) * 1_000;
  const perDelivery = (value: number) => round(value / deliveries.length, 2);
  const perOrder = (value: number) => round(value / ORDERS, 2);
  say(
    WORKER_DURING
      ? `CPU ms per delivery: api ${perDelivery(ms('api', cpuSending, cpuWaiting))}, postgres ${perDelivery(ms('pg:api', cpuSending, cpuWaiting))}; ` +
          `per order: worker ${perOrder(ms('worker', cpuSending, cpuWaiting))}, postgres ${perOrder(ms('pg:worker', cpuSending, cpuWaiting))}`
      : `CPU ms per delivery: api ${perDelivery(ms('api', cpuSending))}, postgres ${perDelivery(ms('pg:api', cpuSending))}; ` +
          `per order: worker ${perOrder(ms('worker', cpuWaiting))}, postgres ${perOrder(ms('pg:worker', cpuWaiting))}`,
  );
  say();

  const checks: [string, boolean][] = [
    [
      `each order's first stored delivery answered 202, every other one 200 (${sent.answeredRight} of ${ORDERS} orders; answers ${answers}, ${sent.errors} errors)`,
      sent.answeredRight === ORDERS && (sent.statuses.get(202) ?? 0) === ORDERS && (sent.statuses.get(200) ?? 0) === DUPLICATES && sent.errors === 0,
    ],
    [`exactly ${ORDERS} orders (got ${books.orders})`, books.orders === ORDERS],
    [`${ORDERS} inbox rows, each APPLIED (got ${books.inboxRows}, ${books.applied} applied)`, books.inboxRows === ORDERS && books.applied === ORDERS],
    [`one decision and one CREATED adjustment per order (got ${books.decisions} and ${books.createdAdjustments})`, books.decisions === ORDERS && books.createdAdjustments === ORDERS],
    [`each order attributed to its creator, or to none (${books.wrongCreator} wrong)`, books.wrongCreator === 0],
    [`${expectedCommissions} commissions (got ${books.commissions}; ${books.missingCommission} missing, ${books.unexpectedCommission} unexpected)`, books.commissions === expectedCommissions && books.missingCommission === 0 && books.unexpectedCommission === 0],
    [`one CREATED commission adjustment per commission (got ${books.commissionAdjustments})`, books.commissionAdjustments === books.commissions],
    [`each commission equal to its recomputation (${books.wrongAmount} differ)`, books.wrongAmount === 0],
    [`total commission ${books.totalMinor} = recomputed ${expectedTotalMinor} (minor units)`, totalMatches],
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

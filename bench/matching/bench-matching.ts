import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type Actor, loadConfig, migrateDatabase, Role } from '@app/core';
import { CampaignMatchesService, CandidateIndexService, type CreatorMatch } from '@app/matching';
import pg from 'pg';
import { createApiApp } from '../../apps/api/src/api.app.js';
import { note, percentile, round, say, table } from '../bench-report.js';
import { BENCH_BRANDS, BENCH_CAMPAIGNS, BENCH_PASSWORD, clearSeed, seedBrands, seedCreators, seedState } from './bench-seed.js';
import { type BenchCampaign, NAIVE_SESSION_SQL, naiveTopK, SMOOTHSTEP_SQL } from './naive-scan.js';

/**
 * `npm run bench:matching`: campaignMatches top-50 on a seeded database of a million
 * creators, in the service, through GraphQL over HTTP, and as a naive SQL scan.
 *
 * Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/marketplace_bench),
 * BENCH_CREATORS (default 1,000,000), BENCH_NAIVE_CAMPAIGNS (how many campaigns the slow
 * naive scan runs for, default 20), BENCH_VERIFY_CAMPAIGNS (how many of those are compared
 * with the service, default 5). `--reseed` empties and seeds the database again.
 */
const TOP = 50;
const WARMUP = 20;

const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/marketplace_bench';
const creatorsWanted = Number(process.env.BENCH_CREATORS ?? 1_000_000);
const naiveCount = Number(process.env.BENCH_NAIVE_CAMPAIGNS ?? 20);
const verifyCount = Number(process.env.BENCH_VERIFY_CAMPAIGNS ?? 5);
const reseed = process.argv.includes('--reseed');

const CAMPAIGN_MATCHES = `query Matches($campaignId: ID!) {
  campaignMatches(campaignId: $campaignId, first: ${TOP}) {
    edges { cursor node { creatorId score socialAccountId platform followers explanation { factor weight value detail } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface BrandLogin {
  actor: Actor;
  token: string;
}

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const server = new URL(url);
  server.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      note(`creating database ${name}`);
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
    }
  } finally {
    await admin.end();
  }
  await migrateDatabase(url);
}

async function prepareSeed(client: pg.Client): Promise<void> {
  const state = await seedState(client);
  const complete = state.creators === creatorsWanted && state.campaigns >= BENCH_CAMPAIGNS;
  if (complete && !reseed) {
    note(`using the existing seed: ${state.creators.toLocaleString('en-US')} creators, ${state.campaigns} campaigns (--reseed to start over)`);
    return;
  }
  if (!reseed && state.creators > 0) {
    throw new Error(
      `${databaseUrl} holds ${state.creators} creators and ${state.campaigns} bench campaigns, not ${creatorsWanted} and ${BENCH_CAMPAIGNS}: ` +
        'run with --reseed to empty it and seed again',
    );
  }
  if (state.creators > 0 || state.campaigns > 0) {
    note('emptying the benchmark database');
    await clearSeed(client);
  }
  const started = Date.now();
  await seedCreators(client, creatorsWanted);
  await seedBrands(client);
  note(`seeded in ${Math.round((Date.now() - started) / 1000)} s`);
}

async function loadCampaigns(client: pg.Client): Promise<BenchCampaign[]> {
  const { rows } = await client.query(
    `SELECT id, organization_id, niches, platforms, target_countries, min_followers, max_followers, min_engagement_rate, match_weights
       FROM campaigns WHERE title LIKE 'Bench campaign %' ORDER BY substring(title FROM 16)::int`,
  );
  return rows.map((row) => ({
    id: row.id,
    organizationId: row.organization_id,
    niches: row.niches,
    platforms: row.platforms,
    targetCountries: row.target_countries,
    minFollowers: row.min_followers,
    maxFollowers: row.max_followers,
    minEngagementRate: row.min_engagement_rate,
    matchWeights: row.match_weights,
  }));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- GraphQL answers are read by shape below
type GraphqlData = Record<string, any>;

async function post(baseUrl: string, token: string | null, query: string, variables: Record<string, unknown>): Promise<GraphqlData> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: GraphqlData; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL failed (${response.status}): ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function logInBrands(client: pg.Client, baseUrl: string): Promise<Map<string, BrandLogin>> {
  const { rows } = await client.query(
    `SELECT u.email, m.user_id, m.organization_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email LIKE 'bench-brand-%'`,
  );
  if (rows.length !== BENCH_BRANDS) throw new Error(`expected ${BENCH_BRANDS} bench brand admins, found ${rows.length}`);
  const logins = new Map<string, BrandLogin>();
  for (const row of rows) {
    const data = await post(baseUrl, null, `mutation LogIn($input: LogInInput!) { logIn(input: $input) { accessToken } }`, {
      input: { email: row.email, password: BENCH_PASSWORD },
    });
    logins.set(row.organization_id, {
      token: data.logIn.accessToken,
      actor: { userId: row.user_id, roles: [Role.BRAND_ADMIN], organizationId: row.organization_id, sessionId: 'bench' },
    });
  }
  return logins;
}

async function timed<T>(run: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await run();
  return [performance.now() - started, result];
}

/** Service and naive top lists must name the same creators with the same scores; a swap is allowed only in a tie at the cut. */
function verify(campaign: BenchCampaign, service: CreatorMatch[], naive: { creatorId: string; score: number }[]): number {
  const fail = (why: string) => {
    throw new Error(`MISMATCH for campaign ${campaign.id}: ${why}`);
  };
  if (service.length !== Math.min(TOP, naive.length)) fail(`service returned ${service.length} matches, the naive scan ${naive.length}`);
  let maxDiff = 0;
  service.forEach((match, i) => {
    const diff = Math.abs(match.score - naive[i]!.score);
    maxDiff = Math.max(maxDiff, diff);
    if (diff > 1e-9) fail(`rank ${i + 1}: service ${match.creatorId} ${match.score}, naive ${naive[i]!.creatorId} ${naive[i]!.score}`);
  });
  const cut = service.at(-1)?.score ?? 0;
  const naiveIds = new Set(naive.slice(0, service.length).map((row) => row.creatorId));
  const serviceIds = new Set(service.map((match) => match.creatorId));
  for (const match of service) if (!naiveIds.has(match.creatorId) && Math.abs(match.score - cut) > 1e-9) fail(`service ranks ${match.creatorId} the naive scan does not`);
  for (const row of naive.slice(0, service.length)) if (!serviceIds.has(row.creatorId) && Math.abs(row.score - cut) > 1e-9) fail(`naive ranks ${row.creatorId} the service does not`);
  return maxDiff;
}

async function main(): Promise<void> {
  await ensureDatabase(databaseUrl);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await prepareSeed(client);
  const creators = (await seedState(client)).creators;
  const accounts = Number((await client.query(`SELECT count(*) AS n FROM social_accounts`)).rows[0].n);
  const campaigns = await loadCampaigns(client);

  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    API_PORT: '0',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    JWT_SECRET: randomBytes(32).toString('base64url'),
    IP_HASH_SALT: randomBytes(16).toString('base64url'),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
    STRIPE_SECRET_KEY: 'sk_test_bench_not_used_0000000',
    STRIPE_WEBHOOK_SECRET: 'whsec_bench_not_used_00000',
    REDIS_KEY_PREFIX: `bench:${randomBytes(4).toString('hex')}`,
  });
  note('starting the API');
  const app = await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  try {
    const candidates = app.get(CandidateIndexService);
    const service = app.get(CampaignMatchesService);
    note('waiting for the matching index (warming started with the API)');
    const [waitMs] = await timed(() => candidates.fresh());
    const stats = candidates.stats();
    const memory = process.memoryUsage();
    note(`index: ${stats.creators.toLocaleString('en-US')} creators, ${stats.accounts.toLocaleString('en-US')} accounts, loaded in ${stats.loadMs} ms`);

    const logins = await logInBrands(client, baseUrl);
    const loginOf = (campaign: BenchCampaign) => logins.get(campaign.organizationId)!;

    note(`warming up (${WARMUP} service and ${WARMUP} GraphQL calls)`);
    for (const campaign of campaigns.slice(0, WARMUP)) {
      await service.campaignMatches(loginOf(campaign).actor, campaign.id, { first: TOP });
      await post(baseUrl, loginOf(campaign).token, CAMPAIGN_MATCHES, { campaignId: campaign.id });
    }

    note(`measuring the service on ${campaigns.length} campaigns`);
    const serviceMs: number[] = [];
    const serviceResults = new Map<string, CreatorMatch[]>();
    let empty = 0;
    for (const campaign of campaigns) {
      const [ms, page] = await timed(() => service.campaignMatches(loginOf(campaign).actor, campaign.id, { first: TOP }));
      serviceMs.push(ms);
      serviceResults.set(campaign.id, page.edges.map((edge) => edge.node));
      if (page.edges.length === 0) empty += 1;
    }

    note(`measuring GraphQL over HTTP on ${campaigns.length} campaigns`);
    const graphqlMs: number[] = [];
    for (const campaign of campaigns) {
      const [ms, data] = await timed(() => post(baseUrl, loginOf(campaign).token, CAMPAIGN_MATCHES, { campaignId: campaign.id }));
      graphqlMs.push(ms);
      const ids = data.campaignMatches.edges.map((edge: { node: CreatorMatch }) => edge.node.creatorId);
      if (ids.join() !== serviceResults.get(campaign.id)!.map((match) => match.creatorId).join()) {
        throw new Error(`GraphQL and the service disagree for campaign ${campaign.id}`);
      }
    }

    const step = Math.max(1, Math.floor(campaigns.length / Math.max(1, naiveCount)));
    const sample = campaigns.filter((_, i) => i % step === 0).slice(0, naiveCount);
    note(`measuring the naive SQL scan on ${sample.length} of the campaigns (it is slow), verifying ${Math.min(verifyCount, sample.length)} against the service`);
    for (const sql of [...NAIVE_SESSION_SQL, SMOOTHSTEP_SQL]) await client.query(sql);
    const naiveMs: number[] = [];
    let maxDiff = 0;
    for (const [i, campaign] of sample.entries()) {
      const [ms, rows] = await timed(() => naiveTopK(client, campaign, TOP + 10));
      naiveMs.push(ms);
      if (i < verifyCount) maxDiff = Math.max(maxDiff, verify(campaign, serviceResults.get(campaign.id)!, rows));
      process.stderr.write(`\rnaive scan ${i + 1}/${sample.length} (${Math.round(ms)} ms)   `);
    }
    process.stderr.write('\n');

    const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
    say();
    say(`matching benchmark: campaignMatches top-${TOP}`);
    say(`  creators ${creators.toLocaleString('en-US')}, social accounts ${accounts.toLocaleString('en-US')}, campaigns ${campaigns.length}`);
    say(`  index load ${stats.loadMs} ms (waited ${Math.round(waitMs)} ms after start), memory: rss ${mb(memory.rss)}, heap ${mb(memory.heapUsed)}, typed arrays ${mb(memory.arrayBuffers)}`);
    say(`  campaigns with no candidate: ${empty}; service = naive for ${Math.min(verifyCount, sample.length)} campaigns (max score difference ${maxDiff.toExponential(1)})`);
    say();
    say(
      table([
        ['path', 'runs', 'p50 ms', 'p95 ms', 'max ms', 'target p95'],
        ['service', serviceMs.length, round(percentile(serviceMs, 50)), round(percentile(serviceMs, 95)), round(Math.max(...serviceMs)), '≤ 50'],
        ['GraphQL (HTTP)', graphqlMs.length, round(percentile(graphqlMs, 50)), round(percentile(graphqlMs, 95)), round(Math.max(...graphqlMs)), '≤ 80'],
        ['naive SQL scan', naiveMs.length, round(percentile(naiveMs, 50)), round(percentile(naiveMs, 95)), round(Math.max(...naiveMs)), '-'],
      ]),
    );
    say();
    say(
      JSON.stringify({
        creators,
        service_p50_ms: round(percentile(serviceMs, 50)),
        service_p95_ms: round(percentile(serviceMs, 95)),
        graphql_p95_ms: round(percentile(graphqlMs, 95)),
        naive_p95_ms: round(percentile(naiveMs, 95)),
      }),
    );
  } finally {
    await app.close();
    await client.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

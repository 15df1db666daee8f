import { Agent, request } from 'node:http';
import type pg from 'pg';
import { ProgressBar } from '../bench-report.js';
import { inParallel } from '../orders/orders-fixture.js';
import { BENCH_PASSWORD } from './analytics-seed.js';

/**
 * The two reports as a brand's dashboard and a creator's dashboard ask for them. Kept here,
 * apart from the harness, so that a change of field names is a change of these strings only.
 */
const FIGURES = /* GraphQL */ `
  clicks uniqueClicks botClicks orders conversionRate
  byCurrency {
    currency orders refunds
    grossRevenue { amountMinor } netRevenue { amountMinor } refundedAmount { amountMinor }
    commissions { amountMinor } commissionsPending { amountMinor } commissionsApproved { amountMinor } commissionsPaid { amountMinor } fees { amountMinor }
  }`;

/** A chart's worth per day: the API's cost limit (GRAPHQL_MAX_COST) counts every field of up to 366 days. */
const PER_DAY = /* GraphQL */ `
  start clicks uniqueClicks botClicks orders
  byCurrency { currency grossRevenue { amountMinor } netRevenue { amountMinor } }`;

export const CAMPAIGN_STATS = /* GraphQL */ `
  query CampaignStats($campaignId: ID!, $from: String!, $to: String!) {
    campaignStats(campaignId: $campaignId, from: $from, to: $to, granularity: DAY) {
      currency timeZone
      total { ${FIGURES} }
      series { ${PER_DAY} }
    }
  }`;

export const CREATOR_STATS = /* GraphQL */ `
  query CreatorStats($from: String!, $to: String!) {
    creatorStats(from: $from, to: $to, granularity: DAY) {
      total { ${FIGURES} }
      series { ${PER_DAY} }
    }
  }`;

/** The cheapest query a signed-in caller can make: the token checked, the session looked up, one row read. */
export const SIGNED_IN_BASELINE = /* GraphQL */ `
  query SignedIn {
    me { id }
  }`;

export interface GraphqlCall {
  token: string;
  query: string;
  variables: Record<string, unknown>;
}

export interface Answer {
  ms: number;
  ok: boolean;
  /** The first error message, when not ok. */
  error?: string;
}

/** One keep-alive connection pool per run, so latencies are the API's and not TCP handshakes. */
export class GraphqlClients {
  private readonly agent: Agent;

  constructor(
    private readonly port: number,
    connections: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  post(call: Omit<GraphqlCall, 'token'> & { token?: string }): Promise<Answer & { data?: Record<string, unknown> }> {
    const body = Buffer.from(JSON.stringify({ query: call.query, variables: call.variables }));
    return new Promise((resolve, reject) => {
      const began = process.hrtime.bigint();
      const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': body.length };
      if (call.token) headers.authorization = `Bearer ${call.token}`;
      const req = request({ agent: this.agent, host: '127.0.0.1', port: this.port, path: '/graphql', method: 'POST', headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('error', reject);
        res.once('end', () => {
          const ms = Number(process.hrtime.bigint() - began) / 1e6;
          try {
            const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data?: Record<string, unknown>; errors?: { message: string }[] };
            const ok = res.statusCode === 200 && !parsed.errors?.length && !!parsed.data;
            resolve({ ms, ok, data: parsed.data, ...(ok ? {} : { error: parsed.errors?.[0]?.message ?? `HTTP ${res.statusCode}` }) });
          } catch {
            resolve({ ms, ok: false, error: `HTTP ${res.statusCode}, not JSON` });
          }
        });
      });
      req.once('error', reject);
      req.end(body);
    });
  }

  /** Runs every call from `clients` concurrent loops; returns each call's answer in order and the wall time. */
  async run(label: string, calls: readonly GraphqlCall[], clients: number): Promise<{ answers: Answer[]; seconds: number }> {
    const answers: Answer[] = new Array(calls.length);
    const bar = new ProgressBar(label, calls.length);
    let done = 0;
    const began = process.hrtime.bigint();
    await inParallel(calls, clients, async (call, index) => {
      const answer = await this.post(call).catch((error: unknown): Answer => ({ ms: Number.NaN, ok: false, error: String(error) }));
      answers[index] = { ms: answer.ms, ok: answer.ok, ...(answer.error ? { error: answer.error } : {}) };
      done += 1;
      bar.update(done);
    });
    bar.finish();
    return { answers, seconds: Number(process.hrtime.bigint() - began) / 1e9 };
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface Logins {
  /** Brand admins' tokens with their organizations' campaigns. */
  brands: { token: string; campaignIds: string[] }[];
  /** Creators who sold something, with their tokens. */
  creators: { token: string }[];
}

/** Logs in every brand admin and up to `creators` creators with orders, through `logIn`, as a browser would. */
export async function logIn(client: pg.Client, clients: GraphqlClients, creators: number): Promise<Logins> {
  const { rows: brandRows } = await client.query<{ email: string; campaign_ids: string[] }>(
    `SELECT u.email, array_agg(c.id) AS campaign_ids
       FROM memberships m JOIN users u ON u.id = m.user_id JOIN campaigns c ON c.organization_id = m.organization_id
      WHERE u.email LIKE 'bench-brand-%' GROUP BY u.email`,
  );
  const { rows: creatorRows } = await client.query<{ email: string }>(
    `SELECT u.email FROM users u JOIN creator_profiles p ON p.user_id = u.id
      WHERE EXISTS (SELECT 1 FROM orders o WHERE o.creator_id = p.id) ORDER BY random() LIMIT $1`,
    [creators],
  );
  const bar = new ProgressBar('logging in', brandRows.length + creatorRows.length);
  let done = 0;
  const tokenOf = async (email: string): Promise<string> => {
    const answer = await clients.post({
      query: `mutation LogIn($input: LogInInput!) { logIn(input: $input) { accessToken } }`,
      variables: { input: { email, password: BENCH_PASSWORD } },
    });
    if (!answer.ok) throw new Error(`logIn failed for ${email}: ${answer.error}`);
    done += 1;
    bar.update(done);
    return (answer.data!.logIn as { accessToken: string }).accessToken;
  };
  const brands: Logins['brands'] = [];
  await inParallel(brandRows, 4, async (row) => {
    brands.push({ token: await tokenOf(row.email), campaignIds: row.campaign_ids });
  });
  const creatorLogins: Logins['creators'] = [];
  await inParallel(creatorRows, 4, async (row) => {
    creatorLogins.push({ token: await tokenOf(row.email) });
  });
  bar.finish();
  return { brands, creators: creatorLogins };
}

import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { expectLedgerBalanced } from '../support/ledger.js';
import { approvedCommissions, CREATE_RUN, eventually, fund, payableCreator, type PayableCreator, type PayoutsStack, startPayoutsStack } from '../support/payouts-stack.js';

const CREATORS = 30;
const WORKER_MAIN = join(import.meta.dirname, '..', '..', 'dist', 'apps', 'worker', 'src', 'main.js');

describe('a payout worker killed in the middle of a run', () => {
  let stack: PayoutsStack;
  const workers: ChildProcess[] = [];

  /** The real worker, in its own process, on the test's database, Redis prefix and Stripe fake. */
  function startWorker(): ChildProcess {
    const { config } = stack;
    const child = spawn(process.execPath, [WORKER_MAIN], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        LOG_LEVEL: 'error',
        DATABASE_URL: config.database.url,
        DATABASE_POOL_SIZE: '4',
        REDIS_URL: config.redis.url,
        REDIS_KEY_PREFIX: config.redis.keyPrefix,
        JWT_SECRET: config.auth.jwtSecret,
        IP_HASH_SALT: config.ipHashSalt,
        DATA_ENCRYPTION_KEY: config.sales.secretsKey,
        REDIRECTOR_PUBLIC_URL: config.tracking.redirectorPublicUrl,
        ...stack.fake.env(),
        STRIPE_MAX_REQUESTS_PER_SECOND: '15',
        MINIMUM_PAYOUT_MINOR: '100',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    workers.push(child);
    return child;
  }

  beforeAll(async () => {
    stack = await startPayoutsStack({ worker: false, fake: { latencyMs: 15 }, env: { MINIMUM_PAYOUT_MINOR: '100' } });
  }, 120_000);
  afterAll(async () => {
    for (const child of workers) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await stack.close();
  });

  it('ends every payout SENT or FAILED, with one transfer per payout and no creator paid twice', async () => {
    const first = await payableCreator(stack);
    const creators: PayableCreator[] = [first];
    for (let i = 1; i < CREATORS; i += 1) creators.push(await payableCreator(stack, first.brand));
    for (const [i, creator] of creators.entries()) await approvedCommissions(stack, creator, [1_000 + i * 10, 500]);
    await fund(stack, first.campaign.organizationId);

    const { createPayoutRun: run } = await stack.gql.as(stack.finance.token).ok(CREATE_RUN, { input: { currency: 'USD' } });
    expect(run.payoutCount).toBe(CREATORS);

    const doomed = startWorker();
    const sent = () => stack.db.query(`SELECT count(*)::int AS n FROM payouts WHERE run_id = $1 AND status = 'SENT'`, [run.id]).then(([row]) => row.n as number);
    await eventually(async () => (await sent()) >= 5, 'the first payouts', 60_000);
    doomed.kill('SIGKILL');
    await once(doomed, 'exit');
    const sentAtKill = await sent();
    expect(sentAtKill).toBeLessThan(CREATORS);

    startWorker();
    await eventually(async () => {
      const [row] = await stack.db.query(`SELECT status FROM payout_runs WHERE id = $1`, [run.id]);
      return row.status === 'COMPLETED';
    }, 'the run to complete after the restart', 90_000);

    const payouts: { id: string; status: string; amount_minor: string; stripe_account_id: string; stripe_transfer_id: string }[] = await stack.db.query(
      `SELECT id, status, amount_minor, stripe_account_id, stripe_transfer_id FROM payouts WHERE run_id = $1`,
      [run.id],
    );
    expect(payouts.every((p) => p.status === 'SENT' || p.status === 'FAILED')).toBe(true);
    const transfers = stack.fake.transfers().filter((t) => t.transfer_group === run.id);
    const sentPayouts = payouts.filter((p) => p.status === 'SENT');
    expect(transfers).toHaveLength(sentPayouts.length);
    expect(new Set(transfers.map((t) => t.metadata.payout_id)).size).toBe(transfers.length);
    expect(new Set(transfers.map((t) => t.destination)).size).toBe(transfers.length);
    for (const payout of sentPayouts) {
      const transfer = transfers.find((t) => t.id === payout.stripe_transfer_id)!;
      expect([transfer.destination, transfer.amount]).toEqual([payout.stripe_account_id, Number(payout.amount_minor)]);
    }
    await expectLedgerBalanced(stack.db);
  }, 240_000);
});

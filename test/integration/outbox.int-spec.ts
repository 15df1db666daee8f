import { type AppConfig, baseDataSourceOptions, OutboxMessageEntity, OutboxRelay, OutboxService } from '@app/core';
import { createTestDatabase, forgetRedisPrefix, testConfig, type TestDatabase } from '@app/testing';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

class RollBack extends Error {}

describe('the outbox', () => {
  let database: TestDatabase;
  let db: DataSource;
  let config: AppConfig;
  let relay: OutboxRelay;
  let queue: Queue;
  const outbox = new OutboxService();

  beforeAll(async () => {
    database = await createTestDatabase();
    config = testConfig(database.url);
    db = new DataSource({ ...baseDataSourceOptions({ url: database.url, poolSize: 2 }), entities: [OutboxMessageEntity] });
    await db.initialize();
    relay = new OutboxRelay(db, config);
    queue = new Queue('outbox-test', { connection: { url: config.redis.url }, prefix: `${config.redis.keyPrefix}:q` });
  });
  afterAll(async () => {
    await relay.onApplicationShutdown();
    await queue.close();
    await db.destroy();
    await forgetRedisPrefix(config.redis.url, config.redis.keyPrefix);
    await database.drop();
  });

  const job = (jobId: string) => ({ queue: 'outbox-test', name: 'send-run', jobId, payload: { runId: jobId } });

  it('refuses to write outside a transaction', async () => {
    await expect(outbox.add(db.manager, [job('alone')])).rejects.toThrow(/inside the transaction/);
  });

  it('keeps nothing of a change that rolled back, and relays a committed one as one job however often it is relayed', async () => {
    await expect(
      db.transaction(async (manager) => {
        await outbox.add(manager, [job('rolled-back')]);
        throw new RollBack();
      }),
    ).rejects.toBeInstanceOf(RollBack);
    await db.transaction((manager) => outbox.add(manager, [job('run-1'), job('run-2')]));

    expect(await relay.relayPending()).toBe(2);
    expect(await relay.relayPending()).toBe(0);
    // A relay that died after adding the jobs but before marking them published adds them again: still one job each.
    await db.query(`UPDATE outbox_messages SET published_at = NULL`);
    expect(await relay.relayPending()).toBe(2);

    const jobs = await queue.getJobs(['waiting']);
    expect(jobs.map((j) => [j.id, j.name, j.data]).sort()).toEqual([
      ['run-1', 'send-run', { runId: 'run-1' }],
      ['run-2', 'send-run', { runId: 'run-2' }],
    ]);
    const rows = await db.query(`SELECT job_id, published_at IS NOT NULL AS published FROM outbox_messages ORDER BY job_id`);
    expect(rows).toEqual([
      { job_id: 'run-1', published: true },
      { job_id: 'run-2', published: true },
    ]);
  });
});

import { newId, type AppConfig } from '@app/core';
import { IDENTITY_QUEUE, IdentityJob } from '@app/identity';
import { createTestDatabase, Factories, testConfig, type TestDatabase } from '@app/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Queue, QueueEvents } from 'bullmq';
import type { DataSource } from 'typeorm';
import { createWorkerApp } from '../../apps/worker/src/worker.app.js';

const DAY = 24 * 60 * 60 * 1000;

describe('the worker purges ended sessions', () => {
  let database: TestDatabase;
  let config: AppConfig;
  let worker: INestApplicationContext;
  let db: DataSource;
  let queue: Queue;
  let events: QueueEvents;

  beforeAll(async () => {
    database = await createTestDatabase();
    config = testConfig(database.url);
    worker = await createWorkerApp(config, { shutdownHooks: false });
    db = worker.get<DataSource>(getDataSourceToken());
    const connection = { url: config.redis.url };
    const prefix = `${config.redis.keyPrefix}:q`;
    queue = new Queue(IDENTITY_QUEUE, { connection, prefix });
    events = new QueueEvents(IDENTITY_QUEUE, { connection, prefix });
    await events.waitUntilReady();
  });
  afterAll(async () => {
    await events.close();
    await queue.close();
    await worker.close();
    await database.drop();
  });

  async function session(userId: string, fields: { expiresAt: Date; revokedAt?: Date }): Promise<string> {
    const id = newId();
    await db.query(
      `INSERT INTO sessions (id, user_id, last_used_at, expires_at, revoked_at) VALUES ($1, $2, now(), $3, $4)`,
      [id, userId, fields.expiresAt, fields.revokedAt ?? null],
    );
    await db.query(`INSERT INTO refresh_tokens (id, session_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)`, [
      newId(),
      id,
      `hash-${id}`,
      fields.expiresAt,
    ]);
    return id;
  }

  it('registers its daily schedule', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key ?? s.id)).toContain(IdentityJob.PurgeEndedSessions);
  });

  it('deletes sessions that ended over 30 days ago with their tokens, and keeps the rest', async () => {
    const make = new Factories(db);
    const user = await make.creator();
    const now = Date.now();
    const live = await session(user.id, { expiresAt: new Date(now + 10 * DAY) });
    const recentlyEnded = await session(user.id, { expiresAt: new Date(now - 5 * DAY) });
    const longExpired = await session(user.id, { expiresAt: new Date(now - 40 * DAY) });
    const longRevoked = await session(user.id, { expiresAt: new Date(now + 10 * DAY), revokedAt: new Date(now - 31 * DAY) });

    const job = await queue.add(IdentityJob.PurgeEndedSessions, {});
    const result = await job.waitUntilFinished(events, 15_000);
    expect(result).toEqual({ purged: 2 });

    const remaining = (await db.query('SELECT id FROM sessions WHERE user_id = $1', [user.id])).map((r: { id: string }) => r.id);
    expect(remaining.sort()).toEqual([live, recentlyEnded].sort());
    const orphans = await db.query('SELECT count(*)::int AS n FROM refresh_tokens WHERE session_id = ANY($1)', [[longExpired, longRevoked]]);
    expect(orphans[0].n).toBe(0);

    // Running the job twice has one effect.
    const again = await queue.add(IdentityJob.PurgeEndedSessions, {});
    expect(await again.waitUntilFinished(events, 15_000)).toEqual({ purged: 0 });
  });
});

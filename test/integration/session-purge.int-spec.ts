import { newId } from '@app/core';
import { IDENTITY_QUEUE, IdentityJob } from '@app/identity';
import { startWorkerTestApp, type WorkerTestApp } from '../support/worker-test-app.js';

const DAY = 24 * 60 * 60 * 1000;

describe('the worker purges ended sessions', () => {
  let t: WorkerTestApp;

  beforeAll(async () => {
    t = await startWorkerTestApp(IDENTITY_QUEUE);
  });
  afterAll(() => t.close());

  async function session(userId: string, fields: { expiresAt: Date; revokedAt?: Date }): Promise<string> {
    const id = newId();
    await t.db.query(
      `INSERT INTO sessions (id, user_id, last_used_at, expires_at, revoked_at) VALUES ($1, $2, now(), $3, $4)`,
      [id, userId, fields.expiresAt, fields.revokedAt ?? null],
    );
    await t.db.query(`INSERT INTO refresh_tokens (id, session_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)`, [
      newId(),
      id,
      `hash-${id}`,
      fields.expiresAt,
    ]);
    return id;
  }

  it('registers its daily schedule', async () => {
    const schedulers = await t.queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key ?? s.id)).toContain(IdentityJob.PurgeEndedSessions);
  });

  it('deletes sessions that ended over 30 days ago with their tokens, and keeps the rest', async () => {
    const user = await t.make.creator();
    const now = Date.now();
    const live = await session(user.id, { expiresAt: new Date(now + 10 * DAY) });
    const recentlyEnded = await session(user.id, { expiresAt: new Date(now - 5 * DAY) });
    const longExpired = await session(user.id, { expiresAt: new Date(now - 40 * DAY) });
    const longRevoked = await session(user.id, { expiresAt: new Date(now + 10 * DAY), revokedAt: new Date(now - 31 * DAY) });

    const job = await t.queue.add(IdentityJob.PurgeEndedSessions, {});
    const result = await job.waitUntilFinished(t.events, 15_000);
    expect(result).toEqual({ purged: 2 });

    const remaining = (await t.db.query('SELECT id FROM sessions WHERE user_id = $1', [user.id])).map((r: { id: string }) => r.id);
    expect(remaining.sort()).toEqual([live, recentlyEnded].sort());
    const orphans = await t.db.query('SELECT count(*)::int AS n FROM refresh_tokens WHERE session_id = ANY($1)', [[longExpired, longRevoked]]);
    expect(orphans[0].n).toBe(0);

    // Running the job twice has one effect.
    const again = await t.queue.add(IdentityJob.PurgeEndedSessions, {});
    expect(await again.waitUntilFinished(t.events, 15_000)).toEqual({ purged: 0 });
  });
});

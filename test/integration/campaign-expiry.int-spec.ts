import { CAMPAIGNS_QUEUE, CampaignsJob } from '@app/campaigns';
import type { AppConfig } from '@app/core';
import { createTestDatabase, Factories, testConfig, type TestDatabase } from '@app/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Queue, QueueEvents } from 'bullmq';
import type { DataSource } from 'typeorm';
import { createWorkerApp } from '../../apps/worker/src/worker.app.js';

describe('the worker ends campaigns past their end date', () => {
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
    queue = new Queue(CAMPAIGNS_QUEUE, { connection, prefix });
    events = new QueueEvents(CAMPAIGNS_QUEUE, { connection, prefix });
    await events.waitUntilReady();
  });
  afterAll(async () => {
    await events.close();
    await queue.close();
    await worker.close();
    await database.drop();
  });

  it('registers its schedule', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key ?? s.id)).toContain(CampaignsJob.EndExpiredCampaigns);
  });

  it('ends ACTIVE and PAUSED campaigns whose end date passed, and nothing else, once', async () => {
    const make = new Factories(db);
    const brand = await make.brand();
    const expiredActive = await make.campaign(brand);
    const expiredPaused = await make.campaign(brand, { status: 'PAUSED' });
    const running = await make.campaign(brand);
    const expiredDraft = await make.campaign(brand, { status: 'DRAFT' });
    await db.query(`UPDATE campaigns SET ends_at = now() - interval '1 hour', starts_at = now() - interval '10 days' WHERE id = ANY($1)`, [
      [expiredActive.campaignId, expiredPaused.campaignId, expiredDraft.campaignId],
    ]);

    const job = await queue.add(CampaignsJob.EndExpiredCampaigns, {});
    expect(await job.waitUntilFinished(events, 15_000)).toEqual({ ended: 2 });
    const statuses = Object.fromEntries(
      (await db.query('SELECT id, status, ended_at FROM campaigns')).map((row: { id: string; status: string }) => [row.id, row.status]),
    );
    expect(statuses).toEqual({
      [expiredActive.campaignId]: 'ENDED',
      [expiredPaused.campaignId]: 'ENDED',
      [running.campaignId]: 'ACTIVE',
      [expiredDraft.campaignId]: 'DRAFT',
    });

    const again = await queue.add(CampaignsJob.EndExpiredCampaigns, {});
    expect(await again.waitUntilFinished(events, 15_000)).toEqual({ ended: 0 });
  });
});

import type { Server } from 'node:http';
import type { AppConfig } from '@app/core';
import { createTestDatabase, Factories, forgetRedisPrefix, GraphqlClient, testConfig, type TestDatabase } from '@app/testing';
import { ClickRecorder, CLICKS_QUEUE } from '@app/tracking';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/api.app.js';
import { createRedirectorApp } from '../../apps/redirector/src/redirector.app.js';
import { createWorkerApp } from '../../apps/worker/src/worker.app.js';

export interface TrackingStack {
  config: AppConfig;
  api: NestExpressApplication;
  redirector: NestFastifyApplication;
  worker: INestApplicationContext;
  /** The API's data source. */
  db: DataSource;
  /** The redirector's data source: a warm redirect must send it nothing. */
  redirectorDb: DataSource;
  gql: GraphqlClient;
  make: Factories;
  /** The redirector's HTTP server, for supertest. */
  redirectorServer: Server;
  /** Resolves once every click the redirector has taken is a row in PostgreSQL. */
  clicksStored(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The API, the redirector and the worker as separate applications sharing one database
 * and one Redis prefix, as they run in production.
 */
export async function startTrackingStack(env: Record<string, string> = {}): Promise<TrackingStack> {
  const database: TestDatabase = await createTestDatabase();
  const config = testConfig(database.url, env);
  const api = await createApiApp(config, { shutdownHooks: false });
  await api.init();
  const redirector = await createRedirectorApp(config, { shutdownHooks: false });
  await redirector.init();
  await redirector.getHttpAdapter().getInstance().ready();
  const worker = await createWorkerApp(config, { shutdownHooks: false });
  const db = api.get<DataSource>(getDataSourceToken());
  const recorder = redirector.get(ClickRecorder);
  const clicks = new Queue(CLICKS_QUEUE, { connection: { url: config.redis.url }, prefix: `${config.redis.keyPrefix}:q` });

  return {
    config,
    api,
    redirector,
    worker,
    db,
    redirectorDb: redirector.get<DataSource>(getDataSourceToken()),
    gql: new GraphqlClient(api.getHttpServer() as Server),
    make: new Factories(db),
    redirectorServer: redirector.getHttpServer() as Server,
    async clicksStored() {
      await recorder.drain();
      const deadline = Date.now() + 15_000;
      for (;;) {
        const counts = await clicks.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed');
        if (counts.failed) throw new Error(`${counts.failed} click batches failed`);
        if (Object.values(counts).every((count) => count === 0)) return;
        if (Date.now() > deadline) throw new Error(`Click batches still queued: ${JSON.stringify(counts)}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async close() {
      await clicks.close();
      await redirector.close();
      await worker.close();
      await api.close();
      await forgetRedisPrefix(config.redis.url, config.redis.keyPrefix);
      await database.drop();
    },
  };
}

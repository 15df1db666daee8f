import type { Server } from 'node:http';
import { ORDER_EVENTS_QUEUE, OrderEventsJob, signGenericPayload, signShopifyPayload } from '@app/attribution';
import type { AppConfig } from '@app/core';
import { createTestDatabase, Factories, forgetRedisPrefix, GraphqlClient, type MadeBrand, type Participation, SalesFactories, testConfig, type TestDatabase } from '@app/testing';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/api.app.js';
import { createWorkerApp } from '../../apps/worker/src/worker.app.js';

export interface SalesStack {
  config: AppConfig;
  api: NestExpressApplication;
  worker: INestApplicationContext | null;
  server: Server;
  db: DataSource;
  gql: GraphqlClient;
  make: Factories;
  sales: SalesFactories;
  /** Resolves once the worker has applied every stored order event (none left RECEIVED, the queue empty). */
  settled(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The API and the worker as separate applications on one database and one Redis prefix, as
 * they run in production. `{ worker: false }` leaves events stored and unapplied.
 */
export async function startSalesStack({ env = {}, worker: withWorker = true }: { env?: Record<string, string>; worker?: boolean } = {}): Promise<SalesStack> {
  const database: TestDatabase = await createTestDatabase();
  const config = testConfig(database.url, env);
  const api = await createApiApp(config, { shutdownHooks: false });
  await api.init();
  const worker = withWorker ? await createWorkerApp(config, { shutdownHooks: false }) : null;
  const db = api.get<DataSource>(getDataSourceToken());
  const queue = new Queue(ORDER_EVENTS_QUEUE, { connection: { url: config.redis.url }, prefix: `${config.redis.keyPrefix}:q` });
  const server = api.getHttpServer() as Server;
  return {
    config,
    api,
    worker,
    server,
    db,
    gql: new GraphqlClient(server),
    make: new Factories(db),
    sales: new SalesFactories(db, config.sales.secretsKey),
    async settled(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [row] = await db.query(`SELECT count(*)::int AS n FROM order_events WHERE status = 'RECEIVED'`);
        const busy = await queue.getJobCounts('waiting', 'active', 'prioritized');
        // The inbox sweeper is always scheduled (delayed); only retries of applying an event count.
        const retrying = (await queue.getDelayed()).filter((job) => job.name === OrderEventsJob.Apply).length;
        if (row.n === 0 && retrying === 0 && Object.values(busy).every((n) => n === 0)) return;
        if (Date.now() > deadline) throw new Error(`Order events not applied within ${timeoutMs} ms (${row.n} still RECEIVED)`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async close() {
      await queue.close();
      await worker?.close();
      await api.close();
      await forgetRedisPrefix(config.redis.url, config.redis.keyPrefix);
      await database.drop();
    },
  };
}

/** A brand with an ACTIVE campaign (terms in force for 40 days) and one creator APPROVED in it 35 days ago, ready to sell. */
export async function sellingCreator(stack: SalesStack, spec: Parameters<Factories['campaign']>[1] = {}, brand?: MadeBrand): Promise<Participation & { brand: MadeBrand }> {
  const owner = brand ?? (await stack.make.brand());
  const campaign = await stack.make.campaign(owner, { effectiveFrom: new Date(Date.now() - 40 * 86_400_000), ...spec });
  const creator = await stack.make.creatorProfile();
  const enrollmentId = await stack.make.enrollment(campaign, creator, 'APPROVED', { decidedAt: new Date(Date.now() - 35 * 86_400_000) });
  return { brand: owner, campaign, enrollmentId, creatorId: creator.creatorId, createdByUserId: owner.admin.id };
}

/** POSTs a generic order webhook signed with `secret` (now, or at `t`). */
export function postGeneric(stack: SalesStack, integrationId: string, secret: string, body: unknown, t = Math.floor(Date.now() / 1000)) {
  const raw = JSON.stringify(body);
  return request(stack.server)
    .post(`/webhooks/orders/${integrationId}`)
    .set('content-type', 'application/json')
    .set('x-signature', signGenericPayload(secret, raw, t))
    .send(raw);
}

/** POSTs a Shopify webhook signed with `secret`. */
export function postShopify(stack: SalesStack, integrationId: string, secret: string, topic: string, webhookId: string, body: unknown) {
  const raw = JSON.stringify(body);
  return request(stack.server)
    .post(`/webhooks/shopify/${integrationId}`)
    .set('content-type', 'application/json')
    .set('x-shopify-hmac-sha256', signShopifyPayload(secret, raw))
    .set('x-shopify-topic', topic)
    .set('x-shopify-webhook-id', webhookId)
    .send(raw);
}

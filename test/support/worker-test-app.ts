import type { AppConfig } from '@app/core';
import { createTestDatabase, Factories, forgetRedisPrefix, testConfig, type TestDatabase } from '@app/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Queue, QueueEvents } from 'bullmq';
import type { DataSource } from 'typeorm';
import { createWorkerApp } from '../../apps/worker/src/worker.app.js';

export interface WorkerTestApp {
  worker: INestApplicationContext;
  config: AppConfig;
  db: DataSource;
  make: Factories;
  /** A producer on `queueName`, as another process would enqueue. */
  queue: Queue;
  /** Job completion events of `queueName`, for `job.waitUntilFinished(events)`. */
  events: QueueEvents;
  close(): Promise<void>;
}

/** The real worker on a database of its own, with a producer and events for one of its queues. */
export async function startWorkerTestApp(queueName: string): Promise<WorkerTestApp> {
  const database: TestDatabase = await createTestDatabase();
  const config = testConfig(database.url);
  const worker = await createWorkerApp(config, { shutdownHooks: false });
  const db = worker.get<DataSource>(getDataSourceToken());
  const connection = { url: config.redis.url };
  const prefix = `${config.redis.keyPrefix}:q`;
  const queue = new Queue(queueName, { connection, prefix });
  const events = new QueueEvents(queueName, { connection, prefix });
  await events.waitUntilReady();
  return {
    worker,
    config,
    db,
    make: new Factories(db),
    queue,
    events,
    close: async () => {
      await events.close();
      await queue.close();
      await worker.close();
      await forgetRedisPrefix(config.redis.url, config.redis.keyPrefix);
      await database.drop();
    },
  };
}

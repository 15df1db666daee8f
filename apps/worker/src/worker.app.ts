import type { AppConfig } from '@app/core';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module.js';

/** Builds and starts the worker: processors begin taking jobs once this resolves. */
export async function createWorkerApp(config: AppConfig, { shutdownHooks = true }: { shutdownHooks?: boolean } = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // Standalone mode runs several apps in one process and orders their shutdown itself.
  if (shutdownHooks) app.enableShutdownHooks();
  await app.init();
  return app;
}

import type { AppConfig } from '@app/core';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { RedirectorModule } from './redirector.module.js';

/** Builds the redirector (Fastify, no GraphQL), not yet listening. */
export async function createRedirectorApp(config: AppConfig, { shutdownHooks = true }: { shutdownHooks?: boolean } = {}): Promise<NestFastifyApplication> {
  const hops = config.trustProxyHops;
  const adapter = new FastifyAdapter({ trustProxy: hops > 0 ? (_address: string, hop: number) => hop < hops : false, bodyLimit: 16 * 1024 });
  const app = await NestFactory.create<NestFastifyApplication>(RedirectorModule.register(config), adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // Standalone mode runs several apps in one process and orders their shutdown itself.
  if (shutdownHooks) app.enableShutdownHooks();
  return app;
}

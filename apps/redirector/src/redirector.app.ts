import type { AppConfig } from '@app/core';
import { RedirectFastPath } from '@app/tracking';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { RedirectorModule } from './redirector.module.js';

/** Builds the redirector (Fastify for health checks, `/r/…` on its own fast path), not yet listening. */
export async function createRedirectorApp(config: AppConfig, { shutdownHooks = true }: { shutdownHooks?: boolean } = {}): Promise<NestFastifyApplication> {
  const hops = config.trustProxyHops;
  const fastPath = new RedirectFastPath(config.bodyLimits.redirectorBytes);
  // No Nest middleware runs here (no request logging on the hot path), so the middleware
  // engine is left out too.
  const adapter = new FastifyAdapter({
    trustProxy: hops > 0 ? (_address: string, hop: number) => hop < hops : false,
    bodyLimit: config.bodyLimits.redirectorBytes,
    skipMiddie: true,
    serverFactory: fastPath.serverFactory,
  });
  const app = await NestFactory.create<NestFastifyApplication>(RedirectorModule.register(config, fastPath), adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // Standalone mode runs several apps in one process and orders their shutdown itself.
  if (shutdownHooks) app.enableShutdownHooks();
  return app;
}

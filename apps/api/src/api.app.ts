import type { AppConfig } from '@app/core';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module.js';

/** Largest JSON body the API accepts; GraphQL documents and variables fit well within it. */
export const API_BODY_LIMIT = '256kb';

/** Builds the API application (not yet listening). */
export async function createApiApp(config: AppConfig, { shutdownHooks = true }: { shutdownHooks?: boolean } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.register(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: API_BODY_LIMIT });
  app.set('trust proxy', config.trustProxyHops);
  app.disable('x-powered-by');
  // Standalone mode runs several apps in one process and orders their shutdown itself.
  if (shutdownHooks) app.enableShutdownHooks();
  return app;
}

import type { AppConfig } from '@app/core';
import { NestFactory } from '@nestjs/core';
import { raw } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module.js';

/** Largest JSON body the API accepts; GraphQL documents and variables fit well within it. */
export const API_BODY_LIMIT = '256kb';

/** Largest webhook body: a big Shopify order with hundreds of lines fits. */
export const WEBHOOK_BODY_LIMIT = '2mb';

/** Builds the API application (not yet listening). */
export async function createApiApp(config: AppConfig, { shutdownHooks = true }: { shutdownHooks?: boolean } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.register(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  // Webhooks are verified on the exact bytes received, so they are read raw, whatever their content type.
  app.use('/webhooks', raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }));
  app.useBodyParser('json', { limit: API_BODY_LIMIT });
  app.set('trust proxy', config.trustProxyHops);
  app.disable('x-powered-by');
  // Standalone mode runs several apps in one process and orders their shutdown itself.
  if (shutdownHooks) app.enableShutdownHooks();
  return app;
}

import { answerBodyParserOverflow, type AppConfig, refuseDeclaredLargeBodies } from '@app/core';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module.js';

/** Builds the API application (not yet listening). */
export async function createApiApp(config: AppConfig, { shutdownHooks = true }: { shutdownHooks?: boolean } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.register(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  // GraphQL documents and variables fit well within the limit; every route has it, JSON or not.
  const limit = config.bodyLimits.apiBytes;
  app.use(refuseDeclaredLargeBodies(limit));
  app.useBodyParser('json', { limit });
  app.use(answerBodyParserOverflow(limit));
  app.set('trust proxy', config.trustProxyHops);
  app.disable('x-powered-by');
  // Standalone mode runs several apps in one process and orders their shutdown itself.
  if (shutdownHooks) app.enableShutdownHooks();
  return app;
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config.js';
import { newId } from '../database/ids.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Reuses a well-formed `X-Request-Id` from the caller or a proxy, else makes one. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : newId();
  res.setHeader('x-request-id', id);
  return id;
}

/**
 * Structured JSON logs (pino). Every line logged while handling a request carries its
 * request id; credentials and cookies are redacted.
 */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, options: { requestLogging?: boolean } = {}): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          // Without request logging, the HTTP middleware applies to no route, so none runs.
          ...(options.requestLogging === false ? { forRoutes: [] } : {}),
          pinoHttp: {
            level: config.logLevel,
            ...(config.logFormat === 'pretty'
              ? { transport: { target: 'pino-pretty', options: { singleLine: true, ignore: 'pid,hostname,env', translateTime: 'SYS:HH:MM:ss.l' } } }
              : {}),
            genReqId: requestId,
            customProps: () => ({ env: config.nodeEnv }),
            redact: {
              paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'res.headers["set-cookie"]'],
              censor: '[redacted]',
            },
            serializers: {
              req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}

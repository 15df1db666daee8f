import type { Server } from 'node:http';
import type { AppConfig } from '@app/core';
import { createTestDatabase, Factories, forgetRedisPrefix, GraphqlClient, testConfig, type TestDatabase } from '@app/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/api.app.js';

export interface ApiTestApp {
  app: NestExpressApplication;
  config: AppConfig;
  server: Server;
  db: DataSource;
  gql: GraphqlClient;
  make: Factories;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * The real API application on a database of its own (cloned from the migrated template),
 * ready for supertest. `env` overrides configuration, e.g. `{ NODE_ENV: 'production' }`.
 * Passport strategies are process-wide: the app started last in a file serves every app's
 * authentication, so apps in one file must share a database.
 */
export async function startApiTestApp(options: { env?: Record<string, string>; database?: TestDatabase } = {}): Promise<ApiTestApp> {
  const database = options.database ?? (await createTestDatabase());
  const config = testConfig(database.url, options.env);
  const app = await createApiApp(config, { shutdownHooks: false });
  await app.init();
  const server = app.getHttpServer() as Server;
  const db = app.get<DataSource>(getDataSourceToken());
  return {
    app,
    config,
    server,
    db,
    database,
    gql: new GraphqlClient(server),
    make: new Factories(db),
    close: async () => {
      await app.close();
      await forgetRedisPrefix(config.redis.url, config.redis.keyPrefix);
      if (!options.database) await database.drop();
    },
  };
}

export const LOG_IN = /* GraphQL */ `
  mutation LogIn($input: LogInInput!) {
    logIn(input: $input) { accessToken refreshToken user { id email roles } }
  }
`;

/** Logs in through the API and returns the tokens. */
export async function logIn(gql: GraphqlClient, user: { email: string; password: string }) {
  const data = await gql.ok<{ logIn: { accessToken: string; refreshToken: string; user: { id: string } } }>(LOG_IN, {
    input: { email: user.email, password: user.password },
  });
  return data.logIn;
}

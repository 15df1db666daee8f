import { createTestDatabase, testConfig, type TestDatabase } from '@app/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createRedirectorApp } from '../../apps/redirector/src/redirector.app.js';

describe('redirector', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createRedirectorApp(testConfig(database.url), { shutdownHooks: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('boots on Fastify and reports ready when PostgreSQL and Redis answer', async () => {
    const response = await request(app.getHttpServer()).get('/health/ready');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('answers unknown paths with 404 and no stack trace', async () => {
    const response = await request(app.getHttpServer()).get('/nothing-here');
    expect(response.status).toBe(404);
    expect(response.text).not.toMatch(/at .*\.js/);
  });
});

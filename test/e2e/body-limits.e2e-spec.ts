import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { startTrackingStack, type TrackingStack } from '../support/tracking-stack.js';

const SIGN_UP = `mutation S($input: SignUpInput!) { signUp(input: $input) { user { id } } }`;

/** Posts `size` bytes in chunks, with no Content-Length, so the limit can only be found while reading. */
function postChunked(server: Server, path: string, body: string): Promise<{ status: number; body: unknown }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const call = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown }));
    });
    call.on('error', reject);
    for (let at = 0; at < body.length; at += 64 * 1024) call.write(body.slice(at, at + 64 * 1024));
    call.end();
  });
}

describe('request body limits', () => {
  let stack: TrackingStack;
  const tooLarge = (limitBytes: number) => ({ error: 'body_too_large', message: expect.any(String), limitBytes });
  const usersNamed = async (email: string) => {
    const [{ n }] = await stack.db.query(`SELECT count(*)::int AS n FROM users WHERE email = $1`, [email]);
    return n as number;
  };
  const signUpBody = (email: string, padding: number) =>
    JSON.stringify({
      query: SIGN_UP,
      variables: { input: { email, password: 'tide-lantern-93-orbit', displayName: 'x'.repeat(padding), accountType: 'CREATOR' } },
    });

  beforeAll(async () => {
    stack = await startTrackingStack();
  }, 60_000);
  afterAll(() => stack.close());

  it('answers an oversized GraphQL request 413 with a JSON error, and runs nothing', async () => {
    const limit = stack.config.bodyLimits.apiBytes;
    const response = await request(stack.api.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('apollo-require-preflight', 'true')
      .send(signUpBody('oversized@example.com', limit));
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual(tooLarge(limit));
    expect(await usersNamed('oversized@example.com')).toBe(0);
  });

  it('finds an oversized body sent without a length while reading it, with the same answer', async () => {
    const server = stack.api.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const limit = stack.config.bodyLimits.apiBytes;
    const response = await postChunked(server, '/graphql', signUpBody('chunked@example.com', limit));
    expect(response).toEqual({ status: 413, body: tooLarge(limit) });
    expect(await usersNamed('chunked@example.com')).toBe(0);
  });

  it('still runs a request just under the limit', async () => {
    const response = await request(stack.api.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('apollo-require-preflight', 'true')
      .send(signUpBody('just-under@example.com', 100));
    expect(response.status).toBe(200);
    expect(await usersNamed('just-under@example.com')).toBe(1);
  });

  it('answers 413 on the API\'s other routes too, whatever the content type', async () => {
    const limit = stack.config.bodyLimits.apiBytes;
    for (const path of ['/health/live', '/metrics', '/no-such-route']) {
      const response = await request(stack.api.getHttpServer()).post(path).set('content-type', 'text/plain').send('x'.repeat(limit + 1));
      expect({ path, status: response.status, body: response.body }).toEqual({ path, status: 413, body: tooLarge(limit) });
    }
  });

  it('answers an oversized webhook 413, on every webhook route', async () => {
    const server = stack.api.getHttpServer();
    const integration = '00000000-0000-4000-8000-000000000001';
    const orderLimit = stack.config.bodyLimits.orderWebhookBytes;
    for (const path of [`/webhooks/orders/${integration}`, `/webhooks/shopify/${integration}`]) {
      const response = await request(server).post(path).set('content-type', 'application/json').send(`{"padding":"${'x'.repeat(orderLimit)}"}`);
      expect({ path, status: response.status, body: response.body }).toEqual({ path, status: 413, body: tooLarge(orderLimit) });
    }
    const stripeLimit = stack.config.bodyLimits.stripeWebhookBytes;
    const stripe = await request(server).post('/webhooks/stripe').set('content-type', 'application/json').send(`{"padding":"${'x'.repeat(stripeLimit)}"}`);
    expect(stripe.status).toBe(413);
    expect(stripe.body).toEqual(tooLarge(stripeLimit));
    const [{ n }] = await stack.db.query(`SELECT (SELECT count(*) FROM order_events) + (SELECT count(*) FROM stripe_events) AS n`);
    expect(Number(n)).toBe(0);
  });

  it('answers a redirect request that carries a body 413, before looking the link up', async () => {
    const limit = stack.config.bodyLimits.redirectorBytes;
    const response = await request(stack.redirectorServer).get('/r/some-slug').set('content-type', 'text/plain').send('x'.repeat(limit + 1));
    expect(response.status).toBe(413);
    expect(response.body).toEqual(tooLarge(limit));
    const health = await request(stack.redirectorServer).get('/health/live').set('content-type', 'text/plain').send('x'.repeat(limit + 1));
    expect(health.status).toBe(413);
  });
});

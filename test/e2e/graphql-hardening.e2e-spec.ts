import { jest } from '@jest/globals';
import { UserService } from '@app/identity';
import { createTestDatabase, errorCode, type TestDatabase } from '@app/testing';
import request from 'supertest';
import { logIn, startApiTestApp, type ApiTestApp } from '../support/api-test-app.js';

const CYCLE = ['organization', 'members', 'edges', 'node', 'user'];

/** A valid query whose deepest field sits at `depth` (me → organization → members → …). */
function nestedQuery(depth: number): string {
  const path = ['me'];
  while (path.length < depth - 1) path.push(CYCLE[(path.length - 1) % CYCLE.length]!);
  return `{ ${path.join(' { ')} { id }${' }'.repeat(path.length - 1)} }`;
}

describe('GraphQL hardening', () => {
  let database: TestDatabase;
  let dev: ApiTestApp;
  let prod: ApiTestApp;
  let token: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dev = await startApiTestApp({ database });
    prod = await startApiTestApp({ database, env: { NODE_ENV: 'production', STRIPE_SECRET_KEY: 'sk_test_graphql_hardening_0000', STRIPE_WEBHOOK_SECRET: 'whsec_graphql_hardening_0000' } });
    token = (await logIn(dev.gql, await dev.make.brand().then((b) => b.admin))).accessToken;
  });
  afterAll(async () => {
    await dev.close();
    await prod.close();
    await database.drop();
  });

  /** Spies on what any operation here would touch first: authentication, then the resolver. */
  function watchResolvers(t: ApiTestApp) {
    const users = t.app.get(UserService, { strict: false });
    const spies = [jest.spyOn(users, 'loadActor'), jest.spyOn(users, 'getOrFail')];
    return {
      calls: () => spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0),
      restore: () => spies.forEach((spy) => spy.mockRestore()),
    };
  }

  it('runs an ordinary nested query', async () => {
    const data = await dev.gql.as(token).ok(nestedQuery(6));
    expect(data.me.organization.members.edges[0].node.id).toEqual(expect.any(String));
  });

  it('rejects a depth-20 query before any resolver runs', async () => {
    const watch = watchResolvers(dev);
    const response = await dev.gql.as(token).send(nestedQuery(20));
    expect(watch.calls()).toBe(0);
    watch.restore();
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
    expect(response.errors?.map((e) => e.message)).toContain(`The operation nests fields deeper than the maximum depth of ${dev.config.graphql.maxDepth}`);
  });

  it('rejects a 100-alias query before any resolver runs', async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: me { id }`).join(' ');
    const watch = watchResolvers(dev);
    const response = await dev.gql.as(token).send(`{ ${aliases} }`);
    expect(watch.calls()).toBe(0);
    watch.restore();
    expect(response.status).toBe(400);
    expect(response.errors?.map((e) => e.message)).toContain(`The document uses more than the maximum of ${dev.config.graphql.maxAliases} aliases`);
  });

  it('rejects an array of operations (batching) before any resolver runs', async () => {
    const watch = watchResolvers(dev);
    const response = await dev.gql.as(token).post([{ query: '{ me { id } }' }, { query: '{ me { email } }' }]);
    expect(watch.calls()).toBe(0);
    watch.restore();
    expect(response.status).toBe(400);
  });

  it('rejects an expensive query by its estimated cost', async () => {
    const query = `{ me { organization { members(first: 100) { edges { node { user { organization {
      members(first: 100) { edges { node { id role } } } } } } } } } } }`;
    const watch = watchResolvers(dev);
    const response = await dev.gql.as(token).send(query);
    expect(watch.calls()).toBe(0);
    watch.restore();
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.message).toMatch(/too expensive/);
  });

  describe('development and production differ', () => {
    const INTROSPECTION = '{ __schema { queryType { name } } }';

    it('allows introspection in development only', async () => {
      expect((await dev.gql.ok(INTROSPECTION)).__schema.queryType.name).toBe('Query');
      const response = await prod.gql.send(INTROSPECTION);
      expect(response.status).toBe(400);
      expect(errorCode(response)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(response.data).toBeUndefined();
    });

    it('suggests field names in development only', async () => {
      expect((await dev.gql.send('{ mee { id } }')).errors?.[0]?.message).toMatch(/Did you mean "me"\?/);
      const message = (await prod.gql.send('{ mee { id } }')).errors?.[0]?.message;
      expect(message).toMatch(/Cannot query field "mee"/);
      expect(message).not.toMatch(/Did you mean/);
    });

    it('serves the GraphiQL page in development only', async () => {
      const page = await request(dev.server).get('/graphql').set('accept', 'text/html');
      expect(page.status).toBe(200);
      expect(page.text).toMatch(/graphiql/i);
      const none = await request(prod.server).get('/graphql').set('accept', 'text/html');
      expect(none.text).not.toMatch(/graphiql/i);
    });
  });

  it('leaves plain HTTP errors to Nest: an unknown route is a JSON 404', async () => {
    const response = await request(dev.server).get('/no-such-route');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ statusCode: 404 });
    expect(response.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('exposes Prometheus metrics, with request timings by route', async () => {
    await dev.gql.send('{ me { id } }');
    const response = await request(dev.server).get('/metrics');
    expect(response.status).toBe(200);
    expect(response.text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(response.text).toMatch(/^http_request_duration_seconds_count\{method="POST",route="\/graphql",status="200"\} \d+/m);
  });

  it('answers every response with a request id, echoing a well-formed one', async () => {
    const echoed = await dev.gql.send('{ me { id } }', undefined, { headers: { 'x-request-id': 'req-abc-123' } });
    expect(echoed.headers['x-request-id']).toBe('req-abc-123');
    const made = await dev.gql.send('{ me { id } }', undefined, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import { RawHttpRoutes } from './raw-http-routes.js';

describe('RawHttpRoutes', () => {
  let server: Server;
  let base: string;
  const seen: { params: readonly string[]; body: string; signature: unknown }[] = [];

  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('framework');
    });
    const routes = new RawHttpRoutes({ httpAdapter: { getHttpServer: () => server } } as unknown as HttpAdapterHost);
    routes.add({
      name: 'test hook',
      method: 'POST',
      path: /^\/hooks\/([^/]+)$/,
      bodyLimitBytes: 16,
      handle: async ({ params, headers, body }) => {
        if (params[0] === 'boom') throw new Error('handler failed');
        seen.push({ params, body: body.toString('utf8'), signature: headers['x-signature'] });
        return { status: 202, body: { ok: true } };
      },
    });
    routes.onApplicationBootstrap();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('hands a matching request its raw body, decoded path parameters and headers, ignoring the query string', async () => {
    const response = await fetch(`${base}/hooks/a%20b?x=1`, { method: 'POST', body: '{"a": 1 }', headers: { 'x-signature': 's' } });
    expect({ status: response.status, body: await response.json() }).toEqual({ status: 202, body: { ok: true } });
    expect(seen.at(-1)).toEqual({ params: ['a b'], body: '{"a": 1 }', signature: 's' });
  });

  it('leaves other methods and paths to the framework', async () => {
    expect(await (await fetch(`${base}/hooks/a`)).text()).toBe('framework');
    expect(await (await fetch(`${base}/other`, { method: 'POST', body: 'x' })).text()).toBe('framework');
  });

  it('answers 413 to a body over the limit, 400 to an undecodable path and 500 when the handler fails', async () => {
    const count = seen.length;
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const big = await fetch(`${base}/hooks/a`, { method: 'POST', body: 'x'.repeat(17) });
    expect({ status: big.status, body: await big.json() }).toEqual({ status: 413, body: { error: 'body_too_large', message: 'The request body is larger than the limit of 16 bytes', limitBytes: 16 } });
    expect((await fetch(`${base}/hooks/%E0%A4%A`, { method: 'POST', body: 'x' })).status).toBe(400);
    expect((await fetch(`${base}/hooks/boom`, { method: 'POST', body: 'x' })).status).toBe(500);
    expect(seen.length).toBe(count);
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ route: 'test hook', path: '/hooks/boom' }), 'A test hook delivery could not be handled');
    logged.mockRestore();
  });

  it('refuses a second route on the same method and path', () => {
    const routes = new RawHttpRoutes({ httpAdapter: undefined } as unknown as HttpAdapterHost);
    const route = { name: 'one', method: 'POST' as const, path: /^\/x$/, bodyLimitBytes: 1, handle: async () => ({ status: 200, body: {} }) };
    routes.add(route);
    expect(() => routes.add({ ...route, name: 'two' })).toThrow('two: POST /^\\/x$/ is already served by one');
  });
});

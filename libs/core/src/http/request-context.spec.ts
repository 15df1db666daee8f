import type { IncomingMessage, ServerResponse } from 'node:http';
import { currentRequestId, requestContextMiddleware, runInRequestContext } from './request-context.js';

function exchange(headers: Record<string, string> = {}) {
  const sent: Record<string, unknown> = {};
  const req = { headers } as unknown as IncomingMessage & { id?: unknown };
  const res = { setHeader: (name: string, value: unknown) => void (sent[name] = value) } as unknown as ServerResponse;
  return { req, res, sent };
}

describe('the request context', () => {
  it('is empty outside a request', () => {
    expect(currentRequestId()).toBeNull();
  });

  it("runs the rest of the request with the caller's well-formed id, kept on req for the request logger", async () => {
    const { req, res, sent } = exchange({ 'x-request-id': 'edge-proxy:42' });
    const seen = await new Promise<string | null>((resolve) => requestContextMiddleware(req, res, () => void setImmediate(() => resolve(currentRequestId()))));
    expect(seen).toBe('edge-proxy:42');
    expect(req.id).toBe('edge-proxy:42');
    expect(sent['x-request-id']).toBe('edge-proxy:42');
    expect(currentRequestId()).toBeNull();
  });

  it('makes an id when the caller sent none or a malformed one', () => {
    const { req, res, sent } = exchange({ 'x-request-id': 'not ok; drop table' });
    let seen: string | null = null;
    requestContextMiddleware(req, res, () => (seen = currentRequestId()));
    expect(seen).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent['x-request-id']).toBe(seen);
  });

  it('reuses an id the request logger already gave the request', () => {
    const { req, res } = exchange();
    req.id = 'from-pino';
    let seen: string | null = null;
    requestContextMiddleware(req, res, () => (seen = currentRequestId()));
    expect(seen).toBe('from-pino');
  });

  it('lets code stand inside a request of its choosing', () => {
    expect(runInRequestContext({ requestId: 'r-1' }, () => currentRequestId())).toBe('r-1');
  });
});

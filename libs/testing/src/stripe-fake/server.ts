import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import Stripe from 'stripe';
import { type FailurePlan, type SlidingWindowLimiter, type StripeFailure } from './failures.js';
import { Params, parseFormBody } from './form-body.js';
import { fingerprint, type IdempotencyStore, type StoredResponse } from './idempotency.js';
import { requestId } from './ids.js';
import { findRoute } from './routes.js';
import { type StripeFakeState } from './state.js';
import { StripeFakeError, stripeErrors } from './stripe-errors.js';
import { buildEvent } from './webhooks.js';

export interface RequestRecord {
  method: string;
  path: string;
  /** 0 when the fake dropped the connection without answering (the timeout failures). */
  status: number;
  idempotencyKey: string | null;
  at: number;
}

export interface ServerParts {
  state: StripeFakeState;
  secretKey: string;
  latencyMs: number;
  limiter: SlidingWindowLimiter;
  failures: FailurePlan;
  idempotency: IdempotencyStore;
  requests: RequestRecord[];
}

const DEFAULT_HOLD_MS = 60_000;

interface IncomingRequest {
  method: string;
  url: URL;
  body: string;
  rid: string;
  key: string | null;
  authorization: string | null;
  /** Leaves the request unanswered (see `hold`). */
  drop(ms?: number): 'held';
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Bearer auth as the SDK sends it; Basic with the key as user name as curl users do. */
function presentedKey(authorization: string | null): string | null {
  if (authorization === null) return null;
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (bearer) return bearer[1]!;
  const basic = /^Basic\s+(\S+)$/i.exec(authorization);
  if (basic) return Buffer.from(basic[1]!, 'base64').toString('utf8').split(':')[0] ?? null;
  return null;
}

function injectedError(failure: Extract<StripeFailure, { kind: 'stripe_error' }>): StripeFakeError {
  const status = failure.status ?? 400;
  const type = failure.type ?? (status === 402 ? 'card_error' : status >= 500 ? 'api_error' : 'invalid_request_error');
  return new StripeFakeError(status, type, failure.message ?? `Injected Stripe error: ${failure.code}`, failure.code, undefined, false);
}

/**
 * The HTTP side of the fake: authentication, the rate limiter, injected failures,
 * idempotency, then the endpoint; every answer logged in `requests`.
 */
export class StripeHttpServer {
  private readonly server: Server;
  private readonly holds = new Set<NodeJS.Timeout>();

  constructor(private readonly parts: ServerParts) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const timer of this.holds) clearTimeout(timer);
    this.holds.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // The SDK keeps connections alive; they must not hold the test process open.
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const key = header(req, 'idempotency-key');
    const rid = requestId();
    const record = (status: number) => this.parts.requests.push({ method, path: url.pathname, status, idempotencyKey: key, at: Date.now() });
    const send = (status: number, body: string, extra: Record<string, string> = {}) => {
      res.writeHead(status, {
        'Content-Type': 'application/json',
        'Cache-Control': 'no-cache, no-store',
        'Request-Id': rid,
        'Stripe-Version': header(req, 'stripe-version') ?? Stripe.API_VERSION,
        ...(key === null ? {} : { 'Idempotency-Key': key }),
        ...extra,
      });
      res.end(body);
      record(status);
    };
    const sendError = (error: unknown) => {
      const known = error instanceof StripeFakeError ? error : new StripeFakeError(500, 'api_error', `The fake failed: ${error instanceof Error ? error.message : String(error)}`, undefined, undefined, false);
      send(known.status, JSON.stringify(known.body(rid), null, 2));
    };
    let body: string;
    try {
      body = await readBody(req);
    } catch {
      return;
    }
    try {
      const response = await this.process({ method, url, body, rid, key, authorization: header(req, 'authorization'), drop: (ms) => this.hold(res, () => record(0), ms) });
      if (response === 'held') return;
      send(response.status, response.body, response.replayed ? { 'Idempotent-Replayed': 'true', 'Original-Request': response.requestId } : {});
    } catch (error) {
      sendError(error);
    }
  }

  private async process(request: IncomingRequest): Promise<(StoredResponse & { replayed: boolean }) | 'held'> {
    const { method, url, body, rid, key } = request;
    const { idempotency } = this.parts;
    const presented = presentedKey(request.authorization);
    if (presented === null) throw stripeErrors.missingApiKey();
    if (presented !== this.parts.secretKey) throw stripeErrors.invalidApiKey(presented);
    if (!this.parts.limiter.allow()) throw stripeErrors.rateLimited();

    const failure = this.parts.failures.take(method, url.pathname);
    if (failure?.kind === 'rate_limit') throw stripeErrors.rateLimited();
    if (failure?.kind === 'server_error') throw stripeErrors.apiError();
    if (failure?.kind === 'stripe_error') throw injectedError(failure);
    if (failure?.kind === 'timeout') return request.drop(failure.ms);

    const params = new Params(parseFormBody(method === 'POST' ? body : url.search.slice(1)));
    const execute = findRoute(method, url.pathname);
    const idempotent = method === 'POST' && key !== null;
    const decision = idempotent ? idempotency.begin(key, fingerprint(method, url.pathname, params.raw)) : ({ kind: 'execute' } as const);
    let response: StoredResponse & { replayed: boolean };
    try {
      if (this.parts.latencyMs > 0) await sleep(this.parts.latencyMs);
      if (decision.kind === 'replay') {
        response = { ...decision.response, replayed: true };
      } else {
        const stored = this.run(execute, params, rid, key);
        if (idempotent) idempotency.complete(key, stored);
        response = { ...stored, replayed: false };
      }
    } finally {
      if (idempotent) idempotency.release(key);
    }
    if (failure?.kind === 'server_error_after_apply') throw stripeErrors.apiError();
    if (failure?.kind === 'timeout_after_apply') return request.drop(failure.ms);
    return response;
  }

  /** Runs the endpoint; its answer, errors included, is what an idempotency key stores. */
  private run(execute: ReturnType<typeof findRoute>, params: Params, rid: string, key: string | null): StoredResponse {
    const { state } = this.parts;
    try {
      const result = execute({
        state,
        params,
        emit: (type, object, options) => {
          const event = buildEvent(type, object, { ...options, request: { id: rid, idempotency_key: key } });
          state.events.set(event.id, event);
        },
      });
      return { status: 200, body: JSON.stringify(result, null, 2), requestId: rid };
    } catch (error) {
      if (error instanceof StripeFakeError && error.storable) return { status: error.status, body: JSON.stringify(error.body(rid), null, 2), requestId: rid };
      throw error;
    }
  }

  /** Answers nothing: the client times out, or the socket is destroyed after `ms`. */
  private hold(res: ServerResponse, recordDropped: () => void, ms = DEFAULT_HOLD_MS): 'held' {
    recordDropped();
    const timer = setTimeout(() => {
      this.holds.delete(timer);
      res.socket?.destroy();
    }, ms);
    this.holds.add(timer);
    res.on('close', () => {
      clearTimeout(timer);
      this.holds.delete(timer);
    });
    return 'held';
  }
}

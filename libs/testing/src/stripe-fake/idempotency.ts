import { type FormValue } from './form-body.js';
import { stripeErrors } from './stripe-errors.js';

/**
 * Stripe's idempotency for v1 POSTs, as documented at docs.stripe.com/api/idempotent_requests:
 * the first request with a key stores its status and body once the endpoint has started
 * executing (errors included, 500s included); a later request with the same key and the same
 * parameters gets that stored answer back with `Idempotent-Replayed: true`; the same key with
 * other parameters is refused with 400 `idempotency_error`; a request arriving while the first
 * is still executing gets 409 (the SDK retries 409s). Nothing is stored when the request was
 * refused before executing (bad parameters, rate limit, authentication).
 *
 * What stripe-node 23 does with keys: it sends `Idempotency-Key: stripe-node-retry-<uuid4>` on
 * every POST that has none, and reuses the same key (user-given or generated) for all of its
 * own retries of that call. A new call to `transfers.create` is a new key unless the caller
 * passes `{ idempotencyKey }`, so only a caller-chosen key makes a *worker* retry safe.
 */
export interface StoredResponse {
  status: number;
  body: string;
  requestId: string;
}

type Entry = { fingerprint: string; state: 'in_flight' } | { fingerprint: string; state: 'done'; response: StoredResponse };

export type IdempotencyDecision = { kind: 'execute' } | { kind: 'replay'; response: StoredResponse };

function canonical(value: FormValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  return `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(value[key]!)}`)
    .join(',')}}`;
}

export function fingerprint(method: string, path: string, params: FormValue): string {
  return `${method} ${path} ${canonical(params)}`;
}

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  /** Takes the key for a request, or tells it to replay; throws the Stripe error for a misuse. */
  begin(key: string, print: string): IdempotencyDecision {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      this.entries.set(key, { fingerprint: print, state: 'in_flight' });
      return { kind: 'execute' };
    }
    if (entry.fingerprint !== print) throw stripeErrors.idempotencyMismatch(key);
    if (entry.state === 'in_flight') throw stripeErrors.idempotencyInFlight(key);
    return { kind: 'replay', response: entry.response };
  }

  complete(key: string, response: StoredResponse): void {
    const entry = this.entries.get(key);
    if (entry !== undefined) this.entries.set(key, { fingerprint: entry.fingerprint, state: 'done', response });
  }

  /** The endpoint refused before executing: the key is free again. */
  release(key: string): void {
    if (this.entries.get(key)?.state === 'in_flight') this.entries.delete(key);
  }

  size(): number {
    return this.entries.size;
  }
}

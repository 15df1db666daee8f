/**
 * What the next matching request should suffer (see StripeFake.failNext). Failures that do not
 * apply the request take no idempotency key and store nothing, so a retry with the same key
 * runs normally; the `_after_apply` ones store the real answer first, so a retry replays it.
 */
export type StripeFailure =
  /** Applies the request (storing its idempotent answer), answers 500 `api_error`: the SDK retries 5xx. */
  | { kind: 'server_error_after_apply' }
  /** Answers 500 `api_error` without applying. */
  | { kind: 'server_error' }
  /** Answers 429 `rate_limit` without applying: the SDK does not retry 429 (no `Stripe-Should-Retry`). */
  | { kind: 'rate_limit' }
  /** Applies, then answers nothing; the socket is destroyed after `ms` (default 60 s) unless the client gave up first. */
  | { kind: 'timeout_after_apply'; ms?: number }
  /** Answers nothing and applies nothing, as above. */
  | { kind: 'timeout'; ms?: number }
  /** Answers the given error (default 400 `invalid_request_error`, 402 → `card_error`) without applying. */
  | { kind: 'stripe_error'; status?: number; type?: string; code: string; message?: string };

export interface RequestMatch {
  method?: string;
  /** A prefix of the path (`'/v1/transfers'`) or a pattern tested against it. */
  path: string | RegExp;
}

interface Rule {
  match: RequestMatch;
  failure: StripeFailure;
  remaining: number;
}

export class FailurePlan {
  private readonly rules: Rule[] = [];

  add(match: RequestMatch, failure: StripeFailure, times: number): void {
    if (!Number.isInteger(times) || times < 1) throw new Error(`failNext: times must be a positive integer, got ${times}`);
    this.rules.push({ match, failure, remaining: times });
  }

  /** The failure for this request, if a rule matches; consumes one of the rule's uses. */
  take(method: string, path: string): StripeFailure | undefined {
    const index = this.rules.findIndex(({ match }) => {
      if (match.method !== undefined && match.method.toUpperCase() !== method) return false;
      return typeof match.path === 'string' ? path.startsWith(match.path) : match.path.test(path);
    });
    if (index < 0) return undefined;
    const rule = this.rules[index]!;
    rule.remaining -= 1;
    if (rule.remaining === 0) this.rules.splice(index, 1);
    return rule.failure;
  }

  pending(): number {
    return this.rules.reduce((sum, rule) => sum + rule.remaining, 0);
  }
}

/** Stripe's limiter as the client meets it: more than `perSecond` requests within any 1 s window → 429. */
export class SlidingWindowLimiter {
  private readonly accepted: number[] = [];
  rejected = 0;

  constructor(private perSecond: number | undefined) {}

  /** A new limit (undefined: none) from now on; the last second's requests still count. */
  setLimit(perSecond: number | undefined): void {
    this.perSecond = perSecond;
  }

  allow(now = Date.now()): boolean {
    if (this.perSecond === undefined) return true;
    while (this.accepted.length > 0 && this.accepted[0]! <= now - 1000) this.accepted.shift();
    if (this.accepted.length >= this.perSecond) {
      this.rejected += 1;
      return false;
    }
    this.accepted.push(now);
    return true;
  }
}

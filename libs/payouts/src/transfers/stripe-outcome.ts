import Stripe from 'stripe';

export enum OutcomeKind {
  /** Stripe refused it for good: the payout fails and its commissions go back. */
  Permanent = 'PERMANENT',
  /** Too many requests: nothing happened; slow down and try again. */
  RateLimited = 'RATE_LIMITED',
  /**
   * Stripe answered 5xx: it may have made the transfer, and it stored its answer under the
   * idempotency key, so sending the same request with the same key again is safe.
   */
  ServerError = 'SERVER_ERROR',
  /** No answer (a network error, a timeout): the transfer may or may not exist; look before sending again. */
  Unknown = 'UNKNOWN',
}

export interface ClassifiedError {
  kind: OutcomeKind;
  code: string;
  message: string;
}

/** Error codes after which sending the same transfer again cannot succeed. */
const PERMANENT_CODES = new Set([
  'balance_insufficient',
  'account_invalid',
  'insufficient_capabilities_for_transfer',
  'transfers_not_allowed',
  'amount_too_small',
  'amount_too_large',
  'resource_missing',
]);

/** What a failed `transfers.create` means for the payout. */
export function classifyStripeError(error: unknown): ClassifiedError {
  if (error instanceof Stripe.errors.StripeError) {
    const code = error.code ?? error.type;
    const message = error.message;
    if (error instanceof Stripe.errors.StripeRateLimitError || error.statusCode === 429) return { kind: OutcomeKind.RateLimited, code, message };
    if (error instanceof Stripe.errors.StripeConnectionError) return { kind: OutcomeKind.Unknown, code, message };
    if (error instanceof Stripe.errors.StripeAPIError || (error.statusCode ?? 0) >= 500) return { kind: OutcomeKind.ServerError, code, message };
    // A key reused with other parameters or a request with the same key in flight: the
    // first request's outcome decides, so find out what it was.
    if (error instanceof Stripe.errors.StripeIdempotencyError || error.statusCode === 409) return { kind: OutcomeKind.Unknown, code, message };
    if (error instanceof Stripe.errors.StripeAuthenticationError) return { kind: OutcomeKind.Unknown, code, message };
    if (error instanceof Stripe.errors.StripePermissionError || PERMANENT_CODES.has(code) || error instanceof Stripe.errors.StripeInvalidRequestError) {
      return { kind: OutcomeKind.Permanent, code, message };
    }
    return { kind: OutcomeKind.Unknown, code, message };
  }
  return { kind: OutcomeKind.Unknown, code: 'network_error', message: error instanceof Error ? error.message : String(error) };
}

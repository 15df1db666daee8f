import Stripe from 'stripe';
import { PayoutsErrorCode, PayoutsException } from '../payouts.exception.js';

/**
 * A failed Stripe call made while a person waits, in the platform's error codes where the
 * person can do something about it: try again shortly (rate limit, a concurrent request with
 * the same idempotency key), fix the country, or ask support (the account is gone at Stripe).
 * Anything else is returned as it is (an internal error, logged with the request id).
 */
export function stripeFailureForCaller(error: unknown): unknown {
  if (!(error instanceof Stripe.errors.StripeError)) return error;
  if (error instanceof Stripe.errors.StripeRateLimitError || error.statusCode === 429) {
    return new PayoutsException(PayoutsErrorCode.RateLimited, 'Stripe is busy; try again in a moment', { retryAfterSeconds: 2, cause: error });
  }
  if (error instanceof Stripe.errors.StripeIdempotencyError || error.code === 'idempotency_key_in_use') {
    return new PayoutsException(PayoutsErrorCode.StateConflict, 'Your payout account is being set up by another request; try again in a moment', { cause: error });
  }
  if (error.code === 'account_invalid') {
    return new PayoutsException(PayoutsErrorCode.StateConflict, 'Your payout account no longer exists at Stripe; contact support to set up a new one', { cause: error });
  }
  if (error instanceof Stripe.errors.StripeInvalidRequestError && error.param === 'country') {
    return new PayoutsException(PayoutsErrorCode.InvalidInput, `country: Stripe cannot open a payout account there (${error.message})`, { field: 'country', cause: error });
  }
  return error;
}

/** Runs one Stripe call for a waiting caller; see {@link stripeFailureForCaller}. */
export async function callStripe<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw stripeFailureForCaller(error);
  }
}

/**
 * Errors as the Stripe API answers them: `{ error: { type, code, message, param, doc_url,
 * request_log_url } }` with the HTTP status the SDK maps to its error classes (400/404 →
 * StripeInvalidRequestError, or StripeIdempotencyError when the type is `idempotency_error`;
 * 401 → StripeAuthenticationError; 403 → StripePermissionError; 429 → StripeRateLimitError;
 * anything else, 409 and 5xx included → StripeAPIError).
 */
export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface StripeErrorBody {
  error: { type: string; code?: string; message: string; param?: string; doc_url?: string; request_log_url?: string };
}

export class StripeFakeError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code?: string,
    readonly param?: string,
    /**
     * Stripe stores an idempotent result only once the endpoint started executing: a
     * request refused for its parameters is not stored, so a corrected retry with the
     * same key runs.
     */
    readonly storable = true,
  ) {
    super(message);
  }

  body(requestId: string): StripeErrorBody {
    return {
      error: {
        type: this.type,
        ...(this.code === undefined ? {} : { code: this.code, doc_url: `https://docs.stripe.com/error-codes/${this.code.replaceAll('_', '-')}` }),
        message: this.message,
        ...(this.param === undefined ? {} : { param: this.param }),
        request_log_url: `https://dashboard.stripe.com/test/logs/${requestId}`,
      },
    };
  }
}

export const stripeErrors = {
  parameterMissing: (param: string) =>
    new StripeFakeError(400, 'invalid_request_error', `Missing required param: ${param}.`, 'parameter_missing', param, false),
  parameterInvalid: (param: string, message: string, code = 'parameter_invalid_string') =>
    new StripeFakeError(400, 'invalid_request_error', message, code, param, false),
  parameterUnknown: (param: string) =>
    new StripeFakeError(400, 'invalid_request_error', `Received unknown parameter: ${param}`, 'parameter_unknown', param, false),
  noSuch: (what: string, id: string, param = 'id') =>
    new StripeFakeError(404, 'invalid_request_error', `No such ${what}: '${id}'`, 'resource_missing', param),
  accountInaccessible: (id: string, secretKey: string) =>
    new StripeFakeError(
      403,
      'invalid_request_error',
      `The provided key '${secretKey.slice(0, 8)}***${secretKey.slice(-4)}' does not have access to account '${id}' (or that account does not exist). Application access may have been revoked.`,
      'account_invalid',
    ),
  unrecognizedUrl: (method: string, path: string) =>
    new StripeFakeError(
      404,
      'invalid_request_error',
      `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
      'resource_missing',
      undefined,
      false,
    ),
  missingApiKey: () =>
    new StripeFakeError(
      401,
      'invalid_request_error',
      'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. \'Authorization: Bearer YOUR_SECRET_KEY\').',
      undefined,
      undefined,
      false,
    ),
  invalidApiKey: (given: string) =>
    new StripeFakeError(401, 'invalid_request_error', `Invalid API Key provided: ${given.slice(0, 8)}${'*'.repeat(Math.max(0, given.length - 12))}${given.slice(-4)}`, 'api_key_invalid', undefined, false),
  rateLimited: () =>
    new StripeFakeError(
      429,
      'invalid_request_error',
      'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.',
      'rate_limit',
      undefined,
      false,
    ),
  apiError: () =>
    new StripeFakeError(500, 'api_error', 'An unknown error occurred. Please try again later or contact support.', undefined, undefined, false),
  idempotencyMismatch: (key: string) =>
    new StripeFakeError(
      400,
      'idempotency_error',
      `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      undefined,
      undefined,
      false,
    ),
  idempotencyInFlight: (key: string) =>
    new StripeFakeError(
      409,
      'idempotency_error',
      `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
      'idempotency_key_in_use',
      undefined,
      false,
    ),
};

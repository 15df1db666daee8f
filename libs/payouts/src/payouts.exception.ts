import { AppException, type AppExceptionOptions } from '@app/core';

export enum PayoutsErrorCode {
  InvalidInput = 'BAD_USER_INPUT',
  NotAllowed = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  StateConflict = 'CONFLICT',
  /** Stripe asked us to slow down; the caller may retry shortly. */
  RateLimited = 'RATE_LIMITED',
}

export class PayoutsException extends AppException {
  constructor(code: PayoutsErrorCode, message: string, options?: AppExceptionOptions) {
    super(code, message, options);
  }
}

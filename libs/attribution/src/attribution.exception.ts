import { AppException, type AppExceptionOptions } from '@app/core';

export enum AttributionErrorCode {
  InvalidInput = 'BAD_USER_INPUT',
  NotAllowed = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Unauthenticated = 'UNAUTHENTICATED',
  RateLimited = 'RATE_LIMITED',
  StateConflict = 'CONFLICT',
  Taken = 'CONFLICT',
}

export class AttributionException extends AppException {
  constructor(code: AttributionErrorCode, message: string, options?: AppExceptionOptions) {
    super(code, message, options);
  }
}

export function integrationNotFound(id: string): AttributionException {
  return new AttributionException(AttributionErrorCode.NotFound, `Merchant integration ${id} not found`);
}

export function orderNotFound(id: string): AttributionException {
  return new AttributionException(AttributionErrorCode.NotFound, `Order ${id} not found`);
}

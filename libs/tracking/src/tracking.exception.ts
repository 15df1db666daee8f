import { AppException, type AppExceptionOptions } from '@app/core';

export enum TrackingErrorCode {
  InvalidInput = 'BAD_USER_INPUT',
  NotAllowed = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  IllegalTransition = 'CONFLICT',
  StateConflict = 'CONFLICT',
  Taken = 'CONFLICT',
  LimitReached = 'CONFLICT',
}

export class TrackingException extends AppException {
  constructor(code: TrackingErrorCode, message: string, options?: AppExceptionOptions) {
    super(code, message, options);
  }
}

export function referralLinkNotFound(id: string): TrackingException {
  return new TrackingException(TrackingErrorCode.NotFound, `Referral link ${id} not found`);
}

export function discountCodeNotFound(id: string): TrackingException {
  return new TrackingException(TrackingErrorCode.NotFound, `Discount code ${id} not found`);
}

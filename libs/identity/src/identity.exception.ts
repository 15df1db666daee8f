import { AppException, type AppExceptionOptions } from '@app/core';

export enum IdentityErrorCode {
  InvalidInput = 'BAD_USER_INPUT',
  InvalidCredentials = 'UNAUTHENTICATED',
  SessionEnded = 'UNAUTHENTICATED',
  NotAllowed = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  EmailTaken = 'CONFLICT',
  StateConflict = 'CONFLICT',
  TooManyAttempts = 'RATE_LIMITED',
}

export class IdentityException extends AppException {
  constructor(code: IdentityErrorCode, message: string, options?: AppExceptionOptions) {
    super(code, message, options);
  }
}

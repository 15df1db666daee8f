import { AppException, type AppExceptionOptions } from '@app/core';

export enum MatchingErrorCode {
  InvalidInput = 'BAD_USER_INPUT',
  NotFound = 'NOT_FOUND',
  NotAllowed = 'FORBIDDEN',
  NoProfile = 'CONFLICT',
}

export class MatchingException extends AppException {
  constructor(code: MatchingErrorCode, message: string, options?: AppExceptionOptions) {
    super(code, message, options);
  }
}

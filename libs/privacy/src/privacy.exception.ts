import { AppException, type AppExceptionOptions } from '@app/core';

export enum PrivacyErrorCode {
  InvalidInput = 'BAD_USER_INPUT',
  NotFound = 'NOT_FOUND',
  /** Money is still moving to the person (an open payout), or they are already erased. */
  StateConflict = 'CONFLICT',
}

export class PrivacyException extends AppException {
  constructor(code: PrivacyErrorCode, message: string, options?: AppExceptionOptions) {
    super(code, message, options);
  }
}

import { AppException, type AppExceptionOptions } from '@app/core';

export enum DisclosureErrorCode {
  InvalidInput = 'BAD_USER_INPUT',
  NotAllowed = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  StateConflict = 'CONFLICT',
  AlreadyRecorded = 'CONFLICT',
}

export class DisclosureException extends AppException {
  constructor(code: DisclosureErrorCode, message: string, options?: AppExceptionOptions) {
    super(code, message, options);
  }
}

export function sponsoredPostNotFound(id: string): DisclosureException {
  return new DisclosureException(DisclosureErrorCode.NotFound, `Sponsored post ${id} not found`);
}

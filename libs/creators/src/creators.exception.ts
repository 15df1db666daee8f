import { AppException, type AppExceptionOptions } from '@app/core';

export enum CreatorsErrorCode {
  InvalidInput = 'BAD_USER_INPUT',
  NotAllowed = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  HandleTaken = 'CONFLICT',
  StateConflict = 'CONFLICT',
}

export class CreatorsException extends AppException {
  constructor(code: CreatorsErrorCode, message: string, options?: AppExceptionOptions) {
    super(code, message, options);
  }
}

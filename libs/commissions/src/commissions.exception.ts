import { AppException, type AppExceptionOptions } from '@app/core';

export enum CommissionErrorCode {
  InvalidInput = 'BAD_USER_INPUT',
  NotAllowed = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  IllegalTransition = 'CONFLICT',
  StateConflict = 'CONFLICT',
}

export class CommissionException extends AppException {
  constructor(code: CommissionErrorCode, message: string, options?: AppExceptionOptions) {
    super(code, message, options);
  }
}

export function commissionNotFound(id: string): CommissionException {
  return new CommissionException(CommissionErrorCode.NotFound, `Commission ${id} not found`);
}

import { AppException, type AppExceptionOptions } from '@app/core';

export enum AnalyticsErrorCode {
  InvalidInput = 'BAD_USER_INPUT',
  NotAllowed = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
}

export class AnalyticsException extends AppException {
  constructor(code: AnalyticsErrorCode, message: string, options?: AppExceptionOptions) {
    super(code, message, options);
  }
}

export function invalidStatsInput(field: string, message: string): AnalyticsException {
  return new AnalyticsException(AnalyticsErrorCode.InvalidInput, message, { field });
}

export function statsNotFound(kind: string, id: string): AnalyticsException {
  return new AnalyticsException(AnalyticsErrorCode.NotFound, `${kind} ${id} not found`);
}

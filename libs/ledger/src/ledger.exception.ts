import { AppException, type AppExceptionOptions } from '@app/core';

/**
 * The ledger's refusals. An entry that does not balance, or that names no accounts, is a
 * bug in the code that built it, never the user's input: it is INTERNAL, logged with the
 * request id, and rolls the whole change back.
 */
export enum LedgerErrorCode {
  InvalidEntry = 'INTERNAL_SERVER_ERROR',
}

export class LedgerException extends AppException {
  constructor(code: LedgerErrorCode, message: string, options?: AppExceptionOptions) {
    super(code, message, options);
  }
}

export function invalidEntry(message: string): LedgerException {
  return new LedgerException(LedgerErrorCode.InvalidEntry, message);
}

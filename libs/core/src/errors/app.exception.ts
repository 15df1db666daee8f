/**
 * The error codes clients see in `extensions.code`. Every domain exception maps onto one
 * of these; nothing else reaches a client.
 */
export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  RateLimited = 'RATE_LIMITED',
  Internal = 'INTERNAL_SERVER_ERROR',
}

export type ErrorCodeValue = `${ErrorCode}`;

export interface FieldProblem {
  /** Path of the offending field in the operation's arguments, e.g. `input.password`. */
  field: string;
  message: string;
}

export interface AppExceptionOptions {
  /** The input field at fault, for BAD_USER_INPUT. */
  field?: string;
  fields?: FieldProblem[];
  /** Seconds until a RATE_LIMITED caller may retry. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * Base of every domain exception. Domains subclass it with their own code enum whose
 * values are {@link ErrorCode} values, e.g. `IdentityErrorCode.EmailTaken = 'CONFLICT'`.
 */
export class AppException extends Error {
  readonly code: ErrorCodeValue;
  readonly fields?: FieldProblem[];
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCodeValue, message: string, options: AppExceptionOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.fields = options.fields ?? (options.field ? [{ field: options.field, message }] : undefined);
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** Extensions added to the GraphQL error beside `code`. */
  extensions(): Record<string, unknown> {
    return {
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.retryAfterSeconds !== undefined ? { retryAfterSeconds: this.retryAfterSeconds } : {}),
    };
  }
}

export class BadUserInputException extends AppException {
  constructor(field: string, message: string) {
    super(ErrorCode.BadUserInput, message, { field });
  }
}

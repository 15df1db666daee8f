import { ForbiddenException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { AppException, ErrorCode } from './app.exception.js';
import { createErrorFormatter, isUnexpectedError } from './graphql-errors.js';

const formatted = { message: 'raw', path: ['me'], locations: [{ line: 1, column: 3 }] };

describe('GraphQL error formatting', () => {
  it('keeps a domain error’s code, message and fields', () => {
    const error = new AppException(ErrorCode.BadUserInput, 'email must be valid', { field: 'email' });
    expect(createErrorFormatter(false)(formatted, error)).toEqual({
      message: 'email must be valid',
      path: ['me'],
      locations: formatted.locations,
      extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'email', message: 'email must be valid' }] },
    });
    expect(isUnexpectedError(error)).toBe(false);
  });

  it('maps HTTP exceptions from guards and pipes by status', () => {
    expect(createErrorFormatter(false)(formatted, new ForbiddenException('no')).extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('hides unexpected errors in production: generic message, no stack trace', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'secret')");
    const result = createErrorFormatter(false)(formatted, error);
    expect(result.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(result.message).not.toMatch(/secret/);
    expect(JSON.stringify(result)).not.toMatch(/stacktrace|at /);
    expect(isUnexpectedError(error)).toBe(true);
  });

  it('shows the message and stack of unexpected errors in development', () => {
    const result = createErrorFormatter(true)(formatted, new TypeError('boom'));
    expect(result.message).toBe('boom');
    expect(result.extensions?.stacktrace).toEqual(expect.arrayContaining([expect.stringMatching(/TypeError: boom/)]));
  });

  it('passes request-level errors through with their code', () => {
    const error = new GraphQLError('Syntax Error: Unexpected "}"', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    const result = createErrorFormatter(false)({ message: error.message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, error);
    expect(result).toEqual({ message: 'Syntax Error: Unexpected "}"', extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
  });
});

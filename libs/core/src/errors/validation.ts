import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { AppException, ErrorCode, type FieldProblem } from './app.exception.js';

function collect(errors: ValidationError[], parent: string, out: FieldProblem[]): FieldProblem[] {
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      out.push({ field, message: message.replace(new RegExp(`^${error.property}\\b`), field) });
    }
    if (error.children?.length) collect(error.children, field, out);
  }
  return out;
}

/** Turns class-validator failures into one BAD_USER_INPUT error that names every field. */
export function validationException(errors: ValidationError[]): AppException {
  const fields = collect(errors, '', []);
  const message = fields.length > 0 ? fields.map((f) => f.message).join('; ') : 'Invalid input';
  return new AppException(ErrorCode.BadUserInput, message, { fields });
}

/**
 * Names fields by their path from the operation's arguments: a problem with `password`
 * inside `@Args('input')` is reported as `input.password`, the way services name fields.
 */
class ArgumentPathValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      const argument = metadata.data;
      if (!(error instanceof AppException) || !error.fields || !argument || typeof argument !== 'string') throw error;
      const fields = error.fields.map(({ field, message }) => ({
        field: `${argument}.${field}`,
        message: message.startsWith(field) ? `${argument}.${message}` : message,
      }));
      throw new AppException(error.code, fields.map((f) => f.message).join('; '), { fields });
    }
  }
}

/** The global validation pipe: strict about unknown fields, converts primitives, names fields in errors. */
export function createValidationPipe(): ValidationPipe {
  return new ArgumentPathValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: validationException,
  });
}

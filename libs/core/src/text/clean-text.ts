import { BadUserInputException } from '../errors/app.exception.js';

/** Trimmed free text of at most `max` characters; `required` text must not be blank. */
export function cleanText(value: string | null | undefined, field: string, { max, required }: { max: number; required: boolean }): string | null {
  const text = value?.trim() ?? '';
  if (required && text.length === 0) throw new BadUserInputException(field, `${field} must not be empty`);
  if (text.length > max) throw new BadUserInputException(field, `${field} must be at most ${max} characters (got ${text.length})`);
  return text.length > 0 ? text : null;
}

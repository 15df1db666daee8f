import type { FieldProblem } from '@app/core';
import { CreatorsErrorCode, CreatorsException } from '../creators.exception.js';

/**
 * Collects every problem with one input before anything is written, so a client learns
 * about all its mistakes at once and a rejected input changes nothing.
 */
export class InputProblems {
  private readonly problems: FieldProblem[] = [];

  add(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  get isEmpty(): boolean {
    return this.problems.length === 0;
  }

  list(): readonly FieldProblem[] {
    return this.problems;
  }

  /** Throws one BAD_USER_INPUT naming every field at fault, if there is any. */
  throwIfAny(): void {
    if (this.problems.length === 0) return;
    throw new CreatorsException(CreatorsErrorCode.InvalidInput, this.problems.map((problem) => problem.message).join('; '), {
      fields: [...this.problems],
    });
  }
}

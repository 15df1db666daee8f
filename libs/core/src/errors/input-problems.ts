import { AppException, ErrorCode, type FieldProblem } from './app.exception.js';

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

  /** Throws one BAD_USER_INPUT naming every field at fault, if there is any; `summary` leads the message. */
  throwIfAny(summary?: string): void {
    if (this.problems.length === 0) return;
    const details = this.problems.map((problem) => problem.message).join('; ');
    throw new AppException(ErrorCode.BadUserInput, summary ? `${summary}: ${details}` : details, { fields: [...this.problems] });
  }
}

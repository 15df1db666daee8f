import { type PipeTransform } from '@nestjs/common';
import { Args, ID } from '@nestjs/graphql';
import { isUuid } from '../database/ids.js';
import { BadUserInputException } from '../errors/app.exception.js';

class IdPipe implements PipeTransform<unknown, string> {
  constructor(private readonly name: string) {}

  transform(value: unknown): string {
    if (typeof value !== 'string' || !isUuid(value)) {
      throw new BadUserInputException(this.name, `${this.name} must be an ID returned by this API`);
    }
    return value.toLowerCase();
  }
}

/** A required `ID!` argument, validated as a UUID so a malformed id is BAD_USER_INPUT naming it. */
export const IdArg = (name: string): ParameterDecorator => Args(name, { type: () => ID }, new IdPipe(name));

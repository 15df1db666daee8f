import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsString, Matches } from 'class-validator';
import { assertCurrency, formatMoney, type Money, parseMinorUnits } from './money.js';

@ObjectType('Money', { description: 'An amount in integer minor units of an ISO 4217 currency.' })
export class MoneyModel {
  @Field({ description: 'Integer minor units as a string, e.g. "1999" for 19.99 USD.' })
  amountMinor!: string;

  @Field({ description: 'ISO 4217 code, e.g. USD.' })
  currency!: string;

  @Field({ description: 'For display, e.g. "$19.99".' })
  formatted!: string;
}

@InputType('MoneyInput')
export class MoneyInput {
  @Field({ description: 'Integer minor units as a string, e.g. "1999" for 19.99 USD.' })
  @IsString()
  @Matches(/^\d{1,18}$/, { message: 'amountMinor must be a whole, non-negative number of minor units, e.g. "1999" for 19.99' })
  amountMinor!: string;

  @Field({ description: 'ISO 4217 code, e.g. USD.' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter upper-case ISO 4217 code such as USD' })
  currency!: string;
}

export function toMoneyModel(money: Money): MoneyModel {
  // Formatted when read: a report holds hundreds of amounts and most queries never ask for `formatted`.
  const { amountMinor, currency } = money;
  return {
    amountMinor: amountMinor.toString(),
    currency,
    get formatted() {
      return formatMoney({ amountMinor, currency });
    },
  };
}

/** Checks a money input and returns it as {@link Money}; errors name `field.amountMinor` or `field.currency`. */
export function fromMoneyInput(input: MoneyInput, field: string): Money {
  return {
    amountMinor: parseMinorUnits(input.amountMinor, `${field}.amountMinor`),
    currency: assertCurrency(input.currency, `${field}.currency`),
  };
}

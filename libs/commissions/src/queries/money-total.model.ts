import { Field, Int, ObjectType } from '@nestjs/graphql';
import { MoneyModel, toMoneyModel } from '@app/core';

@ObjectType('MoneyTotal', { description: 'How many items a list holds in one currency, and their sum.' })
export class MoneyTotalModel {
  @Field({ description: 'ISO 4217 code, e.g. USD.' })
  currency!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => MoneyModel)
  sum!: MoneyModel;
}

export function toMoneyTotalModel(currency: string, count: number, sumMinor: bigint): MoneyTotalModel {
  return { currency, count, sum: toMoneyModel({ amountMinor: sumMinor, currency }) };
}

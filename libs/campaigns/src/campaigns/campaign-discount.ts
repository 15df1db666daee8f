import { InputProblems, MoneyInput, MoneyModel, toMoneyModel } from '@app/core';
import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { moneyInCurrency } from './campaign-rules.js';

/** What a creator's discount code takes off an order. */
export enum DiscountType {
  PERCENTAGE = 'PERCENTAGE',
  FIXED_AMOUNT = 'FIXED_AMOUNT',
}

registerEnumType(DiscountType, { name: 'DiscountType', description: 'PERCENTAGE off the order, or a FIXED_AMOUNT in the campaign currency.' });

/** A discount as stored: a percentage in basis points, or an amount in minor units. */
export interface DiscountValue {
  type: DiscountType;
  percentBps: number | null;
  amountMinor: bigint | null;
}

@ObjectType('Discount', { description: 'What a discount code takes off an order.' })
export class DiscountModel {
  @Field(() => DiscountType)
  type!: DiscountType;

  @Field(() => Int, { nullable: true, description: 'For PERCENTAGE: basis points off the order, 1500 is 15%.' })
  percentBps!: number | null;

  @Field(() => MoneyModel, { nullable: true, description: 'For FIXED_AMOUNT: the amount off.' })
  amount!: MoneyModel | null;
}

@InputType('DiscountInput', { description: 'Give exactly one of percentBps and amount.' })
export class DiscountInput {
  @Field(() => Int, { nullable: true, description: 'Basis points off the order, 1–10000 (1500 is 15%).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  percentBps?: number | null;

  @Field(() => MoneyInput, { nullable: true, description: 'An amount off the order, in the campaign currency.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyInput)
  amount?: MoneyInput | null;
}

/** A discount input checked against the campaign currency; `field` names it in errors. */
export function discountFromInput(input: DiscountInput, currency: string, field: string): DiscountValue {
  const hasPercent = input.percentBps !== undefined && input.percentBps !== null;
  const hasAmount = input.amount !== undefined && input.amount !== null;
  if (hasPercent === hasAmount) {
    const problems = new InputProblems();
    problems.add(field, `${field} needs exactly one of percentBps and amount`);
    problems.throwIfAny();
  }
  if (hasPercent) return { type: DiscountType.PERCENTAGE, percentBps: input.percentBps!, amountMinor: null };
  const amountMinor = moneyInCurrency(input.amount!, currency, `${field}.amount`);
  if (amountMinor <= 0n) {
    const problems = new InputProblems();
    problems.add(`${field}.amount.amountMinor`, `${field}.amount must be more than zero`);
    problems.throwIfAny();
  }
  return { type: DiscountType.FIXED_AMOUNT, percentBps: null, amountMinor };
}

export function toDiscountModel(discount: DiscountValue, currency: string): DiscountModel {
  return {
    type: discount.type,
    percentBps: discount.percentBps,
    amount: discount.amountMinor === null ? null : toMoneyModel({ amountMinor: discount.amountMinor, currency }),
  };
}

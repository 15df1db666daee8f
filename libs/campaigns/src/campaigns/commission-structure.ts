import { InputProblems, MoneyInput, MoneyModel, toMoneyModel } from '@app/core';
import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { moneyInCurrency } from './campaign-rules.js';

/** How a campaign picks one creator when an order has several touches. */
export enum AttributionRule {
  /** A discount code beats a link: what most merchants and creators expect. */
  CODE_WINS = 'CODE_WINS',
  LAST_CLICK = 'LAST_CLICK',
  FIRST_CLICK = 'FIRST_CLICK',
}

registerEnumType(AttributionRule, {
  name: 'AttributionRule',
  description: 'CODE_WINS (default): a discount code beats a link. LAST_CLICK / FIRST_CLICK: the latest / earliest click wins.',
});

/** A tier as stored (jsonb): money as a string of minor units in the campaign currency. */
export interface StoredTier {
  fromNetMinor: string;
  rateBps: number;
}

/** A per-SKU or per-product override as stored (jsonb). */
export interface StoredOverride {
  sku: string | null;
  productId: string | null;
  rateBps: number | null;
  flatPerUnitMinor: string | null;
}

export const MAX_TIERS = 10;
export const MAX_OVERRIDES = 200;

@InputType()
export class CommissionTierInput {
  @Field(() => MoneyInput, { description: "The creator's attributed net revenue in the calendar month from which this tier's rate applies." })
  @ValidateNested()
  @Type(() => MoneyInput)
  fromNet!: MoneyInput;

  @Field(() => Int, { description: 'Commission in basis points of the net sale, 1–10000.' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  rateBps!: number;
}

@InputType()
export class CommissionOverrideInput {
  @Field(() => String, { nullable: true, description: 'The SKU this override prices; give a sku or a productId.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  sku?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  productId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Basis points of the line net; give a rateBps or a flatPerUnit.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  rateBps?: number | null;

  @Field(() => MoneyInput, { nullable: true, description: 'A flat commission per unit sold, in the campaign currency.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyInput)
  flatPerUnit?: MoneyInput | null;
}

@ObjectType('CommissionTier')
export class CommissionTierModel {
  @Field(() => MoneyModel)
  fromNet!: MoneyModel;

  @Field(() => Int)
  rateBps!: number;
}

@ObjectType('CommissionOverride')
export class CommissionOverrideModel {
  @Field(() => String, { nullable: true })
  sku!: string | null;

  @Field(() => String, { nullable: true })
  productId!: string | null;

  @Field(() => Int, { nullable: true })
  rateBps!: number | null;

  @Field(() => MoneyModel, { nullable: true })
  flatPerUnit!: MoneyModel | null;
}

/** Tiers from input: ascending thresholds, strictly, in the campaign currency. */
export function tiersFromInput(input: readonly CommissionTierInput[], currency: string, field: string): StoredTier[] {
  const problems = new InputProblems();
  if (input.length > MAX_TIERS) problems.add(field, `${field} may hold at most ${MAX_TIERS} tiers`);
  const tiers = input.map((tier, index) => ({ fromNetMinor: moneyInCurrency(tier.fromNet, currency, `${field}[${index}].fromNet`), rateBps: tier.rateBps }));
  tiers.forEach((tier, index) => {
    if (index > 0 && tier.fromNetMinor <= tiers[index - 1].fromNetMinor) {
      problems.add(`${field}[${index}].fromNet`, `${field}[${index}].fromNet must be above the tier before it`);
    }
  });
  problems.throwIfAny();
  return tiers.map((tier) => ({ fromNetMinor: tier.fromNetMinor.toString(), rateBps: tier.rateBps }));
}

/** Overrides from input: each names one SKU or one product, and one rate or one flat amount; no target twice. */
export function overridesFromInput(input: readonly CommissionOverrideInput[], currency: string, field: string): StoredOverride[] {
  const problems = new InputProblems();
  if (input.length > MAX_OVERRIDES) problems.add(field, `${field} may hold at most ${MAX_OVERRIDES} overrides`);
  const seen = new Set<string>();
  const overrides = input.map((override, index): StoredOverride => {
    const at = `${field}[${index}]`;
    const sku = override.sku?.trim() || null;
    const productId = override.productId?.trim() || null;
    if ((sku === null) === (productId === null)) problems.add(at, `${at} must name exactly one of sku and productId`);
    const hasRate = override.rateBps !== undefined && override.rateBps !== null;
    const hasFlat = override.flatPerUnit !== undefined && override.flatPerUnit !== null;
    if (hasRate === hasFlat) problems.add(at, `${at} must give exactly one of rateBps and flatPerUnit`);
    const key = sku !== null ? `sku:${sku}` : `product:${productId}`;
    if (seen.has(key)) problems.add(at, `${at} repeats ${sku !== null ? `sku ${sku}` : `productId ${productId}`}`);
    seen.add(key);
    return {
      sku,
      productId: sku === null ? productId : null,
      rateBps: hasRate ? override.rateBps! : null,
      flatPerUnitMinor: hasFlat ? moneyInCurrency(override.flatPerUnit!, currency, `${at}.flatPerUnit`).toString() : null,
    };
  });
  problems.throwIfAny();
  return overrides;
}

export function toTierModels(tiers: readonly StoredTier[], currency: string): CommissionTierModel[] {
  return tiers.map((tier) => ({ fromNet: toMoneyModel({ amountMinor: BigInt(tier.fromNetMinor), currency }), rateBps: tier.rateBps }));
}

export function toOverrideModels(overrides: readonly StoredOverride[], currency: string): CommissionOverrideModel[] {
  return overrides.map((override) => ({
    sku: override.sku,
    productId: override.productId,
    rateBps: override.rateBps,
    flatPerUnit: override.flatPerUnitMinor === null ? null : toMoneyModel({ amountMinor: BigInt(override.flatPerUnitMinor), currency }),
  }));
}

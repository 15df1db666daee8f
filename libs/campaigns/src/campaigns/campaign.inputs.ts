import { IsCountryCode, MoneyInput, PageArgs } from '@app/core';
import { Niche, Platform } from '@app/creators';
import { ArgsType, Field, Float, ID, InputType, Int, PartialType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsBoolean,
  IsDate,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DiscountInput } from './campaign-discount.js';
import { CampaignStatus } from './campaign-status.js';
import { CampaignVisibility } from './campaign.model.js';
import { MatchFactor } from './match-weights.js';
import { AttributionRule, CommissionOverrideInput, CommissionTierInput, MAX_OVERRIDES, MAX_TIERS } from './commission-structure.js';

@InputType()
export class CampaignTermsInput {
  @Field(() => Int, { nullable: true, description: 'Commission in basis points of the net sale, 1–10000 (1500 is 15%).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  commissionRateBps?: number | null;

  @Field(() => MoneyInput, { nullable: true, description: 'Flat commission per attributed order, in the campaign currency.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyInput)
  flatAmount?: MoneyInput | null;

  @Field(() => [CommissionTierInput], { nullable: true, description: "Rates by the creator's attributed net revenue in the calendar month, ascending; the highest reached replaces commissionRateBps." })
  @IsOptional()
  @ArrayMaxSize(MAX_TIERS)
  @ValidateNested({ each: true })
  @Type(() => CommissionTierInput)
  tiers?: CommissionTierInput[];

  @Field(() => [CommissionOverrideInput], { nullable: true, description: 'Per-SKU or per-product rates or flat amounts per unit.' })
  @IsOptional()
  @ArrayMaxSize(MAX_OVERRIDES)
  @ValidateNested({ each: true })
  @Type(() => CommissionOverrideInput)
  overrides?: CommissionOverrideInput[];

  @Field(() => MoneyInput, { nullable: true, description: "Upper bound of one order's commission, in the campaign currency; null removes it." })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyInput)
  capPerOrder?: MoneyInput | null;

  @Field(() => AttributionRule, { nullable: true, description: 'How one creator is picked when an order has several touches (default CODE_WINS).' })
  @IsOptional()
  @IsEnum(AttributionRule)
  attributionRule?: AttributionRule;

  @Field(() => Int, { nullable: true, description: 'Days after a click within which a sale is attributed (1–365, default 30).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  attributionWindowDays?: number;

  @Field(() => Int, { nullable: true, description: 'Days a commission is held before it can become eligible (0–365, default 30).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  holdDays?: number;

  @Field({ nullable: true, description: 'Require a compliant sponsorship disclosure before commissions are approved (default true).' })
  @IsOptional()
  @IsBoolean()
  disclosureRequired?: boolean;

}

@InputType()
export class MatchWeightInput {
  @Field(() => MatchFactor)
  @IsEnum(MatchFactor)
  factor!: MatchFactor;

  @Field(() => Float, { description: 'Relative weight, 0–10. Weights are normalised to sum to 1.' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(10)
  weight!: number;
}

@InputType()
export class CreateCampaignInput {
  @Field()
  @IsString()
  @MinLength(3)
  @MaxLength(120)
  title!: string;

  @Field(() => String, { nullable: true, description: 'URL-safe name, unique within the brand (default: made from the title). Fixed once published.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  slug?: string | null;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  brief?: string;

  @Field(() => String, { nullable: true, description: "An https URL on one of the organization's verified domains." })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  landingUrl?: string | null;

  @Field(() => String, { nullable: true, description: "Where disabled and ended links send shoppers, without attribution: an https URL on a verified domain. Null: they answer 410 Gone." })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  fallbackUrl?: string | null;

  @Field(() => Int, { nullable: true, description: 'Active referral links a creator may hold in this campaign (1–50, default 5).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  maxLinksPerCreator?: number | null;

  @Field(() => DiscountInput, { nullable: true, description: "What creators' discount codes take off. Codes keep the discount they were issued with. Null: no codes." })
  @IsOptional()
  @ValidateNested()
  @Type(() => DiscountInput)
  discount?: DiscountInput | null;

  @Field(() => [Niche], { nullable: true })
  @IsOptional()
  @IsEnum(Niche, { each: true })
  @ArrayUnique()
  @ArrayMaxSize(10)
  niches?: Niche[];

  @Field(() => [Platform], { nullable: true })
  @IsOptional()
  @IsEnum(Platform, { each: true })
  @ArrayUnique()
  platforms?: Platform[];

  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-2 codes; empty means anywhere.' })
  @IsOptional()
  @IsCountryCode({ each: true })
  @ArrayUnique()
  @ArrayMaxSize(60)
  targetCountries?: string[];

  @Field(() => Int, { nullable: true, description: 'Default 10,000 (micro-influencers).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  minFollowers?: number;

  @Field(() => Int, { nullable: true, description: 'Default 100,000 (micro-influencers).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  maxFollowers?: number;

  @Field(() => Float, { nullable: true, description: 'A fraction between 0 and 1: 0.03 is 3%.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  minEngagementRate?: number;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  endsAt?: Date | null;

  @Field(() => MoneyInput, { nullable: true, description: 'In the campaign currency.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyInput)
  budget?: MoneyInput | null;

  @Field({ description: 'ISO 4217 currency of the budget and flat commissions.' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter upper-case ISO 4217 code such as USD' })
  currency!: string;

  @Field(() => CampaignVisibility, { nullable: true, description: 'Default OPEN.' })
  @IsOptional()
  @IsEnum(CampaignVisibility)
  visibility?: CampaignVisibility;

  @Field({ nullable: true, description: 'Approve applications without review (default false).' })
  @IsOptional()
  @IsBoolean()
  autoApprove?: boolean;

  @Field(() => CampaignTermsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CampaignTermsInput)
  terms?: CampaignTermsInput;

  @Field(() => [MatchWeightInput], { nullable: true, description: 'Override matching weights for some factors; others keep their defaults.' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => MatchWeightInput)
  @ArrayMaxSize(6)
  matchWeights?: MatchWeightInput[];
}

@InputType({ description: 'Only the fields given change. Terms of a published campaign change as a new version effective now.' })
export class UpdateCampaignInput extends PartialType(CreateCampaignInput, InputType) {}

@InputType()
export class CampaignFilter {
  @Field(() => [CampaignStatus], { nullable: true })
  @IsOptional()
  @IsEnum(CampaignStatus, { each: true })
  status?: CampaignStatus[];

  @Field(() => CampaignVisibility, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(CampaignVisibility))
  visibility?: CampaignVisibility;

  @Field(() => ID, { nullable: true, description: 'Platform staff only: one organization.' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

@ArgsType()
export class CampaignsArgs extends PageArgs {
  @Field(() => CampaignFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CampaignFilter)
  filter?: CampaignFilter;
}

import { Connection, MoneyModel } from '@app/core';
import { Niche, Platform } from '@app/creators';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CampaignStatus } from './campaign-status.js';
import { DiscountModel } from './campaign-discount.js';
import { MatchFactor } from './match-weights.js';
import { AttributionRule, CommissionOverrideModel, CommissionTierModel } from './commission-structure.js';

export enum CampaignVisibility {
  OPEN = 'OPEN',
  INVITE_ONLY = 'INVITE_ONLY',
}

registerEnumType(CampaignVisibility, {
  name: 'CampaignVisibility',
  description: 'OPEN: any eligible creator may apply. INVITE_ONLY: creators join only when invited.',
});

@ObjectType('CampaignTerms', { description: 'One version of the commercial terms. A sale uses the version in effect when it was made.' })
export class CampaignTerms {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => Int, { nullable: true, description: 'Commission in basis points of the net sale: 1500 is 15%.' })
  commissionRateBps!: number | null;

  @Field(() => MoneyModel, { nullable: true, description: 'Flat commission per attributed order.' })
  flatAmount!: MoneyModel | null;

  @Field(() => [CommissionTierModel])
  tiers!: CommissionTierModel[];

  @Field(() => [CommissionOverrideModel])
  overrides!: CommissionOverrideModel[];

  @Field(() => MoneyModel, { nullable: true, description: "Upper bound of one order's commission." })
  capPerOrder!: MoneyModel | null;

  @Field(() => AttributionRule)
  attributionRule!: AttributionRule;

  @Field(() => Int)
  attributionWindowDays!: number;

  @Field(() => Int, { description: 'Days a commission is held (the return window) before it can become eligible.' })
  holdDays!: number;

  @Field({ description: 'Whether a compliant sponsorship disclosure is required before commissions are approved.' })
  disclosureRequired!: boolean;

  @Field(() => Int, { description: "The platform's fee charged to the brand on top of each commission, in basis points of it: 1000 is 10%." })
  platformFeeBps!: number;

  @Field()
  effectiveFrom!: Date;

  @Field()
  createdAt!: Date;

  campaignId!: string;
}

@ObjectType('MatchWeight')
export class MatchWeight {
  @Field(() => MatchFactor)
  factor!: MatchFactor;

  @Field(() => Float)
  weight!: number;
}

@ObjectType('Campaign', { description: "A brand's campaign." })
export class Campaign {
  @Field(() => ID)
  id!: string;

  @Field(() => CampaignStatus)
  status!: CampaignStatus;

  @Field()
  title!: string;

  @Field({ description: 'URL-safe name, unique within the brand; tracked links carry it as utm_campaign.' })
  slug!: string;

  @Field()
  brief!: string;

  @Field(() => String, { nullable: true })
  landingUrl!: string | null;

  @Field(() => String, { nullable: true, description: 'Where disabled and ended links send shoppers, without attribution. Without one they answer 410 Gone.' })
  fallbackUrl!: string | null;

  @Field(() => Int, { description: 'Active referral links a creator may hold in this campaign.' })
  maxLinksPerCreator!: number;

  @Field(() => DiscountModel, { nullable: true, description: "What creators' discount codes take off; null when the campaign offers none." })
  discount!: DiscountModel | null;

  @Field(() => [Niche])
  niches!: Niche[];

  @Field(() => [Platform])
  platforms!: Platform[];

  @Field(() => [String], { description: 'ISO 3166-1 alpha-2 codes of the audience wanted; empty means anywhere.' })
  targetCountries!: string[];

  @Field(() => Int)
  minFollowers!: number;

  @Field(() => Int)
  maxFollowers!: number;

  @Field(() => Float, { description: 'A fraction: 0.03 is 3%.' })
  minEngagementRate!: number;

  @Field(() => Date, { nullable: true })
  startsAt!: Date | null;

  @Field(() => Date, { nullable: true })
  endsAt!: Date | null;

  @Field(() => MoneyModel, { nullable: true })
  budget!: MoneyModel | null;

  @Field()
  currency!: string;

  @Field(() => CampaignVisibility)
  visibility!: CampaignVisibility;

  @Field()
  autoApprove!: boolean;

  @Field(() => [MatchWeight], { description: 'Matching weights per factor, defaults filled in.' })
  matchWeights!: MatchWeight[];

  @Field(() => Date, { nullable: true })
  publishedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  endedAt!: Date | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  organizationId!: string;
}

@ObjectType()
export class CampaignConnection extends Connection(Campaign) {}

@ObjectType()
export class CampaignTermsConnection extends Connection(CampaignTerms, 'CampaignTermsVersion') {}

import { MatchFactor } from '@app/campaigns';
import { Connection, MaxItems } from '@app/core';
import { Platform } from '@app/creators';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('MatchExplanation', { description: 'One factor of a match score: weight × value, summed over the factors, is the score.' })
export class MatchExplanation {
  @Field(() => MatchFactor)
  factor!: MatchFactor;

  @Field(() => Float, { description: 'The normalised weight of the factor (0 when it could not be evaluated).' })
  weight!: number;

  @Field(() => Float, { nullable: true, description: 'The factor value in [0, 1]; null when it could not be evaluated.' })
  value!: number | null;

  @Field({ description: 'Why, in words.' })
  detail!: string;
}

@ObjectType('CreatorMatch', { description: 'A creator ranked for a campaign.' })
export class CreatorMatch {
  @Field(() => ID)
  creatorId!: string;

  @Field(() => Float, { description: 'In [0, 1]; higher is a better fit.' })
  score!: number;

  @Field(() => [MatchExplanation], { description: 'One item per factor, in a fixed order.' })
  @MaxItems(6)
  explanation!: MatchExplanation[];

  @Field(() => ID, { description: 'The eligible account the score is based on (the best one).' })
  socialAccountId!: string;

  @Field(() => Platform)
  platform!: Platform;

  @Field(() => Int)
  followers!: number;
}

@ObjectType('CampaignMatch', { description: 'An open campaign ranked for the calling creator.' })
export class CampaignMatch {
  @Field(() => ID)
  campaignId!: string;

  @Field(() => Float, { description: 'In [0, 1]; higher is a better fit.' })
  score!: number;

  @Field(() => [MatchExplanation], { description: 'One item per factor, in a fixed order.' })
  @MaxItems(6)
  explanation!: MatchExplanation[];

  @Field()
  title!: string;
}

@ObjectType()
export class CreatorMatchConnection extends Connection(CreatorMatch) {}

@ObjectType()
export class CampaignMatchConnection extends Connection(CampaignMatch) {}

import { Connection, MaxItems, MoneyModel } from '@app/core';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Niche, Platform } from '../vocabulary.js';
import { MAX_AUDIENCE_COUNTRIES } from './social-account.rules.js';

@ObjectType('AudienceShare', { description: "A country's share of an account's audience." })
export class AudienceShare {
  @Field({ description: 'ISO 3166-1 alpha-2, e.g. US.' })
  country!: string;

  @Field(() => Float, { description: 'Percent of the audience, e.g. 41.5.' })
  share!: number;
}

@ObjectType('SocialAccount', { description: "One of a creator's accounts on a platform, with the audience figures brands decide by." })
export class SocialAccount {
  @Field(() => ID)
  id!: string;

  @Field(() => Platform)
  platform!: Platform;

  @Field({ description: 'Without the leading @; for a BLOG, its host name.' })
  handle!: string;

  @Field(() => Int)
  followers!: number;

  @Field(() => Int, { description: 'Average likes over recent posts.' })
  avgLikes!: number;

  @Field(() => Int, { description: 'Average comments over recent posts.' })
  avgComments!: number;

  @Field(() => Int, { nullable: true, description: 'Average views over recent posts, where the platform counts them.' })
  avgViews!: number | null;

  @Field(() => Float, { description: '(avgLikes + avgComments) / followers, as a fraction: 0.045 is 4.5%.' })
  engagementRate!: number;

  @Field(() => [AudienceShare], { description: 'Largest share first; at most 25 countries.' })
  @MaxItems(MAX_AUDIENCE_COUNTRIES)
  audienceCountries!: AudienceShare[];

  @Field(() => MoneyModel, { nullable: true, description: 'What the creator asks for one sponsored post.' })
  ratePerPost!: MoneyModel | null;

  @Field()
  createdAt!: Date;

  /** The profile the account belongs to (not exposed: the account is reached through it). */
  creatorId!: string;
}

@ObjectType('CreatorProfile', { description: "A creator's public profile. Its id is the creator id used everywhere else." })
export class CreatorProfile {
  @Field(() => ID)
  id!: string;

  @Field()
  displayName!: string;

  @Field()
  bio!: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2, where the creator lives.' })
  country!: string | null;

  @Field(() => [String], { description: 'ISO 639-1 codes.' })
  languages!: string[];

  @Field(() => [Niche])
  niches!: Niche[];

  @Field()
  createdAt!: Date;

  @Field({ description: 'Changes with every edit of the profile or of its social accounts.' })
  updatedAt!: Date;

  /** The creator's user account; not exposed. */
  userId!: string;
}

@ObjectType()
export class CreatorProfileConnection extends Connection(CreatorProfile) {}

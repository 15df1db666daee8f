import { MoneyInput } from '@app/core';
import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { IsArray, IsInt, IsNumber, IsObject, IsOptional, IsString } from 'class-validator';
import { Platform } from '../vocabulary.js';
import type { SocialAccountPatch } from './social-account.rules.js';

// The service checks every rule and names fields as `input.<name>`; the decorators here only
// declare the shape, so the global validation pipe keeps these fields.

@InputType()
export class AudienceShareInput {
  @Field({ description: 'ISO 3166-1 alpha-2, e.g. US.' })
  @IsString()
  country!: string;

  @Field(() => Float, { description: 'Percent of the audience: above 0, at most 100, at most two decimals.' })
  @IsNumber()
  share!: number;
}

@InputType()
export class AddSocialAccountInput implements SocialAccountPatch {
  @Field(() => Platform)
  @IsString()
  platform!: Platform;

  @Field({ description: 'Letters, digits, dots, underscores and hyphens; a leading @ is dropped. For a BLOG, its host name, e.g. mayamakes.com. Unique per platform.' })
  @IsString()
  handle!: string;

  @Field(() => Int)
  @IsInt()
  followers!: number;

  @Field(() => Int, { description: 'Average likes over recent posts.' })
  @IsInt()
  avgLikes!: number;

  @Field(() => Int, { description: 'Average comments over recent posts.' })
  @IsInt()
  avgComments!: number;

  @Field(() => Int, { nullable: true, description: 'Average views over recent posts, where the platform counts them.' })
  @IsOptional()
  @IsInt()
  avgViews?: number | null;

  @Field(() => [AudienceShareInput], { nullable: true, description: 'Share of the audience per country, summing to at most 100.' })
  @IsOptional()
  @IsArray()
  audienceCountries?: AudienceShareInput[] | null;

  @Field(() => MoneyInput, { nullable: true, description: 'What you ask for one sponsored post.' })
  @IsOptional()
  @IsObject()
  ratePerPost?: MoneyInput | null;
}

@InputType({ description: 'Only the fields to change. null clears avgViews, audienceCountries and ratePerPost.' })
export class UpdateSocialAccountInput implements SocialAccountPatch {
  @Field(() => Platform, { nullable: true })
  @IsOptional()
  @IsString()
  platform?: Platform | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  handle?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  followers?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  avgLikes?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  avgComments?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  avgViews?: number | null;

  @Field(() => [AudienceShareInput], { nullable: true })
  @IsOptional()
  @IsArray()
  audienceCountries?: AudienceShareInput[] | null;

  @Field(() => MoneyInput, { nullable: true })
  @IsOptional()
  @IsObject()
  ratePerPost?: MoneyInput | null;
}

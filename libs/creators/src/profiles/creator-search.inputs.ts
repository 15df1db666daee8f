import { PageArgs } from '@app/core';
import { ArgsType, Field, Float, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsString, ValidateNested } from 'class-validator';
import { Niche, Platform } from '../vocabulary.js';

// The search service checks the values and names fields as `filter.<name>`; the decorators
// here only declare the shape, so the global validation pipe keeps these fields.
@InputType({ description: 'Every condition given must hold. The account conditions must hold on one and the same social account.' })
export class CreatorFilter {
  @Field(() => Platform, { nullable: true, description: 'Has an account on this platform.' })
  @IsOptional()
  @IsString()
  platform?: Platform;

  @Field(() => Niche, { nullable: true })
  @IsOptional()
  @IsString()
  niche?: Niche;

  @Field({ nullable: true, description: 'Where the creator lives: ISO 3166-1 alpha-2.' })
  @IsOptional()
  @IsString()
  country?: string;

  @Field(() => Int, { nullable: true, description: 'An account with at least this many followers.' })
  @IsOptional()
  @IsInt()
  minFollowers?: number;

  @Field(() => Int, { nullable: true, description: 'An account with at most this many followers.' })
  @IsOptional()
  @IsInt()
  maxFollowers?: number;

  @Field(() => Float, { nullable: true, description: 'An account with at least this engagement rate, as a fraction: 0.03 is 3%.' })
  @IsOptional()
  @IsNumber()
  minEngagementRate?: number;

  @Field({ nullable: true, description: 'An account with audience in this country (ISO 3166-1 alpha-2).' })
  @IsOptional()
  @IsString()
  audienceCountry?: string;

  @Field({ nullable: true, description: 'Words of the display name or bio, or the start of a handle.' })
  @IsOptional()
  @IsString()
  query?: string;
}

@ArgsType()
export class CreatorsArgs extends PageArgs {
  @Field(() => CreatorFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CreatorFilter)
  filter?: CreatorFilter;
}

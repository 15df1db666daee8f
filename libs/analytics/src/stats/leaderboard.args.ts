import { PageArgs } from '@app/core';
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID } from 'class-validator';
import { LeaderboardOrder } from './leaderboard.model.js';

@ArgsType()
export class LeaderboardArgs extends PageArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'campaignId must be an ID returned by this API' })
  campaignId!: string;

  @Field(() => LeaderboardOrder)
  @IsEnum(LeaderboardOrder)
  by!: LeaderboardOrder;

  @Field(() => String, { nullable: true, description: 'First day, YYYY-MM-DD; with to, or neither for all time.' })
  @IsOptional()
  @IsString()
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Last day (included), YYYY-MM-DD; at most 366 days after from.' })
  @IsOptional()
  @IsString()
  to?: string | null;
}

import { PageArgs } from '@app/core';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { EnrollmentStatus } from './enrollment-status.js';

@InputType()
export class EnrollmentFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @Field(() => ID, { nullable: true, description: 'Brands and staff: one creator.' })
  @IsOptional()
  @IsUUID()
  creatorId?: string;

  @Field(() => [EnrollmentStatus], { nullable: true })
  @IsOptional()
  @IsEnum(EnrollmentStatus, { each: true })
  status?: EnrollmentStatus[];
}

@ArgsType()
export class EnrollmentsArgs extends PageArgs {
  @Field(() => EnrollmentFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => EnrollmentFilter)
  filter?: EnrollmentFilter;
}

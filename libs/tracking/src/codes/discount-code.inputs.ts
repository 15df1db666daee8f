import { PageArgs } from '@app/core';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { TrackingFilter } from '../tracking-filter.js';

@InputType()
export class ClaimDiscountCodeInput {
  @Field(() => ID, { description: 'Your APPROVED enrollment.' })
  @IsUUID()
  enrollmentId!: string;

  @Field(() => String, { nullable: true, description: 'The code you would like, 4–20 letters and digits (e.g. MAYA15). Default: one made from your handle.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  code?: string | null;
}

@InputType()
export class DiscountCodeFilter extends TrackingFilter {}

@ArgsType()
export class DiscountCodesArgs extends PageArgs {
  @Field(() => DiscountCodeFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DiscountCodeFilter)
  filter?: DiscountCodeFilter;
}

import { PageArgs } from '@app/core';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { TrackingFilter } from '../tracking-filter.js';

@InputType()
export class ClaimReferralLinkInput {
  @Field(() => ID, { description: 'Your APPROVED enrollment.' })
  @IsUUID()
  enrollmentId!: string;

  @Field(() => String, { nullable: true, description: 'A vanity name, 3–32 letters, digits, hyphens and underscores; unique whatever its case.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  alias?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "A deep link: a path on the campaign site (/products/ridge-30) or an https URL on one of the brand's verified domains. Default: the campaign landing page.",
  })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  destinationPath?: string | null;
}

@InputType()
export class ReferralLinkFilter extends TrackingFilter {}

@ArgsType()
export class ReferralLinksArgs extends PageArgs {
  @Field(() => ReferralLinkFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReferralLinkFilter)
  filter?: ReferralLinkFilter;
}

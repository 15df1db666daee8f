import { PageArgs } from '@app/core';
import { Platform } from '@app/creators';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsArray, IsDate, IsEnum, IsInt, IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';
import { DisclosureMethod, DisclosureResult } from '../rules/check-disclosure.js';
import './disclosure-enums.js';

@InputType({ description: 'A screenshot or video frame kept as evidence: its SHA-256 and where it is stored.' })
export class PostEvidenceInput {
  @Field({ description: 'SHA-256 of the file, 64 hexadecimal characters.' })
  @IsString()
  sha256!: string;

  @Field({ description: 'Where the file is kept: an https URL or a storage key, at most 2,048 characters.' })
  @IsString()
  mediaRef!: string;
}

/** What a post says and how it discloses: the part a revision may change. */
@InputType({ isAbstract: true })
abstract class PostContentFields {
  @Field(() => String, { nullable: true, description: 'Any text the video says, as captured; kept with the evidence.' })
  @IsOptional()
  @IsString()
  transcript?: string | null;

  @Field(() => Int, { nullable: true, description: 'The second of the video the sponsorship is said at (with VERBAL_IN_VIDEO).' })
  @IsOptional()
  @IsInt()
  verbalAtSeconds?: number | null;

  @Field(() => [String], {
    nullable: true,
    description: "Audience jurisdictions (US, GB, EU, KR, JP, PL, FI or any ISO country code). Left out: read from your accounts' audience countries.",
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  jurisdictions?: string[] | null;

  @Field(() => PostEvidenceInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PostEvidenceInput)
  evidence?: PostEvidenceInput | null;
}

@InputType()
export class SubmitSponsoredPostInput extends PostContentFields {
  @Field(() => ID, { description: 'Your APPROVED enrollment the post is for.' })
  @IsUUID()
  enrollmentId!: string;

  @Field(() => Platform)
  @IsEnum(Platform)
  platform!: Platform;

  @Field({ description: "The post's address on its platform, https." })
  @IsString()
  url!: string;

  @Field(() => Date, { description: 'When it was published.' })
  @IsDate()
  postedAt!: Date;

  @Field({ description: 'The caption exactly as published.' })
  @IsString()
  caption!: string;

  @Field(() => [DisclosureMethod], { description: 'Every way the post discloses the sponsorship.' })
  @IsArray()
  @IsEnum(DisclosureMethod, { each: true })
  disclosureMethods!: DisclosureMethod[];
}

@InputType({ description: 'The post as it is now. Fields left out keep their value; null clears transcript, verbalAtSeconds and evidence, and sends jurisdictions back to your audience.' })
export class ReviseSponsoredPostInput extends PostContentFields {
  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  postedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'The caption exactly as published now.' })
  @IsOptional()
  @IsString()
  caption?: string | null;

  @Field(() => [DisclosureMethod], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(DisclosureMethod, { each: true })
  disclosureMethods?: DisclosureMethod[] | null;
}

@InputType()
export class SponsoredPostFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  enrollmentId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  creatorId?: string;

  @Field(() => DisclosureResult, { nullable: true })
  @IsOptional()
  @IsEnum(DisclosureResult)
  status?: DisclosureResult;

  @Field(() => Platform, { nullable: true })
  @IsOptional()
  @IsEnum(Platform)
  platform?: Platform;
}

@ArgsType()
export class SponsoredPostsArgs extends PageArgs {
  @Field(() => SponsoredPostFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SponsoredPostFilter)
  filter?: SponsoredPostFilter;
}

@ArgsType()
export class CheckDisclosureArgs {
  @Field({ description: 'The caption you are about to publish.' })
  @IsString()
  caption!: string;

  @Field(() => Platform)
  @IsEnum(Platform)
  platform!: Platform;

  @Field(() => [String], { nullable: true, description: "Left out: your accounts' audience countries (US for anyone else)." })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  jurisdictions?: string[] | null;

  @Field(() => [DisclosureMethod], { nullable: true, description: 'Other ways you will disclose: the paid-partnership tool, saying it, on-screen text.' })
  @IsOptional()
  @IsArray()
  @IsEnum(DisclosureMethod, { each: true })
  disclosureMethods?: DisclosureMethod[] | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  verbalAtSeconds?: number | null;

  @Field(() => String, { nullable: true, description: 'The brand, for "paid partnership with <brand>" and #współpraca.' })
  @IsOptional()
  @IsString()
  brandName?: string | null;
}

import { Connection } from '@app/core';
import { Platform } from '@app/creators';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DisclosureMethod, DisclosureReason, DisclosureResult, DisclosureWarning } from '../rules/check-disclosure.js';
import './disclosure-enums.js';
import { JurisdictionSource } from './sponsored-post-revision.entity.js';
import { PostStatusSource } from './sponsored-post.entity.js';

@ObjectType('DisclosureCheck', { description: "The rule set's judgement of a caption and the ways it discloses." })
export class DisclosureCheckModel {
  @Field(() => DisclosureResult)
  result!: DisclosureResult;

  @Field(() => [DisclosureReason], { description: 'Every reason it is not compliant, or needs a person to look.' })
  reasons!: DisclosureReason[];

  @Field(() => [DisclosureWarning])
  warnings!: DisclosureWarning[];

  @Field(() => [String], { description: 'The reasons, then the warnings, in words.' })
  messages!: string[];

  @Field({ description: 'The version of the rule set that judged it.' })
  rulesetVersion!: string;
}

@ObjectType()
export class PostEvidence {
  @Field()
  sha256!: string;

  @Field()
  mediaRef!: string;
}

@ObjectType({ description: "A brand or finance user's decision on one revision of a post." })
export class DisclosureOverride {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The revision it decides on.' })
  revision!: number;

  @Field(() => DisclosureResult)
  decision!: DisclosureResult;

  @Field()
  note!: string;

  @Field(() => ID, { nullable: true, description: 'Who decided; null for creators, who see the decision and its note.' })
  decidedById!: string | null;

  @Field()
  createdAt!: Date;
}

@ObjectType({ description: 'What a post said at one time, as submitted, and the check made of it. Never changed.' })
export class SponsoredPostRevision {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  revision!: number;

  @Field()
  postedAt!: Date;

  @Field()
  caption!: string;

  @Field(() => String, { nullable: true })
  transcript!: string | null;

  @Field(() => [DisclosureMethod])
  disclosureMethods!: DisclosureMethod[];

  @Field(() => Int, { nullable: true })
  verbalAtSeconds!: number | null;

  @Field(() => [String])
  jurisdictions!: string[];

  @Field(() => JurisdictionSource)
  jurisdictionSource!: JurisdictionSource;

  @Field(() => PostEvidence, { nullable: true })
  evidence!: PostEvidence | null;

  @Field(() => DisclosureCheckModel)
  check!: DisclosureCheckModel;

  @Field()
  createdAt!: Date;

  postId!: string;
}

@ObjectType({ description: "A sponsored post a creator recorded for an enrollment, with its disclosure's standing." })
export class SponsoredPost {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  enrollmentId!: string;

  @Field(() => ID)
  campaignId!: string;

  @Field(() => ID)
  creatorId!: string;

  @Field(() => Platform)
  platform!: Platform;

  @Field()
  url!: string;

  @Field(() => DisclosureResult, { description: "What counts for payment: the current revision's check, or an override of it." })
  status!: DisclosureResult;

  @Field(() => PostStatusSource)
  statusSource!: PostStatusSource;

  @Field(() => SponsoredPostRevision, { description: 'The post as it is now.' })
  current!: SponsoredPostRevision;

  @Field(() => DisclosureOverride, { nullable: true, description: 'The override in force on the current revision, if any.' })
  override!: DisclosureOverride | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  organizationId!: string;
}

@ObjectType()
export class SponsoredPostConnection extends Connection(SponsoredPost) {}

@ObjectType()
export class SponsoredPostRevisionConnection extends Connection(SponsoredPostRevision) {}

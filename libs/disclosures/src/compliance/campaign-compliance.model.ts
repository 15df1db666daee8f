import { Connection, CsvExport } from '@app/core';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DisclosureStanding } from './disclosure-standing.js';

@ObjectType()
export class PostStatusTally {
  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  compliant!: number;

  @Field(() => Int)
  nonCompliant!: number;

  @Field(() => Int)
  needsReview!: number;
}

@ObjectType({ description: "The campaign's APPROVED creators by where they stand on disclosure." })
export class CreatorStandingTally {
  @Field(() => Int)
  approved!: number;

  @Field(() => Int)
  compliant!: number;

  @Field(() => Int)
  nonCompliant!: number;

  @Field(() => Int)
  needsReview!: number;

  @Field(() => Int, { description: 'Approved creators with no post recorded.' })
  missing!: number;
}

@ObjectType({ description: "A campaign's disclosure compliance, for the brand's legal team." })
export class CampaignCompliance {
  @Field(() => ID)
  campaignId!: string;

  @Field({ description: "Whether the campaign's current terms hold commissions until the creator has a compliant post." })
  disclosureRequired!: boolean;

  @Field(() => PostStatusTally)
  posts!: PostStatusTally;

  @Field(() => CreatorStandingTally)
  creators!: CreatorStandingTally;
}

@ObjectType({ description: 'An APPROVED creator of the campaign with no compliant post, or with a post found non-compliant.' })
export class ComplianceGap {
  @Field(() => ID)
  enrollmentId!: string;

  @Field(() => ID)
  creatorId!: string;

  @Field(() => DisclosureStanding)
  standing!: DisclosureStanding;

  @Field(() => Int)
  posts!: number;
}

@ObjectType()
export class ComplianceGapConnection extends Connection(ComplianceGap) {}

@ObjectType('DisclosureEvidenceExport', { description: "A campaign's disclosure evidence log as CSV." })
export class DisclosureEvidenceExport extends CsvExport {
  @Field({
    description:
      'UTF-8 CSV with a header row, oldest first, one row per revision and per override: recorded_at, event (REVISION or OVERRIDE), post_id, creator, ' +
      'platform, url, revision, posted_at, disclosure_methods, verbal_at_seconds, jurisdictions, check_result, reasons, warnings, ruleset_version, ' +
      'evidence_sha256, evidence_media_ref, caption, transcript, override_decision, override_note, decided_by (lists separated by ;).',
  })
  csv!: string;
}

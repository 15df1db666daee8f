import { Connection } from '@app/core';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { EnrollmentOrigin, EnrollmentStatus } from './enrollment-status.js';

@ObjectType('Enrollment', { description: "A creator's place in a campaign, from application or invitation to its end." })
export class Enrollment {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  campaignId!: string;

  @Field(() => ID)
  creatorId!: string;

  @Field(() => EnrollmentStatus)
  status!: EnrollmentStatus;

  @Field(() => EnrollmentOrigin)
  origin!: EnrollmentOrigin;

  @Field(() => String, { nullable: true, description: "The creator's pitch, when they applied." })
  pitch!: string | null;

  @Field(() => String, { nullable: true, description: "The brand's message, when it invited." })
  invitationMessage!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was rejected or removed: a RejectionReason or RemovalReason value.' })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: 'Free text beside the reason.' })
  reasonNote!: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  approvedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  endedAt!: Date | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  organizationId!: string;
}

@ObjectType()
export class EnrollmentConnection extends Connection(Enrollment) {}

@ObjectType('CreatorBan', { description: 'A creator this brand does not work with.' })
export class CreatorBan {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  creatorId!: string;

  @Field()
  reason!: string;

  @Field()
  createdAt!: Date;

  organizationId!: string;
}

@ObjectType()
export class CreatorBanConnection extends Connection(CreatorBan) {}

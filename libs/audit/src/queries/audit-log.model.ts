import { Connection, CsvExport, JsonScalar, PageArgs } from '@app/core';
import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { AuditActorType } from '../audit-actor.js';
import type { JsonObject } from '../audit-changes.js';

registerEnumType(AuditActorType, {
  name: 'AuditActorType',
  description: 'USER: a person signed in. API_KEY: an integration calling with its key. SYSTEM: a scheduled job or the platform itself.',
});

@ObjectType('AuditActor', { description: 'Who made a change.' })
export class AuditActorModel {
  @Field(() => AuditActorType)
  type!: AuditActorType;

  @Field(() => String, { nullable: true, description: 'The user id, the integration id, or the job name (e.g. campaigns.end-expired).' })
  id!: string | null;
}

@ObjectType('AuditEntry', { description: 'One change to one record, as it was committed. Entries are never changed or removed.' })
export class AuditEntryModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true, description: 'The brand the record belongs to; null for platform-wide records such as users.' })
  organizationId!: string | null;

  @Field(() => AuditActorModel)
  actor!: AuditActorModel;

  @Field({ description: '`<entity>.<what happened>`, e.g. campaign.status_changed, commission.status_changed, user.role_granted.' })
  action!: string;

  @Field({ description: 'The kind of record: campaign, enrollment, referral_link, discount_code, commission, payout, user, membership, …' })
  entityType!: string;

  @Field()
  entityId!: string;

  @Field(() => JsonScalar, { nullable: true, description: 'The changed fields as they were; null when the record was created.' })
  before!: JsonObject | null;

  @Field(() => JsonScalar, { nullable: true, description: 'The changed fields as they became; null when the record was removed.' })
  after!: JsonObject | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: 'The API request that made the change (its X-Request-Id); null for jobs.' })
  requestId!: string | null;

  @Field()
  createdAt!: Date;
}

@ObjectType('AuditEntryConnection')
export class AuditEntryConnection extends Connection(AuditEntryModel, 'AuditEntry') {}

@InputType()
export class AuditLogFilter {
  @Field({ nullable: true, description: 'e.g. campaign, enrollment, commission.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  entityType?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  entityId?: string;

  @Field({ nullable: true, description: 'An exact action, e.g. campaign.status_changed.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  action?: string;

  @Field(() => AuditActorType, { nullable: true })
  @IsOptional()
  @IsEnum(AuditActorType)
  actorType?: AuditActorType;

  @Field({ nullable: true, description: 'The user id, the integration id, or the job name.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  actorId?: string;

  @Field(() => ID, { nullable: true, description: "A brand's entries. Finance and admins name any brand; a brand team only its own (another is NOT_FOUND)." })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @Field(() => Date, { nullable: true, description: 'Made at or after this time (inclusive).' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Made before this time (exclusive).' })
  @IsOptional()
  @IsDate()
  to?: Date;
}

@ArgsType()
export class AuditLogArgs extends PageArgs {
  @Field(() => AuditLogFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditLogFilter)
  filter?: AuditLogFilter;
}

@ArgsType()
export class ExportAuditLogArgs {
  @Field(() => AuditLogFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditLogFilter)
  filter?: AuditLogFilter;
}

@ObjectType('AuditLogExport', { description: 'Audit entries as CSV.' })
export class AuditLogExport extends CsvExport {
  @Field({
    description:
      'UTF-8 CSV with a header row, newest first: created_at (ISO 8601), id, organization_id, actor_type, actor_id, action, entity_type, entity_id, ' +
      'before, after (the changed fields as JSON), reason, request_id.',
  })
  csv!: string;
}

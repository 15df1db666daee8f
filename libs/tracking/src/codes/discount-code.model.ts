import { DiscountModel } from '@app/campaigns';
import { Connection, CsvExport } from '@app/core';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { CodeState } from './discount-code-status.js';

@ObjectType('DiscountCode', { description: "A creator's discount code: orders that use it are attributed to the creator." })
export class DiscountCode {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'As shoppers type it at checkout.' })
  code!: string;

  @Field(() => DiscountModel, { description: 'What it takes off, fixed when the code was issued.' })
  discount!: DiscountModel;

  @Field(() => CodeState)
  status!: CodeState;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true })
  revokedReason!: string | null;

  @Field(() => ID)
  enrollmentId!: string;

  @Field(() => ID)
  campaignId!: string;

  @Field(() => ID)
  creatorId!: string;

  @Field()
  createdAt!: Date;

  organizationId!: string;
}

@ObjectType()
export class DiscountCodeConnection extends Connection(DiscountCode) {}

@ObjectType('DiscountCodeExport', { description: 'Codes as CSV, to create them in a store.' })
export class DiscountCodeExport extends CsvExport {
  @Field({ description: 'UTF-8 CSV with a header row: code, discount_type, percent_off, amount_off, currency, status, campaign, campaign_slug, creator, created_at.' })
  csv!: string;
}

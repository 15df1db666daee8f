import { Connection, type ConnectionShape, MoneyModel, PageArgs } from '@app/core';
import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { CommissionAdjustmentKind } from '../lifecycle/commission-adjustment.entity.js';
import { BlockReason } from '../lifecycle/commission-blockers.js';
import { CommissionKind, CommissionStatus, HoldReason } from '../lifecycle/commission-status.js';
import type { CommissionCriteria } from './commission-filter.js';

registerEnumType(CommissionAdjustmentKind, { name: 'CommissionAdjustmentKind' });

@ObjectType('CommissionBlocker', { description: 'One thing that stands between a commission and payment.' })
export class CommissionBlockerModel {
  @Field(() => BlockReason)
  reason!: BlockReason;

  @Field(() => Date, { nullable: true, description: 'When it lifts by itself; null when someone has to act.' })
  until!: Date | null;
}

@ObjectType('CommissionAdjustment', { description: 'One change of the amount, and why.' })
export class CommissionAdjustmentModel {
  @Field(() => ID)
  id!: string;

  @Field(() => CommissionAdjustmentKind)
  kind!: CommissionAdjustmentKind;

  @Field(() => MoneyModel)
  delta!: MoneyModel;

  @Field(() => MoneyModel)
  amountAfter!: MoneyModel;

  @Field()
  reason!: string;

  @Field()
  createdAt!: Date;
}

@ObjectType('Commission', { description: 'What a creator earns from an order, and when and why.' })
export class CommissionModel {
  @Field(() => ID)
  id!: string;

  @Field(() => CommissionKind)
  kind!: CommissionKind;

  @Field(() => CommissionStatus)
  status!: CommissionStatus;

  @Field(() => MoneyModel)
  amount!: MoneyModel;

  @Field(() => [HoldReason])
  holdReasons!: HoldReason[];

  @Field(() => ID)
  orderId!: string;

  @Field(() => ID)
  campaignId!: string;

  @Field(() => ID)
  enrollmentId!: string;

  @Field(() => ID)
  creatorId!: string;

  @Field(() => ID, { nullable: true, description: 'The paid commission a CLAWBACK or TOP_UP corrects.' })
  correctsCommissionId!: string | null;

  @Field()
  orderedAt!: Date;

  @Field({ description: 'When the hold (return) window ends.' })
  eligibleAt!: Date;

  @Field(() => [String], { description: 'How the amount was computed.' })
  explanation!: string[];

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When a first finance user approved it, when it needed a second one.' })
  firstApprovedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  approvedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  rejectedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "Finance's words on the latest review decision: the approval note, or why it was rejected." })
  reviewNote!: string | null;

  organizationId!: string;
  termsId!: string;
  paidAt!: Date | null;
  firstApprovedByUserId!: string | null;
  approvedByUserId!: string | null;
  rejectedByUserId!: string | null;
}

@ObjectType('CommissionConnection')
export class CommissionConnection extends Connection(CommissionModel, 'Commission') {
  /** The checked filter of the page, for `totals`, which sums all it selects. */
  criteria!: CommissionCriteria;
}

/** A page of commissions as services return it. */
export type CommissionPage = ConnectionShape<CommissionModel> & { criteria: CommissionCriteria };

@InputType()
export class CommissionFilter {
  @Field(() => CommissionStatus, { nullable: true })
  @IsOptional()
  @IsEnum(CommissionStatus)
  status?: CommissionStatus;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  creatorId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  orderId?: string;

  @Field(() => ID, { nullable: true, description: "A brand's commissions. Finance names any brand; a brand team only its own (another is NOT_FOUND)." })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @Field(() => Date, { nullable: true, description: 'Ordered at or after this time (inclusive), by the time of the order, not of the commission.' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Ordered before this time (exclusive): `from` and `to` of consecutive months never overlap.' })
  @IsOptional()
  @IsDate()
  to?: Date;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: commissions on a FRAUD hold, or whose order has a fraud signal nobody has resolved (even after its hold was released); false: the others.',
  })
  @IsOptional()
  @IsBoolean()
  flagged?: boolean;
}

@ArgsType()
export class CommissionsArgs extends PageArgs {
  @Field(() => CommissionFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CommissionFilter)
  filter?: CommissionFilter;
}

@ArgsType()
export class ExportCommissionsArgs {
  @Field(() => CommissionFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CommissionFilter)
  filter?: CommissionFilter;
}

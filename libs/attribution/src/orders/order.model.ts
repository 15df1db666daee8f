import { Connection, MoneyModel, PageArgs } from '@app/core';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { TouchKind, CandidateOutcome } from '../decisions/attribution-rule.js';
import { DecisionMethod } from '../decisions/attribution-decision.entity.js';
import { OrderAdjustmentKind } from './order-adjustment.entity.js';
import { OrderStatus } from './order.entity.js';
import { AttributionRule } from '@app/campaigns';

registerEnumType(OrderStatus, { name: 'OrderStatus' });
/**
 * GraphQL names enum values by their TypeScript keys; these two enums have PascalCase keys
 * (`Code = 'CODE'`), so they are registered by value: clients see CODE and WON, as in every
 * other enum and in `reasonCode`, not Code and Won.
 */
function byValue<T extends Record<string, string>>(values: T): { [V in T[keyof T]]: V } {
  return Object.fromEntries(Object.values(values).map((value) => [value, value])) as { [V in T[keyof T]]: V };
}
const TouchKindEnum = byValue(TouchKind);
const CandidateOutcomeEnum = byValue(CandidateOutcome);

registerEnumType(TouchKindEnum, { name: 'TouchKind', description: 'What pointed at a creator: a discount CODE, a CLICK on a link, or a RETURNING_CUSTOMER they brought before.' });
registerEnumType(CandidateOutcomeEnum, { name: 'CandidateOutcome' });
registerEnumType(DecisionMethod, { name: 'AttributionMethod' });
registerEnumType(OrderAdjustmentKind, { name: 'OrderAdjustmentKind' });

@ObjectType('AttributionCandidate', { description: 'One touch the order had, and what became of it.' })
export class AttributionCandidateModel {
  @Field(() => TouchKindEnum)
  kind!: TouchKind;

  @Field({ description: 'The code as typed, the click id, or the earlier order.' })
  ref!: string;

  @Field()
  at!: Date;

  /** Hidden (null) from a creator when it is another creator's touch. */
  @Field(() => ID, { nullable: true })
  creatorId!: string | null;

  @Field(() => ID, { nullable: true })
  campaignId!: string | null;

  @Field(() => CandidateOutcomeEnum)
  outcome!: CandidateOutcome;

  @Field()
  reasonCode!: string;

  @Field()
  reason!: string;
}

@ObjectType('AttributionDecision', { description: 'Why the order was credited to whom.' })
export class AttributionDecisionModel {
  @Field(() => AttributionRule, { nullable: true, description: 'The rule applied; null when no touch was valid.' })
  rule!: AttributionRule | null;

  @Field(() => [AttributionCandidateModel])
  candidates!: AttributionCandidateModel[];

  @Field(() => AttributionCandidateModel, { nullable: true, description: 'The winning touch; null when unattributed or assigned by hand.' })
  winner!: AttributionCandidateModel | null;

  @Field(() => ID, { nullable: true })
  winnerCreatorId!: string | null;

  @Field(() => ID, { nullable: true })
  winnerEnrollmentId!: string | null;

  @Field(() => DecisionMethod)
  method!: DecisionMethod;

  @Field(() => String, { nullable: true, description: 'Why finance assigned it by hand.' })
  reason!: string | null;

  @Field()
  decidedAt!: Date;
}

@ObjectType('OrderAdjustment', { description: 'One change to an order as the shop reported it.' })
export class OrderAdjustmentModel {
  @Field(() => ID)
  id!: string;

  @Field(() => OrderAdjustmentKind)
  kind!: OrderAdjustmentKind;

  @Field(() => MoneyModel, { description: 'Change of subtotal less discounts.' })
  netDelta!: MoneyModel;

  @Field(() => MoneyModel)
  refundedNetDelta!: MoneyModel;

  @Field(() => MoneyModel)
  totalDelta!: MoneyModel;

  @Field()
  effectiveAt!: Date;
}

@ObjectType('Order', { description: "A shop's order, as reported by its integration." })
export class OrderModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: "The shop's order id." })
  externalId!: string;

  @Field(() => OrderStatus)
  status!: OrderStatus;

  @Field()
  orderedAt!: Date;

  @Field()
  currency!: string;

  @Field(() => MoneyModel)
  subtotal!: MoneyModel;

  @Field(() => MoneyModel)
  discount!: MoneyModel;

  @Field(() => MoneyModel)
  shipping!: MoneyModel;

  @Field(() => MoneyModel)
  tax!: MoneyModel;

  @Field(() => MoneyModel)
  total!: MoneyModel;

  @Field(() => MoneyModel, { description: 'Subtotal less discounts: what commissions are a share of.' })
  net!: MoneyModel;

  @Field(() => MoneyModel)
  refundedNet!: MoneyModel;

  @Field(() => [String])
  discountCodes!: string[];

  @Field(() => Int)
  lineCount!: number;

  @Field(() => ID, { nullable: true })
  campaignId!: string | null;

  @Field(() => ID, { nullable: true })
  enrollmentId!: string | null;

  @Field(() => ID, { nullable: true })
  creatorId!: string | null;

  @Field()
  createdAt!: Date;

  organizationId!: string;
}

@ObjectType('OrderConnection')
export class OrderConnection extends Connection(OrderModel, 'Order') {}

@InputType()
export class OrderFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  creatorId?: string;

  @Field(() => OrderStatus, { nullable: true })
  @IsOptional()
  @IsEnum(OrderStatus)
  status?: OrderStatus;

  @Field({ nullable: true, description: 'true: only orders credited to a creator; false: only unattributed ones.' })
  @IsOptional()
  @IsBoolean()
  attributed?: boolean;
}

@ArgsType()
export class OrdersArgs extends PageArgs {
  @Field(() => OrderFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => OrderFilter)
  filter?: OrderFilter;
}

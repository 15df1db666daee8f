import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDate, IsEnum, IsInt, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';

export enum RecordedOrderChange {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(RecordedOrderChange, { name: 'RecordedOrderChange' });

const AMOUNT = 'A decimal string in major units, e.g. "84.00".';

@InputType()
export class RecordedCustomerInput {
  @Field({ nullable: true, description: "The shop's customer id; stored only as a keyed hash." })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  id?: string;

  @Field({ nullable: true, description: 'Stored only as a keyed hash.' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  email?: string;
}

@InputType()
export class RecordedLineItemInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  sku?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  productId?: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  quantity!: number;

  @Field({ description: `Unit price. ${AMOUNT}` })
  @IsString()
  @MaxLength(40)
  price!: string;

  @Field({ nullable: true, description: `Discount on the whole line. ${AMOUNT}` })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  discount?: string;
}

@InputType()
export class RecordedOrderInput {
  @Field({ description: "The shop's order id." })
  @IsString()
  @MaxLength(255)
  id!: string;

  @Field()
  @IsDate()
  createdAt!: Date;

  @Field()
  @IsString()
  @MaxLength(3)
  currency!: string;

  @Field({ description: `Before discounts. ${AMOUNT}` })
  @IsString()
  @MaxLength(40)
  subtotal!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  discountTotal?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  shipping?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  tax?: string;

  @Field()
  @IsString()
  @MaxLength(40)
  total!: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  discountCodes?: string[];

  @Field({ nullable: true, description: 'The `cid` the redirector added to the landing URL.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  clickId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  landingUrl?: string;

  @Field(() => RecordedCustomerInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RecordedCustomerInput)
  customer?: RecordedCustomerInput;

  @Field(() => [RecordedLineItemInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => RecordedLineItemInput)
  lineItems?: RecordedLineItemInput[];
}

@InputType()
export class RecordOrderInput {
  @Field({ description: 'Your id for this event: sending the same id again has no further effect.' })
  @IsString()
  @MaxLength(255)
  eventId!: string;

  @Field(() => RecordedOrderChange, { nullable: true, description: 'CREATED (default), UPDATED or CANCELLED.' })
  @IsOptional()
  @IsEnum(RecordedOrderChange)
  change?: RecordedOrderChange;

  @Field(() => RecordedOrderInput)
  @ValidateNested()
  @Type(() => RecordedOrderInput)
  order!: RecordedOrderInput;
}

@InputType()
export class RecordedRefundLineInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  sku?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  productId?: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  quantity!: number;

  @Field({ description: `Refunded net of the line (after its discount, before tax). ${AMOUNT}` })
  @IsString()
  @MaxLength(40)
  amount!: string;
}

@InputType()
export class RecordRefundInput {
  @Field({ description: 'Your id for this event: sending the same id again has no further effect.' })
  @IsString()
  @MaxLength(255)
  eventId!: string;

  @Field({ description: "The shop's order id." })
  @IsString()
  @MaxLength(255)
  orderId!: string;

  @Field({ description: "The shop's refund id: a refund applies once." })
  @IsString()
  @MaxLength(255)
  refundId!: string;

  @Field({ description: `Refunded net merchandise value (no tax, no shipping). ${AMOUNT}` })
  @IsString()
  @MaxLength(40)
  amount!: string;

  @Field({
    nullable: true,
    description: "The order's currency (ISO 4217), which `amount` is in. Needed only while the order is not recorded yet; otherwise the recorded order's currency is used.",
  })
  @IsOptional()
  @IsString()
  @MaxLength(3)
  currency?: string;

  @Field(() => [RecordedRefundLineInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => RecordedRefundLineInput)
  lineItems?: RecordedRefundLineInput[];
}

@ObjectType('RecordedOrderEvent')
export class RecordedOrderEvent {
  @Field(() => ID, { description: 'The stored event.' })
  eventId!: string;

  @Field({ description: 'False when this event id was already recorded (nothing changed).' })
  accepted!: boolean;
}

import { CommissionModel } from '@app/commissions';
import { Connection, MoneyModel, PageArgs } from '@app/core';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsDate, IsOptional, IsString, Matches } from 'class-validator';
import { FundingRequestStatus } from '../funding/funding-request.entity.js';
import { PayoutExclusionReason, PayoutRunStatus, PayoutStatus } from '../runs/payout-status.js';

@InputType('CreatePayoutRunInput')
export class CreatePayoutRunInput {
  @Field({ description: 'ISO 4217 code: the run pays commissions in this currency only.' })
  @IsString()
  @Matches(/^[A-Za-z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code such as USD' })
  currency!: string;

  @Field(() => Date, { nullable: true, description: 'Pays commissions approved up to this instant (default: now).' })
  @IsOptional()
  @IsDate()
  cutoff?: Date | null;
}

@ObjectType('PayoutRun', { description: 'Every payable creator in one currency, paid together.' })
export class PayoutRunModel {
  @Field(() => ID)
  id!: string;

  @Field()
  currency!: string;

  @Field()
  cutoff!: Date;

  @Field(() => PayoutRunStatus)
  status!: PayoutRunStatus;

  @Field(() => Int)
  payoutCount!: number;

  @Field(() => MoneyModel)
  total!: MoneyModel;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;
}

@ObjectType('Payout', { description: 'What one creator is paid in one run, as one Stripe transfer.' })
export class PayoutModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  runId!: string;

  @Field(() => ID)
  creatorId!: string;

  @Field(() => PayoutStatus)
  status!: PayoutStatus;

  @Field(() => MoneyModel, { description: 'What is transferred: gross less clawbacks.' })
  amount!: MoneyModel;

  @Field(() => MoneyModel, { description: 'The approved commissions it pays.' })
  gross!: MoneyModel;

  @Field(() => MoneyModel, { description: 'The clawbacks it settles.' })
  clawbacks!: MoneyModel;

  @Field(() => MoneyModel, { description: 'What Stripe took back of the transfer afterwards.' })
  reversed!: MoneyModel;

  @Field(() => String, { nullable: true })
  stripeTransferId!: string | null;

  @Field(() => String, { nullable: true, description: 'Why Stripe refused it (a Stripe error code).' })
  failureCode!: string | null;

  @Field(() => String, { nullable: true })
  failureMessage!: string | null;

  @Field(() => Int)
  attempts!: number;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  sentAt!: Date | null;

  @Field(() => Date, { nullable: true })
  failedAt!: Date | null;
}

@ObjectType('PayoutExclusion', { description: 'A creator a run left out (or paid in part), and why.' })
export class PayoutExclusionModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  creatorId!: string;

  @Field(() => PayoutExclusionReason)
  reason!: PayoutExclusionReason;

  @Field(() => MoneyModel, { description: 'The commissions left out, net.' })
  amount!: MoneyModel;

  @Field(() => Int)
  commissionCount!: number;
}

@ObjectType('FundingRequest', { description: 'A request that a brand pay for its approved commissions and fees.' })
export class FundingRequestModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  organizationId!: string;

  @Field(() => MoneyModel)
  amount!: MoneyModel;

  @Field(() => FundingRequestStatus)
  status!: FundingRequestStatus;

  @Field(() => String, { nullable: true, description: 'The PaymentIntent the brand pays.' })
  stripePaymentIntentId!: string | null;

  @Field(() => String, { nullable: true, description: 'For Stripe.js on the brand’s checkout; only in the answer that created the request.' })
  clientSecret!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the last payment attempt failed.' })
  failureMessage!: string | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  succeededAt!: Date | null;
}

@ObjectType('Earnings', { description: 'Where a creator’s money stands, in one currency.' })
export class EarningsModel {
  @Field()
  currency!: string;

  @Field(() => MoneyModel, { description: 'Inside the hold window, on hold or under review.' })
  pending!: MoneyModel;

  @Field(() => MoneyModel, { description: 'Hold window over; waiting for finance.' })
  eligible!: MoneyModel;

  @Field(() => MoneyModel, { description: 'Approved, waiting for (or in) a payout.' })
  approved!: MoneyModel;

  @Field(() => MoneyModel, { description: 'Paid out, net of settled clawbacks.' })
  paid!: MoneyModel;

  @Field(() => MoneyModel, { description: 'Refunds after payout still to be netted against the next payout.' })
  clawbackOutstanding!: MoneyModel;
}

@ObjectType()
export class PayoutRunConnection extends Connection(PayoutRunModel, 'PayoutRun') {}

@ObjectType()
export class PayoutConnection extends Connection(PayoutModel, 'Payout') {}

@ObjectType()
export class PayoutExclusionConnection extends Connection(PayoutExclusionModel, 'PayoutExclusion') {}

/** A payout's commissions (no totals: the payout's own amounts are them). */
@ObjectType()
export class PayoutCommissionConnection extends Connection(CommissionModel, 'PayoutCommission') {}

@ObjectType()
export class FundingRequestConnection extends Connection(FundingRequestModel, 'FundingRequest') {}

@ArgsType()
export class FundingRequestsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Finance: one brand’s requests. Brands always see their own.' })
  @IsOptional()
  organizationId?: string | null;
}

import { CommissionStatus, MoneyTotalModel } from '@app/commissions';
import { CsvExport, MaxItems, MoneyModel } from '@app/core';
import { PayoutRunStatus } from '@app/payouts';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

/** The most payout runs and owing brands the summary lists. */
export const FINANCE_LIST_LIMIT = 200;

@ObjectType({ description: 'Commissions of one status and currency.' })
export class CommissionStatusTotal {
  @Field(() => CommissionStatus)
  status!: CommissionStatus;

  @Field()
  currency!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => MoneyModel)
  amount!: MoneyModel;
}

@ObjectType({ description: 'A payout run and how its payouts stand.' })
export class PayoutRunSummary {
  @Field(() => ID)
  runId!: string;

  @Field()
  currency!: string;

  @Field(() => PayoutRunStatus)
  status!: PayoutRunStatus;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;

  @Field(() => Int)
  payoutCount!: number;

  @Field(() => MoneyModel)
  total!: MoneyModel;

  @Field(() => Int)
  sent!: number;

  @Field(() => Int)
  pending!: number;

  @Field(() => Int)
  failed!: number;
}

@ObjectType({ description: 'What a brand owes in one currency and has neither paid nor been asked to pay (approved commissions and fees).' })
export class FundingOwed {
  @Field(() => ID)
  organizationId!: string;

  @Field()
  organizationName!: string;

  @Field(() => MoneyModel)
  owed!: MoneyModel;
}

@ObjectType({ description: 'Money across the platform, for finance. Days are UTC.' })
export class FinanceSummary {
  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field(() => [CommissionStatusTotal], { description: 'Commissions of orders placed in the range, by status and currency.' })
  commissions!: CommissionStatusTotal[];

  @Field(() => [PayoutRunSummary], { description: 'Payout runs made in the range, newest first, at most 200.' })
  @MaxItems(FINANCE_LIST_LIMIT)
  payoutRuns!: PayoutRunSummary[];

  @Field({ description: 'Whether the range holds more payout runs than listed.' })
  payoutRunsTruncated!: boolean;

  @Field(() => [MoneyTotalModel], { description: 'Clawbacks not yet netted against a payout (today), per currency; sums are negative.' })
  outstandingClawbacks!: MoneyTotalModel[];

  @Field(() => [FundingOwed], { description: 'Brands owing unfunded money (today), largest first, at most 200.' })
  @MaxItems(FINANCE_LIST_LIMIT)
  fundingOwed!: FundingOwed[];

  @Field({ description: 'Whether more brands owe money than listed.' })
  fundingOwedTruncated!: boolean;
}

@ObjectType('FinanceSummaryExport', { description: 'The finance summary as CSV.' })
export class FinanceSummaryExport extends CsvExport {
  @Field({
    description:
      'UTF-8 CSV with a header row: section, id, name, status, currency, count, amount, created_at. Sections: COMMISSIONS (by status and currency), ' +
      'PAYOUT_RUN (one per run: id, status, currency, payout count, total), CLAWBACKS (outstanding, per currency) and FUNDING_OWED (id and name of the brand). ' +
      'Amounts in major units.',
  })
  csv!: string;
}

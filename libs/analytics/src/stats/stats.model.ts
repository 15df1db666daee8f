import { MaxItems, MoneyModel, toMoneyModel } from '@app/core';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { CurrencyMetrics, PeriodMetrics } from './metrics.js';
import type { ReadableCampaign } from './stats-access.js';
import { MAX_RANGE_DAYS, StatsGranularity } from './stats-range.js';

/**
 * The currencies one report is expected to hold, for the query cost estimate only: a brand
 * or creator sells in a handful. Nothing is cut when there are more.
 */
export const EXPECTED_REPORT_CURRENCIES = 5;

@ObjectType({ description: 'Sales and commission figures in one currency. Amounts of different currencies are never added together.' })
export class CurrencyStats {
  @Field({ description: 'ISO 4217 code of every amount here.' })
  currency!: string;

  @Field(() => Int)
  orders!: number;

  @Field(() => MoneyModel, { description: 'Merchandise sold, net of discounts, before refunds.' })
  grossRevenue!: MoneyModel;

  @Field(() => MoneyModel, { description: 'Gross revenue less refunds and cancellations.' })
  netRevenue!: MoneyModel;

  @Field(() => MoneyModel, { nullable: true, description: 'Gross revenue per order (half-even); null without orders.' })
  averageOrderValue!: MoneyModel | null;

  @Field(() => Int, { description: 'Orders refunded in part or whole, or cancelled.' })
  refunds!: number;

  @Field(() => Float, { nullable: true, description: 'Refunded orders per order (0.25 is 25%); null without orders.' })
  refundRate!: number | null;

  @Field(() => MoneyModel)
  refundedAmount!: MoneyModel;

  @Field(() => MoneyModel, { description: 'Commissions not decided yet (pending, eligible, on hold, awaiting a second review).' })
  commissionsPending!: MoneyModel;

  @Field(() => MoneyModel, { description: 'Commissions approved, or in a payout being sent.' })
  commissionsApproved!: MoneyModel;

  @Field(() => MoneyModel)
  commissionsPaid!: MoneyModel;

  @Field(() => MoneyModel, { description: "Pending, approved and paid commissions together: the creators' earnings." })
  commissions!: MoneyModel;

  @Field(() => MoneyModel, { description: 'Platform fees on the commissions.' })
  fees!: MoneyModel;

  @Field(() => MoneyModel, { nullable: true, description: 'Commissions per unique click (half-even); null without unique clicks.' })
  earningsPerClick!: MoneyModel | null;

  @Field(() => MoneyModel, { description: 'Commissions and fees: what the sales cost the brand.' })
  costOfSale!: MoneyModel;

  @Field(() => Float, { nullable: true, description: 'Net revenue per unit of cost of sale; null when nothing was spent.' })
  returnOnSpend!: number | null;
}

@ObjectType({ description: 'Clicks and sales over a range of days: clicks and orders across currencies, money per currency.' })
export class StatsFigures {
  @Field(() => Int, { description: 'Clicks by people (bots excluded).' })
  clicks!: number;

  @Field(() => Int, { description: "Each visitor's first click on a link within an hour." })
  uniqueClicks!: number;

  @Field(() => Int, { description: 'Clicks recognized as bots, never counted in clicks.' })
  botClicks!: number;

  @Field(() => Int, { description: 'Orders in every currency.' })
  orders!: number;

  @Field(() => Float, { nullable: true, description: 'Orders per unique click; null without unique clicks.' })
  conversionRate!: number | null;

  @Field(() => [CurrencyStats], { description: 'One entry per currency sold in, alphabetical.' })
  @MaxItems(EXPECTED_REPORT_CURRENCIES)
  byCurrency!: CurrencyStats[];
}

@ObjectType({ description: 'One bucket of a series: a day, a week or a month, cut to the requested range.' })
export class StatsPeriod extends StatsFigures {
  @Field({ description: 'First day of the bucket inside the range, YYYY-MM-DD.' })
  start!: string;

  @Field({ description: 'Last day of the bucket inside the range, YYYY-MM-DD.' })
  end!: string;
}

@ObjectType({ isAbstract: true })
export abstract class StatsReport {
  @Field({ description: 'First day of the range, YYYY-MM-DD.' })
  from!: string;

  @Field({ description: 'Last day of the range (included), YYYY-MM-DD.' })
  to!: string;

  @Field(() => StatsGranularity)
  granularity!: StatsGranularity;

  @Field(() => StatsFigures, { description: 'The whole range.' })
  total!: StatsFigures;

  @Field(() => [StatsPeriod], { description: 'Every bucket of the range in order, including those with no activity.' })
  @MaxItems(MAX_RANGE_DAYS)
  series!: StatsPeriod[];
}

@ObjectType({ description: "A campaign's budget and what its commissions have used of it, in the campaign's currency." })
export class CampaignBudget {
  @Field(() => MoneyModel)
  total!: MoneyModel;

  @Field(() => MoneyModel, { description: 'Live commissions counted against the budget (the same sum that holds new ones as BUDGET_EXHAUSTED).' })
  used!: MoneyModel;

  @Field(() => MoneyModel, { description: 'Total less used, never below zero.' })
  remaining!: MoneyModel;
}

@ObjectType({ description: "A campaign's clicks and sales, by days of its brand's time zone." })
export class CampaignStats extends StatsReport {
  @Field(() => ID)
  campaignId!: string;

  @Field({ description: "The brand's IANA time zone the days are counted in." })
  timeZone!: string;

  @Field({ description: "The campaign's currency." })
  currency!: string;

  /** The campaign as read for this report, for the fields resolved only when asked (budget). Not a GraphQL field. */
  campaign!: ReadableCampaign;
}

@ObjectType({ description: "The calling creator's own clicks, sales and earnings (the commissions of each period)." })
export class CreatorStats extends StatsReport {
  @Field(() => ID)
  creatorId!: string;

  @Field(() => ID, { nullable: true })
  campaignId!: string | null;

  @Field(() => ID, { nullable: true })
  enrollmentId!: string | null;
}

@ObjectType({ description: "One referral link's clicks and the sales it brought." })
export class LinkStats extends StatsReport {
  @Field(() => ID)
  linkId!: string;

  @Field(() => ID)
  campaignId!: string;

  @Field()
  timeZone!: string;
}

@ObjectType({ description: "One discount code's sales (codes have no clicks: click figures are zero)." })
export class CodeStats extends StatsReport {
  @Field(() => ID)
  codeId!: string;

  @Field(() => ID)
  campaignId!: string;

  @Field()
  timeZone!: string;
}

/** A currency's figures as GraphQL reads them: each amount becomes a Money model only when a query asks for it. */
class CurrencyStatsView implements CurrencyStats {
  constructor(private readonly metrics: CurrencyMetrics) {}

  get currency(): string {
    return this.metrics.currency;
  }
  get orders(): number {
    return this.metrics.orders;
  }
  get grossRevenue(): MoneyModel {
    return toMoneyModel(this.metrics.grossRevenue);
  }
  get netRevenue(): MoneyModel {
    return toMoneyModel(this.metrics.netRevenue);
  }
  get averageOrderValue(): MoneyModel | null {
    const value = this.metrics.averageOrderValue;
    return value && toMoneyModel(value);
  }
  get refunds(): number {
    return this.metrics.refunds;
  }
  get refundRate(): number | null {
    return this.metrics.refundRate;
  }
  get refundedAmount(): MoneyModel {
    return toMoneyModel(this.metrics.refundedAmount);
  }
  get commissionsPending(): MoneyModel {
    return toMoneyModel(this.metrics.commissionsPending);
  }
  get commissionsApproved(): MoneyModel {
    return toMoneyModel(this.metrics.commissionsApproved);
  }
  get commissionsPaid(): MoneyModel {
    return toMoneyModel(this.metrics.commissionsPaid);
  }
  get commissions(): MoneyModel {
    return toMoneyModel(this.metrics.commissions);
  }
  get fees(): MoneyModel {
    return toMoneyModel(this.metrics.fees);
  }
  get earningsPerClick(): MoneyModel | null {
    const value = this.metrics.earningsPerClick;
    return value && toMoneyModel(value);
  }
  get costOfSale(): MoneyModel {
    return toMoneyModel(this.metrics.costOfSale);
  }
  get returnOnSpend(): number | null {
    return this.metrics.returnOnSpend;
  }
}

export function toCurrencyStats(metrics: CurrencyMetrics): CurrencyStats {
  return new CurrencyStatsView(metrics);
}

/** A period's figures as GraphQL reads them, each derived only when a query asks for it. */
class StatsFiguresView implements StatsFigures {
  constructor(private readonly metrics: PeriodMetrics) {}

  get clicks(): number {
    return this.metrics.clicks;
  }
  get uniqueClicks(): number {
    return this.metrics.uniqueClicks;
  }
  get botClicks(): number {
    return this.metrics.botClicks;
  }
  get orders(): number {
    return this.metrics.orders;
  }
  get conversionRate(): number | null {
    return this.metrics.conversionRate;
  }
  get byCurrency(): CurrencyStats[] {
    return this.metrics.byCurrency.map(toCurrencyStats);
  }
}

class StatsPeriodView extends StatsFiguresView implements StatsPeriod {
  constructor(
    metrics: PeriodMetrics,
    readonly start: string,
    readonly end: string,
  ) {
    super(metrics);
  }
}

export function toStatsFigures(metrics: PeriodMetrics): StatsFigures {
  return new StatsFiguresView(metrics);
}

export function toStatsPeriod(period: { start: string; end: string; metrics: PeriodMetrics }): StatsPeriod {
  return new StatsPeriodView(period.metrics, period.start, period.end);
}

import { Connection, CsvExport, MoneyModel } from '@app/core';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum LeaderboardOrder {
  /** Net revenue in the campaign's currency. */
  NET_REVENUE = 'NET_REVENUE',
  /** Orders per unique click. */
  CONVERSION_RATE = 'CONVERSION_RATE',
  /** Commissions in the campaign's currency per unique click. */
  EPC = 'EPC',
}

registerEnumType(LeaderboardOrder, { name: 'LeaderboardOrder', description: "What ranks a campaign's creators, highest first (ties by enrollment)." });

@ObjectType({ description: "One creator's place in a campaign's leaderboard; money in the campaign's currency." })
export class LeaderboardEntry {
  @Field(() => Int, { description: '1 for the first place.' })
  rank!: number;

  @Field(() => ID)
  enrollmentId!: string;

  @Field(() => ID)
  creatorId!: string;

  @Field(() => Int)
  clicks!: number;

  @Field(() => Int)
  uniqueClicks!: number;

  @Field(() => Int, { description: 'Orders in every currency.' })
  orders!: number;

  @Field(() => Float, { nullable: true, description: 'Orders per unique click; null without unique clicks.' })
  conversionRate!: number | null;

  @Field(() => MoneyModel, { description: "Net revenue in the campaign's currency." })
  netRevenue!: MoneyModel;

  @Field(() => MoneyModel, { nullable: true, description: "Commissions in the campaign's currency per unique click; null without unique clicks." })
  earningsPerClick!: MoneyModel | null;
}

@ObjectType()
export class LeaderboardEntryConnection extends Connection(LeaderboardEntry) {}

@ObjectType('LeaderboardExport', { description: "A campaign's leaderboard as CSV." })
export class LeaderboardExport extends CsvExport {
  @Field({
    description:
      'UTF-8 CSV with a header row, one row per creator by rank: rank, enrollment_id, creator_id, creator, clicks, unique_clicks, orders, conversion_rate, ' +
      'currency, net_revenue, earnings_per_click (amounts in major units).',
  })
  csv!: string;
}

import { CsvExport } from '@app/core';
import { Field, ObjectType } from '@nestjs/graphql';

const COLUMNS =
  'period_start, period_end, clicks, unique_clicks, bot_clicks, conversion_rate, currency, orders, gross_revenue, net_revenue, average_order_value, refunds, ' +
  'refund_rate, refunded_amount, commissions_pending, commissions_approved, commissions_paid, fees, earnings_per_click, cost_of_sale, return_on_spend';

@ObjectType('StatsExport', { description: 'A stats series as CSV.' })
export class StatsExport extends CsvExport {
  @Field({
    description:
      `UTF-8 CSV with a header row, one row per period and currency, oldest first: ${COLUMNS}. ` +
      'Clicks, unique clicks, bot clicks and the conversion rate are of the whole period and repeat on each currency row of it; a period without ' +
      'sales has one row with an empty currency. Amounts are in major units of the row currency.',
  })
  csv!: string;
}

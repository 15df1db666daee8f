import { type Actor, CurrentActor, Role, Roles } from '@app/core';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { FinanceSummary, FinanceSummaryExport } from '../stats/finance-summary.model.js';
import { FinanceSummaryService } from '../stats/finance-summary.service.js';

const FROM = { description: 'First day, YYYY-MM-DD (UTC).' };
const TO = { description: 'Last day (included), YYYY-MM-DD (UTC); at most 366 days after from.' };

@Resolver(() => FinanceSummary)
export class FinanceSummaryResolver {
  constructor(private readonly finance: FinanceSummaryService) {}

  @Query(() => FinanceSummary, { description: 'Commissions by status and currency, payout runs, open clawbacks and unfunded brand balances.' })
  @Roles(Role.FINANCE, Role.ADMIN)
  financeSummary(@CurrentActor() actor: Actor, @Args('from', FROM) from: string, @Args('to', TO) to: string): Promise<FinanceSummary> {
    return this.finance.summary(actor, from, to);
  }

  @Query(() => FinanceSummaryExport, { description: 'The finance summary as CSV.' })
  @Roles(Role.FINANCE, Role.ADMIN)
  exportFinanceSummary(@CurrentActor() actor: Actor, @Args('from', FROM) from: string, @Args('to', TO) to: string): Promise<FinanceSummaryExport> {
    return this.finance.exportSummary(actor, from, to);
  }
}

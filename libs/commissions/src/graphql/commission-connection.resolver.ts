import { MoneyTotalModel } from '../queries/money-total.model.js';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CommissionConnection } from '../queries/commission.model.js';
import { CommissionTotalsService } from '../queries/commission-totals.service.js';

@Resolver(() => CommissionConnection)
export class CommissionConnectionResolver {
  constructor(private readonly totalsService: CommissionTotalsService) {}

  @ResolveField(() => [MoneyTotalModel], {
    description: 'Count and sum per currency of every commission the filter selects, not only this page; computed only when asked for.',
  })
  totals(@Parent() connection: CommissionConnection): Promise<MoneyTotalModel[]> {
    return this.totalsService.totals(connection.criteria);
  }
}

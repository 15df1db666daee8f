import { type MoneyTotalModel, toMoneyTotalModel } from './money-total.model.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type CommissionCriteria, commissionQuery } from './commission-filter.js';

/**
 * How many commissions a filter selects and what they add up to, per currency, over all of
 * them rather than one page: one aggregate over the list's own WHERE. Amounts of different
 * currencies are never added together.
 */
@Injectable()
export class CommissionTotalsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async totals(criteria: CommissionCriteria): Promise<MoneyTotalModel[]> {
    const rows = await commissionQuery(this.db.manager, criteria)
      .select('c.currency', 'currency')
      .addSelect('count(*)::int', 'count')
      .addSelect('sum(c.amountMinor)::text', 'sum')
      .groupBy('c.currency')
      .orderBy('c.currency', 'ASC')
      .getRawMany<{ currency: string; count: number; sum: string }>();
    return rows.map((row) => toMoneyTotalModel(row.currency, row.count, BigInt(row.sum)));
  }
}

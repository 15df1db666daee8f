import { type Actor, BadUserInputException, csvRow, minorToDecimal } from '@app/core';
import { CreatorProfileService } from '@app/creators';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { CommissionEntity } from '../lifecycle/commission.entity.js';
import type { CommissionFilter } from './commission.model.js';
import { commissionCriteria, commissionQuery } from './commission-filter.js';
import type { CommissionExport } from './commission-export.model.js';

/** The most commissions one export holds; more is a month or a brand at a time. */
export const MAX_EXPORT_ROWS = 50_000;
const EXPORT_BATCH = 2_000;

export const EXPORT_HEADER = [
  'id',
  'organization',
  'campaign',
  'creator',
  'order',
  'kind',
  'status',
  'currency',
  'amount',
  'ordered_at',
  'eligible_at',
  'approved_at',
  'paid_at',
  'hold_reasons',
] as const;

interface Names {
  organizations: Map<string, string>;
  campaigns: Map<string, string>;
  creators: Map<string, string>;
  orders: Map<string, string>;
}

const iso = (at: Date | null) => (at ? at.toISOString() : null);

/**
 * Commissions as CSV, oldest first, for the books: whoever may list them may export them,
 * with the same filter. Read in batches inside one read-only REPEATABLE READ transaction,
 * so the file is one consistent picture and its row count is the rows it holds.
 */
@Injectable()
export class CommissionExportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly profiles: CreatorProfileService,
  ) {}

  async export(actor: Actor, filter: CommissionFilter | undefined): Promise<CommissionExport> {
    const criteria = await commissionCriteria(this.db, this.profiles, actor, filter);
    return this.db.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      const total = await commissionQuery(manager, criteria).getCount();
      if (total > MAX_EXPORT_ROWS) {
        throw new BadUserInputException('filter', `${total} commissions match; export at most ${MAX_EXPORT_ROWS} at a time (narrow filter.from and filter.to, or filter by organization)`);
      }
      let csv = csvRow([...EXPORT_HEADER]);
      let afterId: string | undefined;
      for (;;) {
        const query = commissionQuery(manager, criteria);
        if (afterId) query.andWhere('c.id > :afterId', { afterId });
        const rows = await query.orderBy('c.id', 'ASC').take(EXPORT_BATCH).getMany();
        if (rows.length === 0) break;
        const names = await this.names(manager, rows);
        csv += rows.map((row) => this.line(row, names)).join('');
        afterId = rows.at(-1)!.id;
      }
      const stamp = new Date().toISOString().slice(0, 10);
      return { filename: `commissions-${stamp}.csv`, contentType: 'text/csv; charset=utf-8', rowCount: total, csv };
    });
  }

  private line(row: CommissionEntity, names: Names): string {
    return csvRow([
      row.id,
      names.organizations.get(row.organizationId) ?? null,
      names.campaigns.get(row.campaignId) ?? null,
      names.creators.get(row.creatorId) ?? null,
      names.orders.get(row.orderId) ?? null,
      row.kind,
      row.status,
      row.currency,
      minorToDecimal(row.amountMinor, row.currency),
      iso(row.orderedAt),
      iso(row.eligibleAt),
      iso(row.approvedAt),
      iso(row.paidAt),
      row.holdReasons.join(';'),
    ]);
  }

  /** What people call the batch's brands, campaigns, creators and orders (the shop's order number), in one statement. */
  private async names(manager: EntityManager, rows: readonly CommissionEntity[]): Promise<Names> {
    const found: { kind: keyof Names; id: string; name: string }[] = await manager.query(
      `SELECT 'organizations' AS kind, id, name FROM organizations WHERE id = ANY($1::uuid[])
       UNION ALL SELECT 'campaigns', id, title FROM campaigns WHERE id = ANY($2::uuid[])
       UNION ALL SELECT 'creators', id, display_name FROM creator_profiles WHERE id = ANY($3::uuid[])
       UNION ALL SELECT 'orders', id, external_id FROM orders WHERE id = ANY($4::uuid[])`,
      [
        [...new Set(rows.map((row) => row.organizationId))],
        [...new Set(rows.map((row) => row.campaignId))],
        [...new Set(rows.map((row) => row.creatorId))],
        [...new Set(rows.map((row) => row.orderId))],
      ],
    );
    const names: Names = { organizations: new Map(), campaigns: new Map(), creators: new Map(), orders: new Map() };
    for (const row of found) names[row.kind].set(row.id, row.name);
    return names;
  }
}

import { CampaignEntity, DiscountType } from '@app/campaigns';
import { type Actor, type AppConfig, type ConnectionShape, csvRow, currencyDigits, InjectConfig, paginate, pageRequest, type PageArgs } from '@app/core';
import { CreatorProfileEntity, CreatorProfileService } from '@app/creators';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { participationOf } from '../participation.js';
import { discountCodeNotFound, TrackingErrorCode, TrackingException } from '../tracking.exception.js';
import { applyScope, assertCampaignInScope, trackingScope, type TrackingScope } from '../tracking-scope.js';
import { DiscountCodeEntity } from './discount-code.entity.js';
import type { DiscountCodeFilter } from './discount-code.inputs.js';
import { codeState, toDiscountCode } from './discount-code.mappers.js';
import type { DiscountCode, DiscountCodeExport } from './discount-code.model.js';

/** The most codes one export holds: a store import of more is better split by campaign. */
export const MAX_EXPORT_ROWS = 50_000;
const EXPORT_BATCH = 2_000;

const EXPORT_HEADER = ['code', 'discount_type', 'percent_off', 'amount_off', 'currency', 'status', 'campaign', 'campaign_slug', 'creator', 'created_at'];

/** A decimal string of `value / 10^digits`, exactly: 1250 with 2 digits is "12.50". */
function decimal(value: bigint | number, digits: number): string {
  const raw = BigInt(value).toString().padStart(digits + 1, '0');
  return digits === 0 ? raw : `${raw.slice(0, -digits)}.${raw.slice(-digits)}`;
}

/** Reading discount codes: a brand its organization's, a creator their own, platform staff all. */
@Injectable()
export class DiscountCodeQueryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly profiles: CreatorProfileService,
  ) {}

  async get(actor: Actor, id: string): Promise<DiscountCode> {
    const scope = await trackingScope(actor, this.profiles);
    const row = await applyScope(this.db.getRepository(DiscountCodeEntity).createQueryBuilder('d').where('d.id = :id', { id }), scope).getOne();
    if (!row) throw discountCodeNotFound(id);
    return (await this.present([row]))[0]!;
  }

  async list(actor: Actor, filter: DiscountCodeFilter | undefined, args: PageArgs): Promise<ConnectionShape<DiscountCode>> {
    const scope = await trackingScope(actor, this.profiles);
    const connection = await paginate(await this.query(scope, filter), pageRequest(args, this.config.graphql), { direction: 'DESC' });
    const codes = await this.present(connection.edges.map((edge) => edge.node));
    return { pageInfo: connection.pageInfo, edges: connection.edges.map((edge, i) => ({ cursor: edge.cursor, node: codes[i]! })) };
  }

  /** Codes as CSV, oldest first, to create them in a store: brand teams and platform staff. */
  async export(actor: Actor, filter: DiscountCodeFilter | undefined): Promise<DiscountCodeExport> {
    const scope = await trackingScope(actor, this.profiles);
    if (scope.kind === 'creator') throw new TrackingException(TrackingErrorCode.NotAllowed, 'Only brand teams export discount codes');
    const total = await (await this.query(scope, filter)).getCount();
    if (total > MAX_EXPORT_ROWS) {
      throw new TrackingException(TrackingErrorCode.InvalidInput, `${total} codes match; export at most ${MAX_EXPORT_ROWS} at a time (filter by campaign)`, { field: 'filter' });
    }
    let csv = csvRow(EXPORT_HEADER);
    let afterId: string | undefined;
    for (;;) {
      const query = await this.query(scope, filter);
      if (afterId) query.andWhere('d.id > :afterId', { afterId });
      const rows = await query.orderBy('d.id', 'ASC').take(EXPORT_BATCH).getMany();
      if (rows.length === 0) break;
      csv += await this.csvRows(rows);
      afterId = rows.at(-1)!.id;
    }
    const stamp = new Date().toISOString().slice(0, 10);
    return { filename: `discount-codes-${stamp}.csv`, contentType: 'text/csv; charset=utf-8', rowCount: total, csv };
  }

  private async query(scope: TrackingScope, filter: DiscountCodeFilter = {}) {
    if (filter.campaignId) await assertCampaignInScope(this.db, scope, filter.campaignId);
    const query = applyScope(this.db.getRepository(DiscountCodeEntity).createQueryBuilder('d'), scope);
    if (filter.campaignId) query.andWhere('d.campaignId = :campaignId', { campaignId: filter.campaignId });
    if (filter.enrollmentId) query.andWhere('d.enrollmentId = :enrollmentId', { enrollmentId: filter.enrollmentId });
    if (filter.creatorId) query.andWhere('d.creatorId = :creatorId', { creatorId: filter.creatorId });
    return query;
  }

  private async csvRows(rows: DiscountCodeEntity[]): Promise<string> {
    const [participation, campaigns, creators] = await Promise.all([
      participationOf(this.db, rows.map((row) => row.enrollmentId)),
      this.db.getRepository(CampaignEntity).find({ where: { id: In([...new Set(rows.map((row) => row.campaignId))]) }, select: { id: true, title: true, slug: true } }),
      this.db.getRepository(CreatorProfileEntity).find({ where: { id: In([...new Set(rows.map((row) => row.creatorId))]) }, select: { id: true, displayName: true } }),
    ]);
    const campaignById = new Map(campaigns.map((campaign) => [campaign.id, campaign]));
    const creatorById = new Map(creators.map((creator) => [creator.id, creator]));
    return rows
      .map((row) => {
        const campaign = campaignById.get(row.campaignId);
        const percent = row.discountType === DiscountType.PERCENTAGE ? decimal(row.percentBps!, 2) : null;
        const amount = row.discountType === DiscountType.FIXED_AMOUNT ? decimal(row.amountMinor!, currencyDigits(row.currency)) : null;
        return csvRow([
          row.code,
          row.discountType,
          percent,
          amount,
          row.currency,
          codeState(row, participation.get(row.enrollmentId)),
          campaign?.title ?? null,
          campaign?.slug ?? null,
          creatorById.get(row.creatorId)?.displayName ?? null,
          row.createdAt.toISOString(),
        ]);
      })
      .join('');
  }

  private async present(rows: DiscountCodeEntity[]): Promise<DiscountCode[]> {
    const participation = await participationOf(this.db, rows.map((row) => row.enrollmentId));
    return rows.map((row) => toDiscountCode(row, participation.get(row.enrollmentId)));
  }
}

import { isPlatformStaff } from '@app/campaigns';
import { CommissionEntity, CommissionStatus, type CommissionModel, CommissionKind, toCommissionModel } from '@app/commissions';
import {
  type Actor,
  type AppConfig,
  type ConnectionShape,
  InjectConfig,
  isUuid,
  mapConnection,
  pageRequest,
  type PageArgs,
  paginate,
  type ParentPageKey,
  pagesByParent,
  Role,
  toConnection,
  toMoneyModel,
} from '@app/core';
import { CreatorProfileService } from '@app/creators';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { FundingRequestEntity } from '../funding/funding-request.entity.js';
import { PayoutsErrorCode, PayoutsException } from '../payouts.exception.js';
import { PayoutRunExclusionEntity } from '../runs/payout-run-exclusion.entity.js';
import { PayoutRunEntity } from '../runs/payout-run.entity.js';
import { PayoutEntity } from '../runs/payout.entity.js';
import type { EarningsModel, FundingRequestModel, PayoutExclusionModel, PayoutModel, PayoutRunModel } from './payout.models.js';

export function toPayoutRunModel(row: PayoutRunEntity): PayoutRunModel {
  return { ...row, total: toMoneyModel({ amountMinor: row.totalMinor, currency: row.currency }) };
}

export function toPayoutModel(row: PayoutEntity): PayoutModel {
  const money = (amountMinor: bigint) => toMoneyModel({ amountMinor, currency: row.currency });
  return {
    id: row.id,
    runId: row.runId,
    creatorId: row.creatorId,
    status: row.status,
    amount: money(row.amountMinor),
    gross: money(row.grossMinor),
    clawbacks: money(row.clawbackMinor),
    reversed: money(row.reversedMinor),
    stripeTransferId: row.stripeTransferId,
    failureCode: row.failureCode,
    failureMessage: row.failureMessage,
    attempts: row.attempts,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
    failedAt: row.failedAt,
  };
}

export function toFundingRequestModel(row: FundingRequestEntity, clientSecret: string | null = null): FundingRequestModel {
  return { ...row, amount: toMoneyModel({ amountMinor: row.amountMinor, currency: row.currency }), clientSecret };
}

function toExclusionModel(row: PayoutRunExclusionEntity, currency: string): PayoutExclusionModel {
  return { id: row.id, creatorId: row.creatorId, reason: row.reason, amount: toMoneyModel({ amountMinor: row.amountMinor, currency }), commissionCount: row.commissionCount };
}

const payoutNotFound = (id: string) => new PayoutsException(PayoutsErrorCode.NotFound, `Payout ${id} not found`);

/**
 * Reading payouts: finance sees every run; a creator their own payouts and earnings; a
 * brand its own funding requests. Anything else is NOT_FOUND.
 */
@Injectable()
export class PayoutQueryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly profiles: CreatorProfileService,
  ) {}

  async runs(args: PageArgs): Promise<ConnectionShape<PayoutRunModel>> {
    const page = await paginate(this.db.getRepository(PayoutRunEntity).createQueryBuilder('r'), pageRequest(args, this.config.graphql), { direction: 'DESC' });
    return mapConnection(page, toPayoutRunModel);
  }

  async run(id: string): Promise<PayoutRunModel> {
    const row = isUuid(id) ? await this.db.getRepository(PayoutRunEntity).findOneBy({ id }) : null;
    if (!row) throw new PayoutsException(PayoutsErrorCode.NotFound, `Payout run ${id} not found`);
    return toPayoutRunModel(row);
  }

  async payoutsOfRuns(keys: readonly ParentPageKey[]): Promise<ConnectionShape<PayoutModel>[]> {
    return (await pagesByParent(this.db, PayoutEntity, 'runId', keys)).map((page) => mapConnection(page, toPayoutModel));
  }

  async exclusionsOfRuns(keys: readonly ParentPageKey[], currencies: ReadonlyMap<string, string>): Promise<ConnectionShape<PayoutExclusionModel>[]> {
    const pages = await pagesByParent(this.db, PayoutRunExclusionEntity, 'runId', keys);
    return pages.map((page, i) => mapConnection(page, (row) => toExclusionModel(row, currencies.get(keys[i]!.parentId)!)));
  }

  async myPayouts(actor: Actor, args: PageArgs): Promise<ConnectionShape<PayoutModel>> {
    const creatorId = (await this.profiles.findByUserId(actor.userId))?.id ?? null;
    const query = this.db.getRepository(PayoutEntity).createQueryBuilder('p');
    if (creatorId) query.where('p.creatorId = :creatorId', { creatorId });
    else query.where('false');
    return mapConnection(await paginate(query, pageRequest(args, this.config.graphql), { direction: 'DESC' }), toPayoutModel);
  }

  async payout(actor: Actor, id: string): Promise<PayoutModel> {
    const row = isUuid(id) ? await this.db.getRepository(PayoutEntity).findOneBy({ id }) : null;
    if (!row) throw payoutNotFound(id);
    if (!isPlatformStaff(actor) && !actor.roles.includes(Role.FINANCE)) {
      const creatorId = (await this.profiles.findByUserId(actor.userId))?.id;
      if (row.creatorId !== creatorId) throw payoutNotFound(id);
    }
    return toPayoutModel(row);
  }

  /** One page of each payout's commissions, in one query (oldest commission first). */
  async commissionsOfPayouts(keys: readonly ParentPageKey[]): Promise<ConnectionShape<CommissionModel>[]> {
    if (keys.length === 0) return [];
    const rows: { key_index: string; id: string }[] = await this.db.query(
      `SELECT k.key_index, c.id
         FROM unnest($1::uuid[], $2::uuid[], $3::int[]) WITH ORDINALITY AS k(payout_id, after_id, page_size, key_index)
         CROSS JOIN LATERAL (
           SELECT i.commission_id AS id FROM payout_items i
            WHERE i.payout_id = k.payout_id AND (k.after_id IS NULL OR i.commission_id > k.after_id)
            ORDER BY i.commission_id LIMIT k.page_size + 1
         ) c
        ORDER BY k.key_index, c.id`,
      [keys.map((k) => k.parentId), keys.map((k) => k.page.afterId ?? null), keys.map((k) => k.page.first)],
    );
    const entities = new Map((await this.db.getRepository(CommissionEntity).findBy({ id: In(rows.map((row) => row.id)) })).map((row) => [row.id, row] as const));
    const grouped = keys.map(() => [] as CommissionEntity[]);
    for (const row of rows) grouped[Number(row.key_index) - 1]!.push(entities.get(row.id)!);
    return grouped.map((list, i) => {
      const first = keys[i]!.page.first;
      return toConnection(list.slice(0, first).map(toCommissionModel), list.length > first, (node) => node.id);
    });
  }

  /** Where the creator's money stands, per currency, from their commissions. */
  async myEarnings(actor: Actor): Promise<EarningsModel[]> {
    const creatorId = (await this.profiles.findByUserId(actor.userId))?.id;
    if (!creatorId) return [];
    const rows: { currency: string; status: CommissionStatus; kind: CommissionKind; total: string }[] = await this.db.query(
      `SELECT currency, status, kind, sum(amount_minor) AS total FROM commissions WHERE creator_id = $1 GROUP BY currency, status, kind ORDER BY currency`,
      [creatorId],
    );
    const byCurrency = new Map<string, Record<'pending' | 'eligible' | 'approved' | 'paid' | 'clawbackOutstanding', bigint>>();
    for (const row of rows) {
      let totals = byCurrency.get(row.currency);
      if (!totals) byCurrency.set(row.currency, (totals = { pending: 0n, eligible: 0n, approved: 0n, paid: 0n, clawbackOutstanding: 0n }));
      const amount = BigInt(row.total);
      const bucket = earningsBucket(row.status, row.kind);
      if (bucket === 'clawbackOutstanding') totals.clawbackOutstanding -= amount;
      else if (bucket) totals[bucket] += amount;
    }
    return [...byCurrency].map(([currency, totals]) => {
      const money = (amountMinor: bigint) => toMoneyModel({ amountMinor, currency });
      return { currency, pending: money(totals.pending), eligible: money(totals.eligible), approved: money(totals.approved), paid: money(totals.paid), clawbackOutstanding: money(totals.clawbackOutstanding) };
    });
  }

  async fundingRequests(actor: Actor, organizationId: string | null | undefined, args: PageArgs): Promise<ConnectionShape<FundingRequestModel>> {
    const query = this.db.getRepository(FundingRequestEntity).createQueryBuilder('f');
    const staff = isPlatformStaff(actor) || actor.roles.includes(Role.FINANCE);
    const scope = staff ? organizationId : actor.organizationId;
    if (!staff && organizationId && organizationId !== actor.organizationId) throw new PayoutsException(PayoutsErrorCode.NotFound, `Organization ${organizationId} not found`);
    if (scope) query.where('f.organizationId = :scope', { scope });
    else if (!staff) query.where('false');
    return mapConnection(await paginate(query, pageRequest(args, this.config.graphql), { direction: 'DESC' }), (row) => toFundingRequestModel(row));
  }
}

/** Which figure of `Earnings` a commission counts in; null when it counts in none (rejected, reversed). */
function earningsBucket(status: CommissionStatus, kind: CommissionKind): 'pending' | 'eligible' | 'approved' | 'paid' | 'clawbackOutstanding' | null {
  if (kind === CommissionKind.CLAWBACK) {
    if (status === CommissionStatus.PAID) return 'paid';
    return status === CommissionStatus.APPROVED || status === CommissionStatus.IN_PAYOUT ? 'clawbackOutstanding' : null;
  }
  switch (status) {
    case CommissionStatus.PENDING:
    case CommissionStatus.ON_HOLD:
    case CommissionStatus.APPROVAL_PENDING_SECOND_REVIEW:
      return 'pending';
    case CommissionStatus.ELIGIBLE:
      return 'eligible';
    case CommissionStatus.APPROVED:
    case CommissionStatus.IN_PAYOUT:
      return 'approved';
    case CommissionStatus.PAID:
      return 'paid';
    default:
      return null;
  }
}

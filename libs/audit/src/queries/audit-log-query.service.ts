import {
  type Actor,
  AppException,
  type AppConfig,
  BadUserInputException,
  type ConnectionShape,
  csvRow,
  ErrorCode,
  hasAnyRole,
  InjectConfig,
  type PageArgs,
  pageRequest,
  Role,
  toConnection,
} from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AuditEntryEntity } from '../audit-entry.entity.js';
import { type AuditEntry, toAuditEntry } from '../audit.service.js';
import type { AuditLogExport, AuditLogFilter } from './audit-log.model.js';

/** The most entries one export holds; more is a narrower filter (a month, one brand, one record). */
export const MAX_AUDIT_EXPORT_ROWS = 50_000;
const EXPORT_BATCH = 2_000;

export const AUDIT_EXPORT_HEADER = [
  'created_at',
  'id',
  'organization_id',
  'actor_type',
  'actor_id',
  'action',
  'entity_type',
  'entity_id',
  'before',
  'after',
  'reason',
  'request_id',
] as const;

/** A filter checked for its caller, with the organization they are limited to (null: every entry). */
export interface AuditCriteria {
  readonly organizationId: string | null;
  readonly filter: Readonly<AuditLogFilter>;
}

/**
 * Checks `filter` for `actor`: finance and admins read every entry (and may name any
 * organization); a brand team reads its own organization's entries, and naming another
 * organization is NOT_FOUND, as if it did not exist; anyone else is FORBIDDEN.
 */
export function auditCriteria(actor: Actor, filter: AuditLogFilter = {}): AuditCriteria {
  if (filter.from && filter.to && filter.from > filter.to) {
    throw new BadUserInputException('filter.to', `filter.to (${filter.to.toISOString()}) must not be before filter.from (${filter.from.toISOString()})`);
  }
  if (hasAnyRole(actor, [Role.FINANCE, Role.ADMIN])) return { organizationId: null, filter: { ...filter } };
  if (actor.organizationId && hasAnyRole(actor, [Role.BRAND_ADMIN, Role.BRAND_MEMBER])) {
    if (filter.organizationId && filter.organizationId.toLowerCase() !== actor.organizationId) {
      throw new AppException(ErrorCode.NotFound, `Organization ${filter.organizationId} not found`);
    }
    return { organizationId: actor.organizationId, filter: { ...filter } };
  }
  throw new AppException(ErrorCode.Forbidden, 'Only a brand team, FINANCE or ADMIN may read the audit log');
}

/** The entries `criteria` selects, as `a`, unordered. */
export function auditQuery(manager: EntityManager, { organizationId, filter }: AuditCriteria): SelectQueryBuilder<AuditEntryEntity> {
  const query = manager.createQueryBuilder(AuditEntryEntity, 'a');
  const organization = organizationId ?? filter.organizationId;
  if (organization) query.andWhere('a.organizationId = :organization', { organization });
  if (filter.entityType) query.andWhere('a.entityType = :entityType', { entityType: filter.entityType });
  if (filter.entityId) query.andWhere('a.entityId = :entityId', { entityId: filter.entityId });
  if (filter.action) query.andWhere('a.action = :action', { action: filter.action });
  if (filter.actorType) query.andWhere('a.actorType = :actorType', { actorType: filter.actorType });
  if (filter.actorId) query.andWhere('a.actorId = :actorId', { actorId: filter.actorId });
  if (filter.from) query.andWhere('a.createdAt >= :from', { from: filter.from });
  if (filter.to) query.andWhere('a.createdAt < :to', { to: filter.to });
  return query;
}

/**
 * Newest first, after the entry `afterId` (if any). Entries of one transaction share
 * `created_at`, so the order is (created_at, id) and the cursor's position is read from
 * the entry itself: entries never change, so a cursor stays valid for good, and keeps
 * the microseconds a JavaScript date would drop.
 */
function newestFirst(query: SelectQueryBuilder<AuditEntryEntity>, afterId: string | undefined): SelectQueryBuilder<AuditEntryEntity> {
  if (afterId) {
    query.andWhere('(a.created_at, a.id) < (SELECT p.created_at, p.id FROM audit_log p WHERE p.id = :afterId)', { afterId });
  }
  return query.orderBy('a.createdAt', 'DESC').addOrderBy('a.id', 'DESC');
}

/** Reading the activity log: a page at a time, or as CSV. */
@Injectable()
export class AuditLogQueryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async list(actor: Actor, filter: AuditLogFilter | undefined, args: PageArgs): Promise<ConnectionShape<AuditEntry>> {
    const criteria = auditCriteria(actor, filter);
    const page = pageRequest(args, this.config.graphql);
    const rows = await newestFirst(auditQuery(this.db.manager, criteria), page.afterId)
      .limit(page.first + 1)
      .getMany();
    return toConnection(rows.slice(0, page.first).map(toAuditEntry), rows.length > page.first, (entry) => entry.id);
  }

  /**
   * The entries the filter selects as CSV, newest first, read in batches inside one
   * read-only REPEATABLE READ transaction, so the file is one consistent picture.
   */
  async export(actor: Actor, filter: AuditLogFilter | undefined): Promise<AuditLogExport> {
    const criteria = auditCriteria(actor, filter);
    return this.db.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      const total = await auditQuery(manager, criteria).getCount();
      if (total > MAX_AUDIT_EXPORT_ROWS) {
        throw new BadUserInputException('filter', `${total} entries match; export at most ${MAX_AUDIT_EXPORT_ROWS} at a time (narrow filter.from and filter.to, or filter by organization or record)`);
      }
      let csv = csvRow([...AUDIT_EXPORT_HEADER]);
      let afterId: string | undefined;
      for (;;) {
        const rows = await newestFirst(auditQuery(manager, criteria), afterId).limit(EXPORT_BATCH).getMany();
        if (rows.length === 0) break;
        csv += rows.map(line).join('');
        afterId = rows.at(-1)!.id;
      }
      const stamp = new Date().toISOString().slice(0, 10);
      return { filename: `audit-log-${stamp}.csv`, contentType: 'text/csv; charset=utf-8', rowCount: total, csv };
    });
  }
}

function line(row: AuditEntryEntity): string {
  return csvRow([
    row.createdAt.toISOString(),
    row.id,
    row.organizationId,
    row.actorType,
    row.actorId,
    row.action,
    row.entityType,
    row.entityId,
    row.before === null ? null : JSON.stringify(row.before),
    row.after === null ? null : JSON.stringify(row.after),
    row.reason,
    row.requestId,
  ]);
}

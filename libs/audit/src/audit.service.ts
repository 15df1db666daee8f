import { currentRequestId, insertRows, newId } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { AuditActor } from './audit-actor.js';
import { type JsonObject, redactPersonal, toJsonObject } from './audit-changes.js';
import { AuditEntryEntity } from './audit-entry.entity.js';

/** One change to record. `before` and `after` hold the changed fields only (see `changedFields`). */
export interface AuditEntryInput {
  actor: AuditActor;
  organizationId?: string | null;
  /** `<entity>.<what happened>`, e.g. `commission.status_changed`. */
  action: string;
  entityType: string;
  entityId: string;
  before?: Readonly<Record<string, unknown>> | null;
  after?: Readonly<Record<string, unknown>> | null;
  /** Why, in the actor's words or the rule's: "customer refunded", "SELF_REFERRAL". */
  reason?: string | null;
  /** Defaults to the id of the HTTP request being handled; a job has none. */
  requestId?: string | null;
}

/** An entry as read back. */
export interface AuditEntry {
  id: string;
  organizationId: string | null;
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId: string;
  before: JsonObject | null;
  after: JsonObject | null;
  reason: string | null;
  requestId: string | null;
  createdAt: Date;
}

/**
 * Writes the append-only activity log and reads it back. Entries go in through the
 * caller's transaction, so an entry exists exactly when the change it records was
 * committed: a rolled-back change leaves no entry, and no committed change lacks one.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Records one change, in the transaction `manager` belongs to. */
  async record(manager: EntityManager, entry: AuditEntryInput): Promise<void> {
    await this.recordMany(manager, [entry]);
  }

  /** Records several changes with one multi-row INSERT, in the transaction `manager` belongs to. */
  async recordMany(manager: EntityManager, entries: readonly AuditEntryInput[]): Promise<void> {
    // Outside a transaction the entry could commit while the change fails, or the reverse:
    // the log would then tell a story that did not happen.
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Audit entries are written in the transaction of the change they record: pass that transaction\'s EntityManager');
    }
    if (entries.length === 0) return;
    await insertRows(manager, AuditEntryEntity, entries.map(toRow));
  }

  /**
   * The entries of each record, oldest first, keyed by entity id; every requested id is a
   * key, with an empty list when nothing was recorded. One query, for request-scoped loaders.
   */
  async entriesFor(entityType: string, entityIds: readonly string[]): Promise<Map<string, AuditEntry[]>> {
    const ids = [...new Set(entityIds)];
    const byEntity = new Map<string, AuditEntry[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return byEntity;
    const rows = await this.db.getRepository(AuditEntryEntity).find({
      where: { entityType, entityId: In(ids) },
      // Entries of one transaction share created_at; their UUID v7 ids keep the order they were written in.
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    for (const row of rows) byEntity.get(row.entityId)?.push(toAuditEntry(row));
    return byEntity;
  }
}

function toRow(entry: AuditEntryInput): Omit<AuditEntryEntity, 'createdAt'> {
  for (const field of ['action', 'entityType', 'entityId'] as const) {
    if (entry[field].trim() === '') throw new Error(`An audit entry needs a ${field}`);
  }
  return {
    id: newId(),
    organizationId: entry.organizationId ?? null,
    actorType: entry.actor.type,
    actorId: entry.actor.id,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    // Personal values never reach the append-only log, so erasing a person needs no change to it.
    before: entry.before ? (redactPersonal(toJsonObject(entry.before)) as JsonObject) : null,
    after: entry.after ? (redactPersonal(toJsonObject(entry.after)) as JsonObject) : null,
    reason: entry.reason ?? null,
    requestId: entry.requestId ?? currentRequestId(),
  };
}

/** An entry as read back, from its row. */
export function toAuditEntry(row: AuditEntryEntity): AuditEntry {
  return {
    id: row.id,
    organizationId: row.organizationId,
    actor: { type: row.actorType, id: row.actorId },
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    reason: row.reason,
    requestId: row.requestId,
    createdAt: row.createdAt,
  };
}

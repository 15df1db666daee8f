import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { AuditActorType } from './audit-actor.js';
import type { JsonObject } from './audit-changes.js';

/**
 * One change to one record, written in the transaction that made it, and never changed or
 * removed afterwards (triggers refuse UPDATE, DELETE and TRUNCATE: see the `Sales` migration).
 * Entity ids are plain text with no foreign keys: the log knows no domain, and an entry
 * must outlive the record it describes.
 */
@Entity('audit_log')
@Index('ix_audit_log_entity', ['entityType', 'entityId', 'createdAt'])
@Index('ix_audit_log_organization', ['organizationId', 'createdAt'])
// Every entry newest first, for finance and admins reading the whole log.
@Index('ix_audit_log_created', ['createdAt', 'id'])
@Check('chk_audit_log_actor_type', `"actor_type" IN ('USER', 'API_KEY', 'SYSTEM')`)
export class AuditEntryEntity {
  /** UUID v7, so entries of one transaction (which share `created_at`) keep their order. */
  @PrimaryColumn('uuid')
  id!: string;

  /** The organization the record belongs to; null for platform-wide records such as users. */
  @Column('uuid', { nullable: true })
  organizationId!: string | null;

  @Column('text')
  actorType!: AuditActorType;

  /** The user id, the integration id, or the job name. */
  @Column('text', { nullable: true })
  actorId!: string | null;

  /** `<entity>.<what happened>`, e.g. `commission.status_changed`. */
  @Column('text')
  action!: string;

  @Column('text')
  entityType!: string;

  @Column('text')
  entityId!: string;

  /** The changed fields as they were; null when the record was created. */
  @Column('jsonb', { nullable: true })
  before!: JsonObject | null;

  /** The changed fields as they became; null when the record was removed. */
  @Column('jsonb', { nullable: true })
  after!: JsonObject | null;

  @Column('text', { nullable: true })
  reason!: string | null;

  /** Ties the entry to the request's logs. */
  @Column('text', { nullable: true })
  requestId!: string | null;

  /** The transaction's start time: every entry of one change shares it. */
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

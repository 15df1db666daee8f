import { AuditActorType } from '@app/audit';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { EntryKind } from './entry-kind.js';

/**
 * One business event in the ledger, with its postings. Entries are never changed or removed
 * (triggers refuse UPDATE, DELETE and TRUNCATE); a correction is a new entry. The postings
 * of an entry sum to zero per currency, which a deferred trigger checks at commit.
 */
@Entity('journal_entries')
@Index('ix_journal_entries_reference', ['referenceType', 'referenceId', 'createdAt'])
@Check(
  'chk_journal_entries_kind',
  `"kind" IN ('COMMISSION_APPROVED', 'COMMISSION_ADJUSTED', 'COMMISSION_REVERSED', 'CLAWBACK', 'BRAND_FUNDED', 'PAYOUT_INITIATED', 'PAYOUT_SENT', 'PAYOUT_FAILED', 'TRANSFER_REVERSED')`,
)
@Check('chk_journal_entries_reference', `("reference_type" IS NULL) = ("reference_id" IS NULL)`)
@Check('chk_journal_entries_actor_type', `"actor_type" IN ('USER', 'API_KEY', 'SYSTEM')`)
export class JournalEntryEntity {
  /** UUID v7: entries of one transaction share `created_at`, and their ids keep the order they were posted in. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  kind!: EntryKind;

  /** What happened, for a person reading the journal. */
  @Column('text')
  memo!: string;

  /** What the entry is about, e.g. `commission` or `payout`. */
  @Column('text', { nullable: true })
  referenceType!: string | null;

  /** Text, not uuid: references may be outside ids (a Stripe transfer, an event). */
  @Column('text', { nullable: true })
  referenceId!: string | null;

  @Column('text')
  actorType!: AuditActorType;

  /** The user id, the integration id, or the job name. */
  @Column('text', { nullable: true })
  actorId!: string | null;

  /** The transaction's start time. */
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

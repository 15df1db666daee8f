import { BIGINT_COLUMN } from '@app/core';
import { Check, Column, Entity, ForeignKey, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { LedgerAccountEntity } from '../accounts/ledger-account.entity.js';
import { JournalEntryEntity } from './journal-entry.entity.js';

/**
 * One line of a journal entry: a signed amount on one account, positive for a debit and
 * negative for a credit, in the account's currency (the foreign key includes the currency,
 * so the database refuses a posting in another). Immutable, like its entry.
 */
@Entity('ledger_postings')
@Index('ix_ledger_postings_entry', ['entryId'])
@Index('ix_ledger_postings_account', ['accountId'])
@Index('ix_ledger_postings_commission', ['commissionId'])
@Check('chk_ledger_postings_amount', `"amount_minor" <> 0`)
@ForeignKey(() => LedgerAccountEntity, ['accountId', 'currency'], ['id', 'currency'], { name: 'fk_ledger_postings_account_currency', onDelete: 'RESTRICT' })
export class LedgerPostingEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  entryId!: string;

  @ManyToOne(() => JournalEntryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_ledger_postings_entry' })
  entry?: Relation<JournalEntryEntity>;

  @Column('uuid')
  accountId!: string;

  @Column('char', { length: 3 })
  currency!: string;

  /** Minor units: positive is a debit, negative a credit; never zero. */
  @Column('bigint', { transformer: BIGINT_COLUMN })
  amountMinor!: bigint;

  /**
   * The commission this line books, on commission entries; how much of a commission the
   * ledger holds is the sum of its lines. No foreign key: ledger rows outlive what they describe.
   */
  @Column('uuid', { nullable: true })
  commissionId!: string | null;
}

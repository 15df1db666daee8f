import { BIGINT_COLUMN } from '@app/core';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import { AccountOwner, AccountPurpose } from './account-key.js';

/**
 * One account of the ledger, one per owner, purpose and currency, made on first use. The
 * balance here is a cache of the sum of its postings, kept in the transaction that posts
 * (the account row is locked for it); reconciliation checks that the two agree.
 */
@Entity('ledger_accounts')
// (owner_type, owner_id, purpose, currency) UNIQUE NULLS NOT DISTINCT, so the platform's
// accounts (owner id null) are one per purpose and currency too. TypeORM cannot describe
// NULLS NOT DISTINCT: the index lives in the Ledger migration.
@Index('uq_ledger_accounts_key', { synchronize: false })
// What postings reference, so a posting's currency is its account's, checked by the database.
@Unique('uq_ledger_accounts_id_currency', ['id', 'currency'])
@Check('chk_ledger_accounts_owner_type', `"owner_type" IN ('ORGANIZATION', 'CREATOR', 'PLATFORM')`)
@Check(
  'chk_ledger_accounts_purpose',
  `("purpose" IN ('BRAND_PAYABLE', 'BRAND_FUNDING') AND "owner_type" = 'ORGANIZATION' AND "owner_id" IS NOT NULL)
    OR ("purpose" IN ('CREATOR_PAYABLE', 'CREATOR_RECEIVABLE') AND "owner_type" = 'CREATOR' AND "owner_id" IS NOT NULL)
    OR ("purpose" IN ('PLATFORM_FEES', 'STRIPE_CLEARING', 'PAYOUTS_IN_TRANSIT') AND "owner_type" = 'PLATFORM' AND "owner_id" IS NULL)`,
)
@Check('chk_ledger_accounts_currency', `"currency" ~ '^[A-Z]{3}$'`)
@Check('chk_ledger_accounts_cached', `("owner_type" = 'PLATFORM') = ("balance_minor" IS NULL)`)
export class LedgerAccountEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  ownerType!: AccountOwner;

  /** Organization id or creator profile id; null for the platform. */
  @Column('uuid', { nullable: true })
  ownerId!: string | null;

  @Column('text')
  purpose!: AccountPurpose;

  @Column('char', { length: 3 })
  currency!: string;

  /**
   * Σ amount_minor of the account's postings (debits positive), cached. Null for the
   * platform's own accounts: every payout and approval posts to them, so a cached balance
   * would make all those transactions wait for each other; their balance is summed when read.
   */
  @Column('bigint', { transformer: BIGINT_COLUMN, nullable: true, default: 0 })
  balanceMinor!: bigint | null;

  /** Bumped with every change of the cached balance. */
  @VersionColumn({ default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

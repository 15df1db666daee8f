import { CommissionBooks } from '@app/commissions';
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerAccountEntity } from './accounts/ledger-account.entity.js';
import { LedgerCommissionBooks } from './commissions/ledger-commission-books.js';
import { JournalEntryEntity } from './journal/journal-entry.entity.js';
import { LedgerPostingEntity } from './journal/ledger-posting.entity.js';
import { LedgerService } from './journal/ledger.service.js';
import { LedgerReconciler } from './reconcile/ledger-reconciler.js';

export const LEDGER_ENTITIES = [LedgerAccountEntity, JournalEntryEntity, LedgerPostingEntity];

/**
 * The ledger, for the API and the worker. Global because commissions, below it in the money
 * flow, need the `CommissionBooks` it provides without importing it: an application that
 * has commissions imports this module once.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(LEDGER_ENTITIES)],
  providers: [LedgerService, LedgerReconciler, { provide: CommissionBooks, useClass: LedgerCommissionBooks }],
  exports: [LedgerService, CommissionBooks],
})
export class LedgerModule {}

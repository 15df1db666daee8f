import type { AuditActor } from '@app/audit';
import { CommissionBooks } from '@app/commissions';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { COMMISSION_ENTRY_KINDS } from '../journal/entry-kind.js';
import { LedgerService } from '../journal/ledger.service.js';
import { type BookRow, COMMISSION_BOOKS_SQL, toBookState } from './commission-book-rows.js';
import { commissionEntry } from './commission-recognition.js';

/**
 * The ledger's side of commission changes: books, for each commission, the difference
 * between what the ledger holds and what its status and amount say, in the change's
 * transaction. Batched: one read for all the commissions, one `postMany` for all entries.
 */
@Injectable()
export class LedgerCommissionBooks extends CommissionBooks {
  constructor(private readonly ledger: LedgerService) {
    super();
  }

  async sync(manager: EntityManager, commissionIds: readonly string[], actor: AuditActor): Promise<void> {
    const ids = [...new Set(commissionIds)].sort();
    if (ids.length === 0) return;
    // The change being booked normally holds these rows already. Taking them here anyway, in
    // a statement of its own, means the read below starts after any concurrent sync of the
    // same commission committed, so it sees that sync's postings and books nothing twice.
    await manager.query(`SELECT id FROM commissions WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
    const rows = await manager.query<BookRow[]>(`${COMMISSION_BOOKS_SQL} WHERE c.id = ANY($1::uuid[]) ORDER BY c.id`, [ids, COMMISSION_ENTRY_KINDS]);
    if (rows.length !== ids.length) {
      const found = new Set(rows.map((row) => row.id));
      throw new Error(`Cannot book commissions that do not exist: ${ids.filter((id) => !found.has(id)).join(', ')}`);
    }
    const entries = rows.map((row) => commissionEntry(toBookState(row))).filter((entry) => entry !== null);
    await this.ledger.postMany(
      manager,
      entries.map((entry) => ({ ...entry, actor })),
    );
  }
}

import type { AuditActor } from '@app/audit';
import type { EntityManager } from 'typeorm';

/**
 * The ledger's side of every commission change. The ledger library sits above commissions in
 * the money flow, so commissions declare what they need and the ledger provides it
 * (`LedgerModule` binds this token).
 *
 * `sync` runs in the transaction of the change, after the commission rows were written: it
 * books the difference between what the ledger holds for each commission and what it should
 * hold for its status and amount (approved and paid commissions are recognized; everything
 * else is not). Calling it twice books nothing the second time.
 */
export abstract class CommissionBooks {
  abstract sync(manager: EntityManager, commissionIds: readonly string[], actor: AuditActor): Promise<void>;
}

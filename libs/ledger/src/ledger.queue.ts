/** The ledger's scheduled work. */
export const LEDGER_QUEUE = 'ledger';

export enum LedgerJob {
  /** Checks the whole ledger (balanced entries, cached balances, commission bookings); differences are logged at error level. */
  Reconcile = 'reconcile',
}

/** Payout work: a run fanned out into transfers, each transfer sent, stuck ones swept up. */
export const PAYOUTS_QUEUE = 'payouts';

export enum PayoutsJob {
  /** Queues one `transfer` job per pending payout of a run (from the run's outbox message). */
  SendRun = 'send-run',
  /** Sends one payout's Stripe transfer. */
  Transfer = 'transfer',
  /** Re-queues payouts left pending (a crash, attempts used up) and closes finished runs. */
  Sweep = 'sweep',
}

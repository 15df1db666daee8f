import { Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import { PayoutSettlement } from './payout-settlement.js';

interface Waiting {
  payoutId: string;
  transfer: Stripe.Transfer;
  resolve: (settledNow: boolean) => void;
  reject: (error: unknown) => void;
}

/** Transfers recorded together at most. */
const MAX_BATCH = 100;
/** How long the first transfer back waits for others before they are recorded. */
const LINGER_MS = 5;

/**
 * Records transfers that came back in small batches, one transaction each, instead of one
 * transaction per transfer: the worker sends many transfers a second, and each recording is
 * a handful of statements. Every caller waits for its own batch's commit; if the batch fails,
 * every caller in it gets the error and its job is tried again (it then finds the transfer
 * by lookup, since the outcome was never recorded).
 */
@Injectable()
export class SentBatcher {
  private waiting: Waiting[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly settlement: PayoutSettlement) {}

  /** Resolves true once this call recorded the payout SENT, false when it had been settled already. */
  record(payoutId: string, transfer: Stripe.Transfer): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.waiting.push({ payoutId, transfer, resolve, reject });
      if (this.waiting.length >= MAX_BATCH) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), LINGER_MS);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) return;
    this.settlement.sentMany(batch.map(({ payoutId, transfer }) => ({ payoutId, transfer }))).then(
      (settled) => batch.forEach((item) => item.resolve(settled.has(item.payoutId))),
      (error: unknown) => batch.forEach((item) => item.reject(error)),
    );
  }
}

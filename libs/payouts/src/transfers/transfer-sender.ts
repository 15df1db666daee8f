import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { InjectStripe } from '../stripe/stripe-client.js';
import { PayoutEntity } from '../runs/payout.entity.js';
import { PayoutStatus } from '../runs/payout-status.js';
import { PayoutSettlement } from './payout-settlement.js';
import { RequestPacer } from './request-pacer.js';
import { SentBatcher } from './sent-batcher.js';
import { classifyStripeError, OutcomeKind } from './stripe-outcome.js';

export enum SendResult {
  Sent = 'SENT',
  Failed = 'FAILED',
  /** Already SENT or FAILED (a job run twice): nothing done. */
  Settled = 'SETTLED',
}

/** Thrown for an attempt to be retried later; the payout stays PENDING. */
export class TransferRetryLater extends Error {
  constructor(
    readonly outcome: OutcomeKind,
    message: string,
  ) {
    super(message);
    this.name = 'TransferRetryLater';
  }
}

/** How long everyone waits after Stripe answers 429. */
const RATE_LIMIT_PAUSE_MS = 1_000;

/**
 * Sends one payout's transfer. The attempt is written down before the request goes out,
 * so a crash or a timeout leaves `outcome_unknown` set; the next attempt then looks the
 * transfer up by its run's `transfer_group` and the payout id in its metadata before it
 * sends anything. The idempotency key is the payout id, so even a request sent twice is
 * one transfer at Stripe.
 */
@Injectable()
export class TransferSender {
  private readonly logger = new Logger(TransferSender.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectStripe() private readonly stripe: Stripe,
    private readonly pacer: RequestPacer,
    private readonly settlement: PayoutSettlement,
    private readonly sentBatcher: SentBatcher,
  ) {}

  async send(payoutId: string): Promise<SendResult> {
    const payout = await this.db.getRepository(PayoutEntity).findOneBy({ id: payoutId });
    if (!payout || payout.status !== PayoutStatus.PENDING) return SendResult.Settled;

    if (payout.outcomeUnknown) {
      this.logger.warn({ payoutId: payout.id, attempts: payout.attempts }, 'Looking up a transfer whose outcome was never recorded before sending anything');
      const found = await this.lookUp(payout);
      if (found) return (await this.sentBatcher.record(payout.id, found)) ? SendResult.Sent : SendResult.Settled;
    }

    const [, claimed] = await this.db.query(
      `UPDATE payouts SET attempts = attempts + 1, outcome_unknown = true, last_attempt_at = now(), updated_at = now()
        WHERE id = $1 AND status = 'PENDING'`,
      [payout.id],
    );
    if (claimed === 0) return SendResult.Settled;
    let transfer: Stripe.Transfer;
    try {
      await this.pacer.take();
      transfer = await this.stripe.transfers.create(
        {
          amount: Number(payout.amountMinor),
          currency: payout.currency.toLowerCase(),
          destination: payout.stripeAccountId,
          transfer_group: payout.runId,
          description: `Commission payout ${payout.id}`,
          metadata: { payout_id: payout.id, payout_run_id: payout.runId, creator_id: payout.creatorId },
        },
        { idempotencyKey: payout.id },
      );
    } catch (error) {
      return this.onError(payout, error);
    }
    return (await this.sentBatcher.record(payout.id, transfer)) ? SendResult.Sent : SendResult.Settled;
  }

  private async onError(payout: PayoutEntity, error: unknown): Promise<SendResult> {
    const outcome = classifyStripeError(error);
    if (outcome.kind === OutcomeKind.Permanent) {
      return (await this.settlement.failed(payout.id, outcome.code, outcome.message)) ? SendResult.Failed : SendResult.Settled;
    }
    if (outcome.kind === OutcomeKind.RateLimited) await this.pacer.pushBack(RATE_LIMIT_PAUSE_MS);
    // A 429 means Stripe did nothing and a 5xx is replayed under the same key; only an
    // unanswered request leaves the outcome to be found out.
    await this.db.query(`UPDATE payouts SET outcome_unknown = $2, last_error = $3, updated_at = now() WHERE id = $1 AND status = 'PENDING'`, [
      payout.id,
      outcome.kind === OutcomeKind.Unknown,
      `${outcome.code}: ${outcome.message}`.slice(0, 1_000),
    ]);
    this.logger.warn({ payoutId: payout.id, code: outcome.code, outcome: outcome.kind }, 'A payout transfer will be tried again');
    throw new TransferRetryLater(outcome.kind, `${outcome.code}: ${outcome.message}`);
  }

  /** The transfer an earlier attempt may have made, found by its run's transfer group and the payout id in its metadata. */
  private async lookUp(payout: PayoutEntity): Promise<Stripe.Transfer | null> {
    try {
      for (let startingAfter: string | undefined; ; ) {
        await this.pacer.take();
        const page = await this.stripe.transfers.list({ transfer_group: payout.runId, destination: payout.stripeAccountId, limit: 100, starting_after: startingAfter });
        const found = page.data.find((transfer) => transfer.metadata?.payout_id === payout.id);
        if (found) return found;
        if (!page.has_more || page.data.length === 0) return null;
        startingAfter = page.data[page.data.length - 1]!.id;
      }
    } catch (error) {
      const outcome = classifyStripeError(error);
      if (outcome.kind === OutcomeKind.RateLimited) await this.pacer.pushBack(RATE_LIMIT_PAUSE_MS);
      // Without knowing, sending again could pay twice beyond the idempotency window: wait.
      throw new TransferRetryLater(OutcomeKind.Unknown, `lookup failed: ${outcome.code}: ${outcome.message}`);
    }
  }
}

import { newId } from '@app/core';
import type { MadeIntegration, PayloadObject } from '@app/testing';
import fc from 'fast-check';
import { deliver, HOUR, MINUTE, orderBody, orderRow, refundBody, uniqueCode } from '../support/sales-orders.js';
import { type SalesStack, sellingCreator, startSalesStack } from '../support/sales-stack.js';

/*
 * The reference model: what one order's commissions must add up to after any sequence of
 * deliveries, written without the application's code.
 *
 * Terms: 15% of the net (subtotal less discounts), no flat part, tiers, overrides or cap. The
 * order carries the creator's code, so whichever event creates it, it is attributed to them.
 *
 * Deliveries are applied one at a time in the order generated (each posted to the webhook and
 * applied by the worker before the next), so the generated sequence is the application order:
 *
 * - An event id already delivered is a duplicate: nothing happens.
 * - While there is no order, an order.created, order.updated or order.cancelled creates it from
 *   its own snapshot (a cancellation then cancels it at once). A refund waits; refunds waiting
 *   are applied, in the order they came, right after the order is created.
 * - Once there is an order: order.created is skipped; order.cancelled cancels it unless it is
 *   cancelled already; order.updated is skipped when the order is cancelled or when its
 *   `updatedAt` is not later than the stored one, else its amounts replace the order's, and
 *   the refunded net is lowered to the new net if it is above it ("refunds never exceed what
 *   the order is now worth").
 * - A refund whose refund id was already applied is skipped; otherwise it adds
 *   min(amount, net − refunded) to the refunded net (never more than what remains).
 * - The order is fully refunded when its net is above 0 and the refunded net reaches it.
 *
 * The commission is quote × (net − refunded) / net, where quote = 15% of the net of the order's
 * current amounts, each of the two divisions rounded half-even once (and just the quote when the
 * net is 0). It is 0 from the moment the order is cancelled or fully refunded, and stays 0 after
 * that whatever comes (the commission is REVERSED, which is final). With no order, there is no
 * commission: the sum is 0.
 */

const RATE_BPS = 1_500n;
const FULL_REFUND_MINOR = 9_999_999;

interface Amounts {
  subtotal: number;
  /** Discount as basis points of the subtotal, so that it never exceeds it. */
  discountBps: number;
}

interface Snapshot {
  subtotalMinor: bigint;
  discountMinor: bigint;
  /** `updatedAt`, in minutes after the order's creation. */
  minutes: number;
}

type ModelEvent =
  | { type: 'order.created' | 'order.updated' | 'order.cancelled'; snapshot: Snapshot }
  | { type: 'order.refunded'; refundId: string; amountMinor: bigint };

interface Delivery {
  eventId: string;
  event: ModelEvent;
}

type Op =
  | { kind: 'created' }
  | { kind: 'updated'; amounts: Amounts; minutes: number }
  | { kind: 'partialRefund'; amountMinor: number }
  | { kind: 'fullRefund' }
  | { kind: 'cancelled' }
  | { kind: 'duplicate'; pick: number; freshEventId: boolean };

function snapshotOf(amounts: Amounts, minutes: number): Snapshot {
  const subtotal = BigInt(amounts.subtotal);
  return { subtotalMinor: subtotal, discountMinor: (subtotal * BigInt(amounts.discountBps)) / 10_000n, minutes };
}

/** a / b for a ≥ 0, b > 0, rounded to the nearest integer, ties to the even one. */
function halfEven(a: bigint, b: bigint): bigint {
  const q = a / b;
  const twice = 2n * (a % b);
  if (twice > b || (twice === b && q % 2n === 1n)) return q + 1n;
  return q;
}

class ReferenceOrder {
  private readonly delivered = new Set<string>();
  private readonly refunds = new Set<string>();
  private waiting: { refundId: string; amountMinor: bigint }[] = [];
  order: { net: bigint; minutes: number; refunded: bigint; cancelled: boolean } | null = null;
  /** The commission went to 0 for good (cancelled or fully refunded). */
  reversed = false;

  deliver({ eventId, event }: Delivery): void {
    if (this.delivered.has(eventId)) return;
    this.delivered.add(eventId);
    if (event.type === 'order.refunded') {
      if (this.order) this.refund(event);
      else this.waiting.push(event);
      return;
    }
    if (!this.order) {
      this.order = { net: netOf(event.snapshot), minutes: event.snapshot.minutes, refunded: 0n, cancelled: false };
      if (event.type === 'order.cancelled') this.cancel();
      const waiting = this.waiting;
      this.waiting = [];
      for (const refund of waiting) this.refund(refund);
      return;
    }
    if (event.type === 'order.cancelled') this.cancel();
    if (event.type === 'order.updated') this.update(event.snapshot);
  }

  get fullyRefunded(): boolean {
    return this.order !== null && this.order.net > 0n && this.order.refunded >= this.order.net;
  }

  /** What the order's commissions must sum to now. */
  get commissionTotal(): bigint {
    if (!this.order || this.reversed) return 0n;
    const { net, refunded } = this.order;
    const quote = halfEven(net * RATE_BPS, 10_000n);
    return net === 0n ? quote : halfEven(quote * (net - refunded), net);
  }

  private cancel(): void {
    if (this.order!.cancelled) return;
    this.order!.cancelled = true;
    this.reversed = true;
  }

  private update(snapshot: Snapshot): void {
    const order = this.order!;
    if (order.cancelled || snapshot.minutes <= order.minutes) return;
    order.minutes = snapshot.minutes;
    order.net = netOf(snapshot);
    if (order.refunded > order.net) order.refunded = order.net;
    if (this.fullyRefunded) this.reversed = true;
  }

  private refund({ refundId, amountMinor }: { refundId: string; amountMinor: bigint }): void {
    if (this.refunds.has(refundId)) return;
    this.refunds.add(refundId);
    const order = this.order!;
    const remaining = order.net - order.refunded;
    order.refunded += amountMinor < remaining ? amountMinor : remaining > 0n ? remaining : 0n;
    if (!order.cancelled && this.fullyRefunded) this.reversed = true;
  }
}

function netOf(snapshot: Snapshot): bigint {
  const net = snapshot.subtotalMinor - snapshot.discountMinor;
  return net > 0n ? net : 0n;
}

/** The deliveries `ops` stand for: duplicates repeat an earlier event, under its own id or a new one. */
function deliveriesOf(first: Snapshot, ops: readonly Op[], run: string): Delivery[] {
  const deliveries: Delivery[] = [];
  const originals: Delivery[] = [];
  ops.forEach((op, index) => {
    const eventId = `${run}-e${index}`;
    let delivery: Delivery;
    switch (op.kind) {
      case 'created':
        delivery = { eventId, event: { type: 'order.created', snapshot: first } };
        break;
      case 'updated':
        delivery = { eventId, event: { type: 'order.updated', snapshot: snapshotOf(op.amounts, op.minutes) } };
        break;
      case 'cancelled':
        delivery = { eventId, event: { type: 'order.cancelled', snapshot: { ...first, minutes: 30 } } };
        break;
      case 'partialRefund':
        delivery = { eventId, event: { type: 'order.refunded', refundId: `${run}-r${index}`, amountMinor: BigInt(op.amountMinor) } };
        break;
      case 'fullRefund':
        delivery = { eventId, event: { type: 'order.refunded', refundId: `${run}-r${index}`, amountMinor: BigInt(FULL_REFUND_MINOR) } };
        break;
      case 'duplicate': {
        if (originals.length === 0) return;
        const earlier = originals[op.pick % originals.length]!;
        deliveries.push(op.freshEventId ? { ...earlier, eventId } : earlier);
        return;
      }
    }
    originals.push(delivery);
    deliveries.push(delivery);
  });
  return deliveries;
}

const amountsArb: fc.Arbitrary<Amounts> = fc.record({ subtotal: fc.integer({ min: 1, max: 40_000 }), discountBps: fc.integer({ min: 0, max: 10_000 }) });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<Op>({ kind: 'created' }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('updated' as const), amounts: amountsArb, minutes: fc.integer({ min: -5, max: 10 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('partialRefund' as const), amountMinor: fc.integer({ min: 1, max: 20_000 }) }) },
  { weight: 1, arbitrary: fc.constant<Op>({ kind: 'fullRefund' }) },
  { weight: 1, arbitrary: fc.constant<Op>({ kind: 'cancelled' }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), pick: fc.nat({ max: 7 }), freshEventId: fc.boolean() }) },
);

describe('commission of one order under any sequence of deliveries (property)', () => {
  let stack: SalesStack;
  let shop: MadeIntegration;
  let code: string;

  beforeAll(async () => {
    stack = await startSalesStack();
    const seller = await sellingCreator(stack);
    code = uniqueCode('PROP');
    await stack.sales.discountCode(seller, code);
    shop = await stack.sales.integration(seller.campaign.organizationId, seller.brand.admin.id);
  });
  afterAll(() => stack.close());

  /** Delivers the events one at a time through the webhook and the worker; returns what the database says. */
  const play = async (first: Snapshot, ops: readonly Op[]) => {
    const run = newId();
    const orderId = `prop-${run}`;
    const orderedAt = new Date(Date.now() - HOUR);
    const customer = run.slice(-12);
    const bodyOf = ({ eventId, event }: Delivery): PayloadObject => {
      if (event.type === 'order.refunded') return refundBody(orderId, Number(event.amountMinor), { eventId, refundId: event.refundId });
      const { subtotalMinor, discountMinor, minutes } = event.snapshot;
      return orderBody({
        id: orderId,
        eventId,
        type: event.type,
        at: orderedAt,
        updatedAt: new Date(orderedAt.getTime() + minutes * MINUTE),
        codes: [code],
        email: `prop-${customer}@example.test`,
        customerId: `cus-${customer}`,
        lines: [{ sku: 'SKU-PROP', priceMinor: Number(subtotalMinor), discountMinor: Number(discountMinor) }],
      });
    };
    const model = new ReferenceOrder();
    for (const delivery of deliveriesOf(first, ops, run)) {
      model.deliver(delivery);
      await deliver(stack, shop, bodyOf(delivery));
      await stack.settled();
    }
    const order = await orderRow(stack, shop, orderId);
    const commissions: { kind: string; status: string; amount_minor: string }[] = order
      ? await stack.db.query(`SELECT kind, status, amount_minor FROM commissions WHERE order_id = $1`, [order.id])
      : [];
    const [events] = await stack.db.query(`SELECT count(*) FILTER (WHERE status IN ('RECEIVED', 'FAILED'))::int AS stuck FROM order_events WHERE order_external_id = $1`, [orderId]);
    return { model, order, commissions, stuck: events.stuck as number };
  };

  it('sums to the reference model after every sequence', async () => {
    const first = (amounts: Amounts) => snapshotOf(amounts, 0);
    await fc.assert(
      fc.asyncProperty(amountsArb, fc.array(opArb, { minLength: 1, maxLength: 8 }), async (amounts, ops) => {
        const { model, order, commissions, stuck } = await play(first(amounts), ops);
        const total = commissions.reduce((sum, row) => sum + BigInt(row.amount_minor), 0n);
        // No event is left unapplied or failed; at most one commission, a sale (nothing is paid here).
        expect(stuck).toBe(0);
        expect(commissions.every((row) => row.kind === 'SALE')).toBe(true);
        expect(commissions.length).toBe(model.order ? 1 : 0);
        expect(order === undefined).toBe(model.order === null);
        expect(total).toBe(model.commissionTotal);
        if (model.order) {
          expect(BigInt(order!.refunded_net_minor)).toBe(model.order.refunded);
          expect(order!.status).toBe(model.order.cancelled ? 'CANCELLED' : model.fullyRefunded ? 'REFUNDED' : 'OPEN');
          expect(commissions[0]!.status === 'REVERSED').toBe(model.reversed);
        }
      }),
      {
        numRuns: 25,
        examples: [
          // A refund before its order waits for it, then lowers the commission.
          [{ subtotal: 10_030, discountBps: 0 }, [{ kind: 'partialRefund', amountMinor: 3_333 }, { kind: 'created' }]],
          // An older update is skipped; a newer one replaces the amounts; a second refund is capped at what remains.
          [
            { subtotal: 20_000, discountBps: 1_000 },
            [
              { kind: 'created' },
              { kind: 'updated', amounts: { subtotal: 5_000, discountBps: 0 }, minutes: -1 },
              { kind: 'partialRefund', amountMinor: 9_000 },
              { kind: 'updated', amounts: { subtotal: 15_000, discountBps: 0 }, minutes: 3 },
              { kind: 'partialRefund', amountMinor: 9_000 },
              { kind: 'duplicate', pick: 2, freshEventId: true },
            ],
          ],
          // An update creates the order; the created event is then skipped; updates after a cancellation are skipped.
          [
            { subtotal: 8_000, discountBps: 500 },
            [
              { kind: 'updated', amounts: { subtotal: 9_000, discountBps: 0 }, minutes: 2 },
              { kind: 'created' },
              { kind: 'cancelled' },
              { kind: 'updated', amounts: { subtotal: 12_000, discountBps: 0 }, minutes: 9 },
            ],
          ],
          // A full refund, then an update that makes the order worth more: the reversed commission stays at 0.
          [
            { subtotal: 10_000, discountBps: 0 },
            [{ kind: 'created' }, { kind: 'fullRefund' }, { kind: 'updated', amounts: { subtotal: 30_000, discountBps: 0 }, minutes: 5 }, { kind: 'duplicate', pick: 1, freshEventId: false }],
          ],
        ],
      },
    );
  }, 240_000);
});

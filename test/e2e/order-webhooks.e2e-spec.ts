import { randomUUID } from 'node:crypto';
import { signGenericPayload } from '@app/attribution';
import request from 'supertest';
import {
  commissionAdjustments,
  commissionOf,
  eventStatuses,
  orderRow,
  postGenericRaw,
  rowsOf,
  simpleOrder,
  simpleRefund,
  tokenOf,
} from '../support/sales-api.js';
import { postGeneric, type SalesStack, sellingCreator, startSalesStack } from '../support/sales-stack.js';

const ROTATE = `mutation Rotate($id: ID!) { rotateIntegrationSecret(id: $id) { signingSecret integration { id previousSecretValidUntil } } }`;

describe('generic order webhooks', () => {
  let stack: SalesStack;
  let seller: Awaited<ReturnType<typeof sellingCreator>>;
  let sequence = 0;

  /** A fresh integration of the seller's brand, so counts belong to one test. */
  const shop = () => stack.sales.integration(seller.campaign.organizationId, seller.brand.admin.id);
  const nextId = (label: string) => `${label}-${(sequence += 1)}`;

  beforeAll(async () => {
    stack = await startSalesStack();
    seller = await sellingCreator(stack);
    await stack.sales.discountCode(seller, 'MAYA15');
  }, 120_000);
  afterAll(() => stack.close());

  describe('signatures', () => {
    it('answers 401 to unsigned, forged, malformed, stale and wrongly keyed deliveries, and stores nothing', async () => {
      const integration = await shop();
      const body = simpleOrder({ orderId: nextId('ord'), codes: ['MAYA15'] });
      const raw = JSON.stringify(body);
      const now = Math.floor(Date.now() / 1000);
      const post = (signature: string | null, payload = raw) => {
        const call = request(stack.server).post(`/webhooks/orders/${integration.id}`).set('content-type', 'application/json');
        return (signature === null ? call : call.set('x-signature', signature)).send(payload);
      };
      const genuine = signGenericPayload(integration.signingSecret, raw, now);
      const mac = genuine.split('v1=')[1]!;

      const attempts = [
        { name: 'no signature', response: await post(null), reason: 'MISSING' },
        { name: 'an empty signature', response: await post(''), reason: 'MISSING' },
        { name: 'a signature of another body', response: await post(genuine, raw.replace('100.00', '900.00')), reason: 'MISMATCH' },
        { name: 'a MAC of zeros', response: await post(`t=${now},v1=${'0'.repeat(64)}`), reason: 'MISMATCH' },
        { name: 'a MAC one byte short', response: await post(`t=${now},v1=${mac.slice(0, 62)}`), reason: 'MALFORMED' },
        { name: 'a MAC one byte long', response: await post(`t=${now},v1=${mac}00`), reason: 'MALFORMED' },
        { name: 'a genuine MAC under another timestamp', response: await post(`t=${now + 1},v1=${mac}`), reason: 'MISMATCH' },
        { name: 'no timestamp', response: await post(`v1=${mac}`), reason: 'MALFORMED' },
        { name: 'signed 6 minutes ago', response: await postGeneric(stack, integration.id, integration.signingSecret, body, now - 360), reason: 'STALE' },
        { name: 'signed 6 minutes ahead', response: await postGeneric(stack, integration.id, integration.signingSecret, body, now + 360), reason: 'STALE' },
        { name: 'signed with another secret', response: await postGeneric(stack, integration.id, `${integration.signingSecret}x`, body), reason: 'MISMATCH' },
      ];
      for (const { name, response, reason } of attempts) {
        expect({ name, status: response.status, body: response.body }).toEqual({ name, status: 401, body: { error: 'invalid_signature', reason } });
      }
      await stack.settled();
      expect(await rowsOf(stack, 'order_events', integration.id)).toBe(0);
      expect(await rowsOf(stack, 'orders', integration.id)).toBe(0);

      // The same body, properly signed, is a good order: the refusals were about the signatures alone.
      expect((await post(genuine)).status).toBe(202);
      await stack.settled();
      expect(await rowsOf(stack, 'orders', integration.id)).toBe(1);
    });

    it('accepts a timestamp a little off either way, inside the tolerance', async () => {
      const integration = await shop();
      const now = Math.floor(Date.now() / 1000);
      expect((await postGeneric(stack, integration.id, integration.signingSecret, simpleOrder({ orderId: nextId('ord') }), now - 240)).status).toBe(202);
      expect((await postGeneric(stack, integration.id, integration.signingSecret, simpleOrder({ orderId: nextId('ord') }), now + 240)).status).toBe(202);
      expect(await rowsOf(stack, 'order_events', integration.id)).toBe(2);
    });

    it('keeps verifying the old secret after a rotation, beside the new one', async () => {
      const integration = await shop();
      const token = await tokenOf(stack, seller.brand.admin);
      // A delivery first, so the API holds the integration's secrets when they change.
      expect((await postGeneric(stack, integration.id, integration.signingSecret, simpleOrder({ orderId: nextId('ord') }))).status).toBe(202);
      const before = Date.now();
      const { rotateIntegrationSecret: rotated } = await stack.gql.as(token).ok(ROTATE, { id: integration.id });
      expect(rotated.signingSecret).not.toBe(integration.signingSecret);
      const validUntil = Date.parse(rotated.integration.previousSecretValidUntil);
      expect(validUntil).toBeGreaterThan(before + 23 * 3_600_000);

      const old = await postGeneric(stack, integration.id, integration.signingSecret, simpleOrder({ orderId: nextId('ord'), codes: ['MAYA15'] }));
      expect(old.status).toBe(202);
      const fresh = await postGeneric(stack, integration.id, rotated.signingSecret, simpleOrder({ orderId: nextId('ord'), codes: ['MAYA15'] }));
      expect(fresh.status).toBe(202);
      const forged = await postGeneric(stack, integration.id, `whsec_${randomUUID()}`, simpleOrder({ orderId: nextId('ord') }));
      expect(forged.status).toBe(401);
      await stack.settled();
      expect(await rowsOf(stack, 'orders', integration.id)).toBe(3);
    });
  });

  describe('what cannot be stored', () => {
    it('answers 404 for an integration that does not exist or is of another kind', async () => {
      const integration = await shop();
      const shopify = await stack.sales.integration(seller.campaign.organizationId, seller.brand.admin.id, 'SHOPIFY');
      const body = simpleOrder({ orderId: nextId('ord') });
      for (const id of [randomUUID(), 'not-an-id', shopify.id]) {
        const response = await postGeneric(stack, id, id === shopify.id ? shopify.signingSecret : integration.signingSecret, body);
        expect({ id, status: response.status, body: response.body }).toEqual({ id, status: 404, body: { error: 'unknown_integration' } });
      }
      expect(await rowsOf(stack, 'order_events', shopify.id)).toBe(0);
      const [all] = await stack.db.query(`SELECT count(*)::int AS n FROM order_events WHERE external_event_id = $1`, [body.id]);
      expect(all.n).toBe(0);
    });

    it('answers 400 to a body that is not JSON, and to a payload that is not an order, naming the field', async () => {
      const integration = await shop();
      const invalidJson = await postGenericRaw(stack, integration.id, integration.signingSecret, '{"id": "evt-1", "type": ');
      expect(invalidJson.status).toBe(400);
      expect(invalidJson.body).toMatchObject({ error: 'invalid_json' });

      const cases: [string, Record<string, unknown>][] = [
        ['order.subtotal', simpleOrder({ orderId: nextId('ord'), subtotal: 'abc' })],
        ['order.lineItems[0].price', { ...simpleOrder({ orderId: 'x' }), order: { ...simpleOrder({ orderId: 'x' }).order, lineItems: [{ quantity: 1, price: '-1.00' }] } }],
        ['order.id', { ...simpleOrder({ orderId: 'x' }), order: { ...simpleOrder({ orderId: 'x' }).order, id: '  ' } }],
        ['order.createdAt', { ...simpleOrder({ orderId: 'x' }), order: { ...simpleOrder({ orderId: 'x' }).order, createdAt: '2026-12-01 10:00' } }],
        ['type', { ...simpleOrder({ orderId: 'x' }), type: 'order.exploded' }],
        ['$', [simpleOrder({ orderId: 'x' })] as unknown as Record<string, unknown>],
      ];
      for (const [field, body] of cases) {
        const response = await postGeneric(stack, integration.id, integration.signingSecret, body);
        expect({ field, status: response.status, body: response.body }).toEqual({
          field,
          status: 400,
          body: { error: 'invalid_payload', field, message: expect.stringContaining(field === '$' ? 'JSON object' : field) },
        });
      }
      const empty = await postGenericRaw(stack, integration.id, integration.signingSecret, '');
      expect(empty.status).toBe(400);

      await stack.settled();
      expect(await rowsOf(stack, 'order_events', integration.id)).toBe(0);
      expect(await rowsOf(stack, 'orders', integration.id)).toBe(0);
    });
  });

  describe('deliveries and their effects', () => {
    it('applies an event delivered ten times once: one event, one order, one commission', async () => {
      const integration = await shop();
      const orderId = nextId('ord');
      const body = simpleOrder({ orderId, codes: ['maya15'] });
      const first = await postGeneric(stack, integration.id, integration.signingSecret, body);
      expect(first.status).toBe(202);
      expect(first.body).toEqual({ status: 'accepted', eventId: expect.any(String) });

      const again = [];
      for (let i = 0; i < 4; i += 1) again.push(await postGeneric(stack, integration.id, integration.signingSecret, body));
      // Retries racing each other, as a sender with a short timeout makes them.
      again.push(...(await Promise.all(Array.from({ length: 3 }, () => postGeneric(stack, integration.id, integration.signingSecret, body)))));
      await stack.settled();
      // And after the worker applied it.
      for (let i = 0; i < 2; i += 1) again.push(await postGeneric(stack, integration.id, integration.signingSecret, body));
      expect(again).toHaveLength(9);
      for (const response of again) {
        expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: { status: 'duplicate', eventId: first.body.eventId } });
      }
      await stack.settled();

      expect(await rowsOf(stack, 'order_events', integration.id)).toBe(1);
      expect(await rowsOf(stack, 'orders', integration.id)).toBe(1);
      const order = await orderRow(stack, integration.id, orderId);
      expect(order!.creator_id).toBe(seller.creatorId);
      const [commissions] = await stack.db.query(`SELECT count(*)::int AS n FROM commissions WHERE order_id = $1`, [order!.id]);
      expect(commissions.n).toBe(1);
      const commission = await commissionOf(stack, order!.id);
      expect(commission).toMatchObject({ status: 'PENDING', amount_minor: '1500' });
      expect(await commissionAdjustments(stack, commission!.id)).toEqual([{ kind: 'CREATED', delta: 1500n, after: 1500n }]);
    });

    it('keeps a refund that arrives before its order waiting, then lowers the commission in proportion, once', async () => {
      const integration = await shop();
      const orderId = nextId('ord');
      const refund = simpleRefund(orderId, nextId('ref'), '25.00');
      expect((await postGeneric(stack, integration.id, integration.signingSecret, refund)).status).toBe(202);
      await stack.settled();
      expect(await eventStatuses(stack, integration.id, orderId)).toEqual([{ topic: 'order.refunded', status: 'WAITING_FOR_ORDER', outcome: 'waiting for the order' }]);
      expect(await rowsOf(stack, 'orders', integration.id)).toBe(0);

      expect((await postGeneric(stack, integration.id, integration.signingSecret, simpleOrder({ orderId, codes: ['MAYA15'] }))).status).toBe(202);
      await stack.settled();
      expect((await eventStatuses(stack, integration.id, orderId)).map((event) => [event.topic, event.status])).toEqual([
        ['order.refunded', 'APPLIED'],
        ['order.created', 'APPLIED'],
      ]);
      const order = await orderRow(stack, integration.id, orderId);
      expect(order).toMatchObject({ status: 'OPEN', refunded_net_minor: '2500', creator_id: seller.creatorId });
      const commission = await commissionOf(stack, order!.id);
      // 15% of 100.00 is 15.00; a quarter of the net came back, so a quarter of the commission goes.
      expect(commission).toMatchObject({ status: 'PENDING', amount_minor: '1125' });
      expect(await commissionAdjustments(stack, commission!.id)).toEqual([
        { kind: 'CREATED', delta: 1500n, after: 1500n },
        { kind: 'REFUND', delta: -375n, after: 1125n },
      ]);

      // The same refund again, as a retry and under a new event id: neither applies twice.
      expect((await postGeneric(stack, integration.id, integration.signingSecret, refund)).status).toBe(200);
      const renamed = simpleRefund(orderId, refund.refund.id, '25.00', nextId('evt-again'));
      expect((await postGeneric(stack, integration.id, integration.signingSecret, renamed)).status).toBe(202);
      await stack.settled();
      expect((await eventStatuses(stack, integration.id, orderId)).at(-1)).toMatchObject({ status: 'SKIPPED' });
      expect(await orderRow(stack, integration.id, orderId)).toMatchObject({ refunded_net_minor: '2500' });
      expect(await commissionAdjustments(stack, commission!.id)).toHaveLength(2);
      expect(await commissionOf(stack, order!.id)).toMatchObject({ amount_minor: '1125' });
    });

    it('applies refunds in proportion as they come, and reverses the commission on a full refund', async () => {
      const integration = await shop();
      const orderId = nextId('ord');
      await postGeneric(stack, integration.id, integration.signingSecret, simpleOrder({ orderId, codes: ['MAYA15'] }));
      await stack.settled();
      await postGeneric(stack, integration.id, integration.signingSecret, simpleRefund(orderId, nextId('ref'), '40.00'));
      await stack.settled();
      const order = await orderRow(stack, integration.id, orderId);
      expect(await commissionOf(stack, order!.id)).toMatchObject({ status: 'PENDING', amount_minor: '900' });

      // More than is left is capped at what is left: the order is refunded in full.
      await postGeneric(stack, integration.id, integration.signingSecret, simpleRefund(orderId, nextId('ref'), '75.00'));
      await stack.settled();
      expect(await orderRow(stack, integration.id, orderId)).toMatchObject({ status: 'REFUNDED', refunded_net_minor: '10000' });
      const commission = await commissionOf(stack, order!.id);
      expect(commission).toMatchObject({ status: 'REVERSED', amount_minor: '0' });
      expect(commission!.reversed_at).toBeInstanceOf(Date);
      expect(await commissionAdjustments(stack, commission!.id)).toEqual([
        { kind: 'CREATED', delta: 1500n, after: 1500n },
        { kind: 'REFUND', delta: -600n, after: 900n },
        { kind: 'REFUND', delta: -900n, after: 0n },
      ]);
      const [audit] = await stack.db.query(`SELECT before, after FROM audit_log WHERE entity_id = $1 AND action = 'commission.status_changed'`, [commission!.id]);
      expect(audit).toMatchObject({ before: { status: 'PENDING' }, after: { status: 'REVERSED' } });
    });

    it('reverses the commission when the order is cancelled', async () => {
      const integration = await shop();
      const orderId = nextId('ord');
      const createdAt = new Date();
      await postGeneric(stack, integration.id, integration.signingSecret, simpleOrder({ orderId, codes: ['MAYA15'], createdAt }));
      await stack.settled();
      const cancel = simpleOrder({ orderId, eventId: nextId('evt-cancel'), type: 'order.cancelled', codes: ['MAYA15'], createdAt, updatedAt: new Date(createdAt.getTime() + 60_000) });
      expect((await postGeneric(stack, integration.id, integration.signingSecret, cancel)).status).toBe(202);
      await stack.settled();

      const order = await orderRow(stack, integration.id, orderId);
      expect(order!.status).toBe('CANCELLED');
      const commission = await commissionOf(stack, order!.id);
      expect(commission).toMatchObject({ status: 'REVERSED', amount_minor: '0' });
      expect(await commissionAdjustments(stack, commission!.id)).toEqual([
        { kind: 'CREATED', delta: 1500n, after: 1500n },
        { kind: 'CANCELLED', delta: -1500n, after: 0n },
      ]);

      // A refund after the cancellation changes nothing more.
      await postGeneric(stack, integration.id, integration.signingSecret, simpleRefund(orderId, nextId('ref'), '10.00'));
      await stack.settled();
      expect(await commissionAdjustments(stack, commission!.id)).toHaveLength(2);
      expect(await commissionOf(stack, order!.id)).toMatchObject({ status: 'REVERSED', amount_minor: '0' });
    });

    it('moves the commission with a lower subtotal through adjustments, keeping the history, and ignores an older update', async () => {
      const integration = await shop();
      const orderId = nextId('ord');
      const createdAt = new Date();
      await postGeneric(stack, integration.id, integration.signingSecret, simpleOrder({ orderId, codes: ['MAYA15'], createdAt }));
      await stack.settled();
      const order = await orderRow(stack, integration.id, orderId);
      const [created] = await stack.db.query(`SELECT * FROM order_adjustments WHERE order_id = $1`, [order!.id]);

      const update = simpleOrder({ orderId, eventId: nextId('evt-upd'), type: 'order.updated', subtotal: '80.00', codes: ['MAYA15'], createdAt, updatedAt: new Date(createdAt.getTime() + 60_000) });
      expect((await postGeneric(stack, integration.id, integration.signingSecret, update)).status).toBe(202);
      await stack.settled();

      expect(await orderRow(stack, integration.id, orderId)).toMatchObject({ subtotal_minor: '8000', total_minor: '9300', status: 'OPEN' });
      const adjustments = await stack.db.query(`SELECT * FROM order_adjustments WHERE order_id = $1 ORDER BY created_at, id`, [order!.id]);
      expect(adjustments.map((row: any) => [row.kind, row.subtotal_delta_minor, row.total_delta_minor])).toEqual([
        ['CREATED', '10000', '11300'],
        ['UPDATED', '-2000', '-2000'],
      ]);
      // The first adjustment is as it was written.
      expect(adjustments[0]).toEqual(created);

      const commission = await commissionOf(stack, order!.id);
      expect(commission).toMatchObject({ status: 'PENDING', amount_minor: '1200', quoted_amount_minor: '1200', basis_net_minor: '8000' });
      expect(await commissionAdjustments(stack, commission!.id)).toEqual([
        { kind: 'CREATED', delta: 1500n, after: 1500n },
        { kind: 'ORDER_UPDATED', delta: -300n, after: 1200n },
      ]);

      // A snapshot older than what is stored arrives late: skipped, nothing moves.
      const stale = simpleOrder({ orderId, eventId: nextId('evt-upd'), type: 'order.updated', subtotal: '50.00', createdAt, updatedAt: new Date(createdAt.getTime() + 30_000) });
      expect((await postGeneric(stack, integration.id, integration.signingSecret, stale)).status).toBe(202);
      await stack.settled();
      expect((await eventStatuses(stack, integration.id, orderId)).at(-1)).toMatchObject({ status: 'SKIPPED' });
      expect(await orderRow(stack, integration.id, orderId)).toMatchObject({ subtotal_minor: '8000' });
      expect(await commissionOf(stack, order!.id)).toMatchObject({ amount_minor: '1200' });
    });
  });
});


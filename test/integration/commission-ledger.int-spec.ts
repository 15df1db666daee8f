import { jest } from '@jest/globals';
import { userActor } from '@app/audit';
import { CommissionBooks, CommissionEntity, CommissionStatus, CommissionTransitions } from '@app/commissions';
import { Role } from '@app/core';
import { accountKeyString, AccountPurpose, brandAccount, creatorAccount, LEDGER_QUEUE, LedgerJob, LedgerService, platformAccount } from '@app/ledger';
import type { MadeIntegration } from '@app/testing';
import { Logger } from '@nestjs/common';
import { Queue, QueueEvents } from 'bullmq';
import { commissionBookings, expectLedgerBalanced } from '../support/ledger.js';
import { type CommissionRow, commissionsOf, deliver, HOUR, orderBody, placeOrder, refundBody, uniqueCode } from '../support/sales-orders.js';
import { type SalesStack, sellingCreator, startSalesStack } from '../support/sales-stack.js';

/**
 * Commissions in the ledger: each change of an approved or paid commission, made through the
 * real transitions and the real sales pipeline, books exactly the difference, with the
 * campaign's platform fee; after every scenario the ledger reconciles clean.
 */
describe('commissions in the ledger', () => {
  let stack: SalesStack;
  let financeId: string;

  beforeAll(async () => {
    stack = await startSalesStack();
    financeId = (await stack.make.user({ roles: [Role.FINANCE] })).id;
  }, 120_000);
  afterAll(() => stack.close());
  afterEach(() => expectLedgerBalanced(stack.db));

  const ledger = () => stack.api.get(LedgerService, { strict: false });
  /** A creator selling with their own code in a campaign charging `platformFeeBps`; commissions are ELIGIBLE at once (no hold window). */
  const setUp = async (platformFeeBps: number) => {
    const seller = await sellingCreator(stack, { terms: { platformFeeBps, holdDays: 0, disclosureRequired: false } });
    const code = uniqueCode('BOOK');
    await stack.sales.discountCode(seller, code);
    const shop = await stack.sales.integration(seller.campaign.organizationId, seller.brand.admin.id);
    const accounts = {
      brand: brandAccount(AccountPurpose.BRAND_PAYABLE, seller.campaign.organizationId, 'USD'),
      creator: creatorAccount(AccountPurpose.CREATOR_PAYABLE, seller.creatorId, 'USD'),
      receivable: creatorAccount(AccountPurpose.CREATOR_RECEIVABLE, seller.creatorId, 'USD'),
    };
    return { seller, code, shop, accounts };
  };
  const sale = async (shop: MadeIntegration, code: string): Promise<{ commission: CommissionRow; externalId: string }> => {
    const order = await placeOrder(stack, shop, { codes: [code] });
    const [commission] = await commissionsOf(stack, order.id);
    expect(commission).toMatchObject({ kind: 'SALE', status: 'ELIGIBLE', amount_minor: '1500' });
    return { commission: commission!, externalId: order.external_id };
  };
  const move = (id: string, to: CommissionStatus) =>
    stack.db.transaction(async (manager) => {
      const commission = await manager.findOneByOrFail(CommissionEntity, { id });
      await stack.api.get(CommissionTransitions, { strict: false }).apply(manager, commission, { to, reason: 'finance review', actor: userActor(financeId) });
    });
  const refund = async (shop: MadeIntegration, externalId: string, amountMinor: number) => {
    await deliver(stack, shop, refundBody(externalId, amountMinor));
    await stack.settled();
  };
  const balances = async (accounts: Record<string, ReturnType<typeof brandAccount>>) => {
    const keys = Object.values(accounts);
    const found = await ledger().balances(undefined, keys);
    return Object.fromEntries(Object.entries(accounts).map(([name, key]) => [name, found.get(accountKeyString(key))]));
  };
  const platformFees = async () => {
    const fees = platformAccount(AccountPurpose.PLATFORM_FEES, 'USD');
    return (await ledger().balances(undefined, [fees])).get(accountKeyString(fees))!;
  };

  it("books an approval: the brand owes commission and the campaign's fee, the creator is owed the commission, the platform earns the fee", async () => {
    const { shop, code, accounts } = await setUp(1_000);
    const { commission } = await sale(shop, code);
    expect(await commissionBookings(stack.db, commission.id)).toEqual([]);
    const feesBefore = await platformFees();

    await move(commission.id, CommissionStatus.APPROVED);
    // 15.00 commission; 10% fee is 1.50.
    expect(await commissionBookings(stack.db, commission.id)).toEqual([
      [
        'COMMISSION_APPROVED',
        [
          ['BRAND_PAYABLE', '1650'],
          ['CREATOR_PAYABLE', '-1500'],
          ['PLATFORM_FEES', '-150'],
        ],
      ],
    ]);
    expect(await balances(accounts)).toEqual({ brand: 1_650n, creator: -1_500n, receivable: 0n });
    expect((await platformFees()) - feesBefore).toBe(-150n);
    const [entry] = await ledger().entriesFor(undefined, { type: 'commission', id: commission.id });
    expect(entry).toMatchObject({ actor: { type: 'USER', id: financeId } });
    expect(entry!.postings.every((posting) => posting.commissionId === commission.id)).toBe(true);

    // Syncing again, twice in one transaction and once more, books nothing.
    const books = stack.api.get(CommissionBooks, { strict: false });
    await stack.db.transaction(async (manager) => {
      await books.sync(manager, [commission.id, commission.id], userActor(financeId));
      await books.sync(manager, [commission.id], userActor(financeId));
    });
    await stack.db.transaction((manager) => books.sync(manager, [commission.id], userActor(financeId)));
    expect(await commissionBookings(stack.db, commission.id)).toHaveLength(1);
    expect(await balances(accounts)).toEqual({ brand: 1_650n, creator: -1_500n, receivable: 0n });
  });

  it('books no fee line for a campaign without a platform fee', async () => {
    const { shop, code } = await setUp(0);
    const { commission } = await sale(shop, code);
    await move(commission.id, CommissionStatus.APPROVED);
    expect(await commissionBookings(stack.db, commission.id)).toEqual([
      [
        'COMMISSION_APPROVED',
        [
          ['BRAND_PAYABLE', '1500'],
          ['CREATOR_PAYABLE', '-1500'],
        ],
      ],
    ]);
  });

  it('books a partial refund of an approved commission as COMMISSION_ADJUSTED, the fee from the new amount', async () => {
    const { shop, code, accounts } = await setUp(1_000);
    const { commission, externalId } = await sale(shop, code);
    await move(commission.id, CommissionStatus.APPROVED);

    await refund(shop, externalId, 4_000);
    const [after] = await stack.db.query(`SELECT status, amount_minor FROM commissions WHERE id = $1`, [commission.id]);
    expect(after).toEqual({ status: 'APPROVED', amount_minor: '900' });
    // 9.00 now, fee 0.90: 6.00 and 0.60 come back.
    expect((await commissionBookings(stack.db, commission.id)).at(-1)).toEqual([
      'COMMISSION_ADJUSTED',
      [
        ['BRAND_PAYABLE', '-660'],
        ['CREATOR_PAYABLE', '600'],
        ['PLATFORM_FEES', '60'],
      ],
    ]);
    expect(await balances(accounts)).toEqual({ brand: 990n, creator: -900n, receivable: 0n });
    const [adjusted] = (await ledger().entriesFor(undefined, { type: 'commission', id: commission.id })).slice(-1);
    expect(adjusted!.actor).toEqual({ type: 'SYSTEM', id: 'sales-pipeline' });
  });

  it('books a reversal back to zero, once, when the order of an approved commission is cancelled', async () => {
    const { shop, code, accounts } = await setUp(1_000);
    const { commission, externalId } = await sale(shop, code);
    await move(commission.id, CommissionStatus.APPROVED);

    await deliver(stack, shop, orderBody({ id: externalId, type: 'order.cancelled', codes: [code], at: new Date(Date.now() - HOUR) }));
    await stack.settled();
    const [after] = await stack.db.query(`SELECT status, amount_minor FROM commissions WHERE id = $1`, [commission.id]);
    expect(after).toEqual({ status: 'REVERSED', amount_minor: '0' });
    expect((await commissionBookings(stack.db, commission.id)).map(([kind, lines]) => [kind, lines.map(([, amount]) => amount)])).toEqual([
      ['COMMISSION_APPROVED', ['1650', '-1500', '-150']],
      ['COMMISSION_REVERSED', ['-1650', '1500', '150']],
    ]);
    expect(await balances(accounts)).toEqual({ brand: 0n, creator: 0n, receivable: 0n });
  });

  it('takes an approved commission out of the books while it is back on hold, and books it again when approved again', async () => {
    const { shop, code, accounts } = await setUp(1_000);
    const { commission } = await sale(shop, code);
    await move(commission.id, CommissionStatus.APPROVED);
    await move(commission.id, CommissionStatus.ON_HOLD);
    expect(await balances(accounts)).toEqual({ brand: 0n, creator: 0n, receivable: 0n });
    await move(commission.id, CommissionStatus.ELIGIBLE);
    await move(commission.id, CommissionStatus.APPROVED);
    expect((await commissionBookings(stack.db, commission.id)).map(([kind]) => kind)).toEqual(['COMMISSION_APPROVED', 'COMMISSION_REVERSED', 'COMMISSION_APPROVED']);
    expect(await balances(accounts)).toEqual({ brand: 1_650n, creator: -1_500n, receivable: 0n });
  });

  it('books nothing more when a commission is paid, and a clawback after payment on the creator receivable', async () => {
    const { shop, code, accounts } = await setUp(1_000);
    const { commission, externalId } = await sale(shop, code);
    await move(commission.id, CommissionStatus.APPROVED);
    await move(commission.id, CommissionStatus.IN_PAYOUT);
    await move(commission.id, CommissionStatus.PAID);
    expect(await commissionBookings(stack.db, commission.id)).toHaveLength(1);

    await refund(shop, externalId, 4_000);
    const [sold, clawback, ...more] = await commissionsOf(stack, commission.order_id as string);
    expect(more).toEqual([]);
    expect(sold).toMatchObject({ id: commission.id, status: 'PAID', amount_minor: '1500' });
    expect(clawback).toMatchObject({ kind: 'CLAWBACK', status: 'APPROVED', amount_minor: '-600' });
    // 6.00 is owed back by the creator, and the brand is owed back 6.00 and its 0.60 fee.
    expect(await commissionBookings(stack.db, clawback!.id)).toEqual([
      [
        'CLAWBACK',
        [
          ['BRAND_PAYABLE', '-660'],
          ['CREATOR_RECEIVABLE', '600'],
          ['PLATFORM_FEES', '60'],
        ],
      ],
    ]);
    expect(await commissionBookings(stack.db, commission.id)).toHaveLength(1);
    expect(await balances(accounts)).toEqual({ brand: 990n, creator: -1_500n, receivable: 600n });
  });

  describe('the hourly reconciliation', () => {
    let queue: Queue;
    let events: QueueEvents;

    beforeAll(async () => {
      const options = { connection: { url: stack.config.redis.url }, prefix: `${stack.config.redis.keyPrefix}:q` };
      queue = new Queue(LEDGER_QUEUE, options);
      events = new QueueEvents(LEDGER_QUEUE, options);
      await events.waitUntilReady();
    });
    afterAll(async () => {
      await events.close();
      await queue.close();
    });

    it('is scheduled every hour by the worker', async () => {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((scheduler) => [scheduler.key ?? scheduler.id, Number(scheduler.every)])).toContainEqual([LedgerJob.Reconcile, 3_600_000]);
    });

    it('finds the books of every scenario above sound, and logs a corrupted cached balance at error level', async () => {
      const clean = await queue.add(LedgerJob.Reconcile, {});
      const report = (await clean.waitUntilFinished(events, 20_000)) as { balanced: boolean; totalsByCurrency: { currency: string; sumMinor: string }[] };
      expect(report).toMatchObject({ balanced: true, unbalancedEntries: 0, cachedBalanceDifferences: 0, commissionDifferences: 0 });
      expect(report.totalsByCurrency).toEqual([{ currency: 'USD', sumMinor: '0' }]);

      const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      const [account] = await stack.db.query(`SELECT id, balance_minor::text AS balance FROM ledger_accounts WHERE purpose = 'BRAND_PAYABLE' AND currency = 'USD' ORDER BY id LIMIT 1`);
      await stack.db.query(`UPDATE ledger_accounts SET balance_minor = balance_minor + 1 WHERE id = $1`, [account.id]);
      try {
        const corrupted = await queue.add(LedgerJob.Reconcile, {});
        expect(await corrupted.waitUntilFinished(events, 20_000)).toMatchObject({ balanced: false, cachedBalanceDifferences: 1, commissionDifferences: 0 });
        expect(errors.mock.calls.map(([, message]) => message)).toEqual(
          expect.arrayContaining(['Ledger account cached balance differs from its postings', 'Ledger reconciliation found differences']),
        );
      } finally {
        errors.mockRestore();
        await stack.db.query(`UPDATE ledger_accounts SET balance_minor = $2 WHERE id = $1`, [account.id, account.balance]);
      }
    });
  });
});

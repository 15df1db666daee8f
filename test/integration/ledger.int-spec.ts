import { systemActor, userActor } from '@app/audit';
import { baseDataSourceOptions, newId } from '@app/core';
import {
  type AccountKey,
  accountKeyString,
  AccountPurpose,
  brandAccount,
  creatorAccount,
  type EntryInput,
  EntryKind,
  LEDGER_ENTITIES,
  LedgerException,
  LedgerReconciler,
  LedgerService,
  platformAccount,
} from '@app/ledger';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { DataSource, type EntityManager } from 'typeorm';
import { expectLedgerBalanced, reconcileLedger } from '../support/ledger.js';

/**
 * The ledger on its own: what the database refuses whoever writes, what the service refuses
 * before writing, balances from postings against the cache, reconciliation, and many
 * transactions posting to the same accounts at once.
 */
describe('the ledger', () => {
  let database: TestDatabase;
  let db: DataSource;
  let ledger: LedgerService;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource({ ...baseDataSourceOptions({ url: database.url, poolSize: 12 }), entities: LEDGER_ENTITIES });
    await db.initialize();
    ledger = new LedgerService(db, new LedgerReconciler(db));
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  const brand = (currency = 'USD') => brandAccount(AccountPurpose.BRAND_PAYABLE, newId(), currency);
  const creator = (currency = 'USD') => creatorAccount(AccountPurpose.CREATOR_PAYABLE, newId(), currency);
  const transfer = (from: AccountKey, to: AccountKey, amountMinor: bigint, memo = 'test'): EntryInput => ({
    kind: EntryKind.BRAND_FUNDED,
    memo,
    postings: [
      { account: to, amountMinor },
      { account: from, amountMinor: -amountMinor },
    ],
  });
  /** The cached balance, or for the platform's accounts (which cache none) the sum of postings. */
  const cached = async (key: AccountKey): Promise<bigint> => {
    const [row] = await db.query(
      `SELECT coalesce(a.balance_minor, (SELECT sum(p.amount_minor) FROM ledger_postings p WHERE p.account_id = a.id), 0)::text AS b
         FROM ledger_accounts a WHERE owner_type = $1 AND owner_id IS NOT DISTINCT FROM $2 AND purpose = $3 AND currency = $4`,
      [key.owner, key.ownerId, key.purpose, key.currency],
    );
    return row ? BigInt(row.b) : 0n;
  };
  const accountId = async (key: AccountKey): Promise<string> =>
    (
      await db.query(`SELECT id FROM ledger_accounts WHERE owner_type = $1 AND owner_id IS NOT DISTINCT FROM $2 AND purpose = $3 AND currency = $4`, [
        key.owner,
        key.ownerId,
        key.purpose,
        key.currency,
      ])
    )[0].id;
  /** Writes an entry and its postings with plain SQL in one transaction, as any client could. */
  const rawEntry = (postings: { account: string; currency: string; amount: bigint }[]) =>
    db.transaction(async (manager) => {
      const entryId = newId();
      await manager.query(`INSERT INTO journal_entries (id, kind, memo, actor_type) VALUES ($1, 'BRAND_FUNDED', 'by hand', 'SYSTEM')`, [entryId]);
      for (const posting of postings) {
        await manager.query(`INSERT INTO ledger_postings (id, entry_id, account_id, currency, amount_minor) VALUES ($1, $2, $3, $4, $5)`, [
          newId(),
          entryId,
          posting.account,
          posting.currency,
          posting.amount.toString(),
        ]);
      }
      return entryId;
    });
  const entryCount = async (): Promise<number> => (await db.query(`SELECT count(*)::int AS n FROM journal_entries`))[0].n;

  describe('posting', () => {
    it('posts an entry, makes its accounts on first use, and reads it back by its reference', async () => {
      const [payable, earned] = [brand(), creator()];
      const transit = platformAccount(AccountPurpose.PAYOUTS_IN_TRANSIT, 'USD');
      const reference = { type: 'payout', id: newId() };
      const { id } = await db.transaction((manager) =>
        ledger.post(manager, {
          kind: EntryKind.PAYOUT_INITIATED,
          memo: 'payout of 15.00',
          reference,
          actor: userActor('finance-1'),
          postings: [
            { account: earned, amountMinor: 1_500n },
            { account: transit, amountMinor: -1_500n },
            { account: payable, amountMinor: -200n },
            { account: brandAccount(AccountPurpose.BRAND_FUNDING, payable.ownerId!, 'USD'), amountMinor: 200n },
          ],
        }),
      );
      const [entry, ...more] = await ledger.entriesFor(undefined, reference);
      expect(more).toEqual([]);
      expect(entry).toMatchObject({ id, kind: 'PAYOUT_INITIATED', memo: 'payout of 15.00', reference, actor: { type: 'USER', id: 'finance-1' } });
      expect(entry!.createdAt).toBeInstanceOf(Date);
      expect(entry!.postings.map((p) => [p.account, p.amountMinor, p.commissionId])).toEqual([
        [earned, 1_500n, null],
        [transit, -1_500n, null],
        [payable, -200n, null],
        [brandAccount(AccountPurpose.BRAND_FUNDING, payable.ownerId!, 'USD'), 200n, null],
      ]);
      expect(await cached(payable)).toBe(-200n);
      expect(await cached(earned)).toBe(1_500n);
      expect(await ledger.entriesFor(undefined, { type: 'payout', id: newId() })).toEqual([]);
    });

    it('derives balances from postings, equal to the cached ones; an account never used is zero', async () => {
      const [payable, earned, unused] = [brand(), creator(), creator()];
      await db.transaction(async (manager) => {
        await ledger.postMany(manager, [transfer(earned, payable, 700n), transfer(payable, earned, 200n), transfer(earned, payable, 5n)]);
      });
      const balances = await ledger.balances(undefined, [payable, earned, unused, payable]);
      expect([...balances]).toEqual([
        [accountKeyString(payable), 505n],
        [accountKeyString(earned), -505n],
        [accountKeyString(unused), 0n],
      ]);
      expect([await cached(payable), await cached(earned)]).toEqual([505n, -505n]);
      await expectLedgerBalanced(db);
    });

    it('keeps the platform accounts (no owner id) one per purpose and currency', async () => {
      const fees = platformAccount(AccountPurpose.PLATFORM_FEES, 'GBP');
      await db.transaction((manager) => ledger.post(manager, transfer(brand('GBP'), fees, 10n)));
      await db.transaction((manager) => ledger.post(manager, transfer(brand('GBP'), fees, 15n)));
      const [row] = await db.query(`SELECT count(*)::int AS n FROM ledger_accounts WHERE purpose = 'PLATFORM_FEES' AND currency = 'GBP'`);
      expect(row.n).toBe(1);
      await expect(
        db.query(`INSERT INTO ledger_accounts (id, owner_type, owner_id, purpose, currency, balance_minor) VALUES ($1, 'PLATFORM', NULL, 'PLATFORM_FEES', 'GBP', NULL)`, [newId()]),
      ).rejects.toThrow(/uq_ledger_accounts_key/);
      // The platform's accounts keep no cached balance (every payout posts to them); the others always do.
      const [cachedOrNot] = await db.query(`SELECT balance_minor FROM ledger_accounts WHERE purpose = 'PLATFORM_FEES' AND currency = 'GBP'`);
      expect(cachedOrNot.balance_minor).toBeNull();
      await expect(
        db.query(`INSERT INTO ledger_accounts (id, owner_type, owner_id, purpose, currency, balance_minor) VALUES ($1, 'PLATFORM', NULL, 'STRIPE_CLEARING', 'GBP', 0)`, [newId()]),
      ).rejects.toThrow(/chk_ledger_accounts_cached/);
      expect((await ledger.balances(undefined, [fees])).get(accountKeyString(fees))).toBe(25n);
    });

    it('posts an entry over several currencies when each balances on its own', async () => {
      const [usd, eur] = [brand('USD'), brand('EUR')];
      const [usdCreator, eurCreator] = [creator('USD'), creator('EUR')];
      await db.transaction((manager) =>
        ledger.post(manager, {
          kind: EntryKind.PAYOUT_INITIATED,
          memo: 'two currencies',
          postings: [
            { account: usd, amountMinor: 100n },
            { account: usdCreator, amountMinor: -100n },
            { account: eur, amountMinor: 90n },
            { account: eurCreator, amountMinor: -90n },
          ],
        }),
      );
      expect([await cached(usd), await cached(eur)]).toEqual([100n, 90n]);
      await expectLedgerBalanced(db);
    });

    it.each<[string, (a: AccountKey, b: AccountKey) => EntryInput['postings'], RegExp]>([
      ['no postings', () => [], /at least two postings/],
      ['a single posting', (a) => [{ account: a, amountMinor: 5n }], /at least two postings/],
      ['a zero amount', (a, b) => [{ account: a, amountMinor: 0n }, { account: b, amountMinor: 0n }], /must not be zero/],
      ['a number for an amount', (a, b) => [{ account: a, amountMinor: 5 as unknown as bigint }, { account: b, amountMinor: -5n }], /must be a bigint/],
      ['postings that do not sum to zero', (a, b) => [{ account: a, amountMinor: 5n }, { account: b, amountMinor: -4n }], /sum to zero/],
      [
        'currencies that balance only together',
        (a, b) => [{ account: a, amountMinor: 5n }, { account: { ...b, currency: 'EUR' }, amountMinor: -5n }],
        /sum to zero in each currency/,
      ],
    ])('refuses, in code and before writing anything, an entry with %s', async (_name, postings, message) => {
      const before = await entryCount();
      const entry: EntryInput = { kind: EntryKind.BRAND_FUNDED, memo: 'bad', postings: postings(brand(), creator()) };
      const attempt = db.transaction((manager) => ledger.post(manager, entry));
      await expect(attempt).rejects.toThrow(LedgerException);
      await expect(db.transaction((manager) => ledger.post(manager, entry))).rejects.toThrow(message);
      expect(await entryCount()).toBe(before);
    });

    it('refuses to post outside a transaction', async () => {
      await expect(ledger.post(db.manager, transfer(brand(), creator(), 1n))).rejects.toThrow(/transaction/);
    });

    it('leaves no entry, and no balance moved, when the change it records rolls back', async () => {
      const [payable, earned] = [brand(), creator()];
      await db.transaction((manager) => ledger.post(manager, transfer(earned, payable, 40n)));
      await expect(
        db.transaction(async (manager) => {
          await ledger.post(manager, transfer(earned, payable, 60n));
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect(await cached(payable)).toBe(40n);
      expect((await ledger.balances(undefined, [payable])).get(accountKeyString(payable))).toBe(40n);
    });
  });

  describe('the database, whoever writes', () => {
    let payableId: string;
    let earnedId: string;
    let eurId: string;

    beforeAll(async () => {
      const [payable, earned, eur] = [brand(), creator(), brand('EUR')];
      await db.transaction((manager) => ledger.postMany(manager, [transfer(earned, payable, 1n), transfer(creator('EUR'), eur, 1n)]));
      [payableId, earnedId, eurId] = [await accountId(payable), await accountId(earned), await accountId(eur)];
    });

    it('refuses, at commit, an entry whose postings do not sum to zero, and keeps none of it', async () => {
      const before = await entryCount();
      await expect(
        rawEntry([
          { account: payableId, currency: 'USD', amount: 100n },
          { account: earnedId, currency: 'USD', amount: -99n },
        ]),
      ).rejects.toThrow(/does not balance: postings sum to USD 1 instead of zero/);
      expect(await entryCount()).toBe(before);
    });

    it('lets the statements of an entry run unbalanced until commit (the check is deferred)', async () => {
      const entryId = await rawEntry([
        { account: payableId, currency: 'USD', amount: 100n },
        { account: earnedId, currency: 'USD', amount: -60n },
        { account: earnedId, currency: 'USD', amount: -40n },
      ]);
      expect((await db.query(`SELECT count(*)::int AS n FROM ledger_postings WHERE entry_id = $1`, [entryId]))[0].n).toBe(3);
      // Raw SQL does not move cached balances: put them right for the rest of the file.
      await db.query(`UPDATE ledger_accounts SET balance_minor = balance_minor + 100 WHERE id = $1`, [payableId]);
      await db.query(`UPDATE ledger_accounts SET balance_minor = balance_minor - 100 WHERE id = $1`, [earnedId]);
    });

    it('refuses an entry with a single posting, or none', async () => {
      await expect(rawEntry([{ account: payableId, currency: 'USD', amount: 100n }])).rejects.toThrow(/has 1 posting\(s\); an entry needs at least two/);
      await expect(rawEntry([])).rejects.toThrow(/has 0 posting\(s\)/);
    });

    it('refuses an entry balanced overall but not in each currency, and a posting in another currency than its account', async () => {
      await expect(
        rawEntry([
          { account: payableId, currency: 'USD', amount: 100n },
          { account: eurId, currency: 'EUR', amount: -100n },
        ]),
      ).rejects.toThrow(/does not balance: postings sum to EUR -100, USD 100 instead of zero/);
      await expect(
        rawEntry([
          { account: payableId, currency: 'EUR', amount: 100n },
          { account: eurId, currency: 'EUR', amount: -100n },
        ]),
      ).rejects.toThrow(/fk_ledger_postings_account_currency/);
    });

    it('refuses zero postings', async () => {
      await expect(
        rawEntry([
          { account: payableId, currency: 'USD', amount: 0n },
          { account: earnedId, currency: 'USD', amount: 0n },
        ]),
      ).rejects.toThrow(/chk_ledger_postings_amount/);
    });

    it.each(['journal_entries', 'ledger_postings'])('refuses UPDATE, DELETE and TRUNCATE on %s', async (table) => {
      const column = table === 'journal_entries' ? 'memo' : 'commission_id';
      const value = table === 'journal_entries' ? `'rewritten'` : 'NULL';
      const before = await db.query(`SELECT * FROM ${table} ORDER BY id`);
      expect(before.length).toBeGreaterThan(0);
      await expect(db.query(`UPDATE ${table} SET ${column} = ${value}`)).rejects.toThrow(`${table} is append-only`);
      await expect(db.query(`DELETE FROM ${table}`)).rejects.toThrow(`${table} is append-only`);
      await expect(db.query(`TRUNCATE ${table} CASCADE`)).rejects.toThrow(/is append-only/);
      await expect(db.query(`TRUNCATE ledger_accounts CASCADE`)).rejects.toThrow(/is append-only/);
      expect(await db.query(`SELECT * FROM ${table} ORDER BY id`)).toEqual(before);
    });
  });

  describe('reconciliation', () => {
    it('finds a clean ledger clean, every currency summing to zero', async () => {
      const report = await reconcileLedger(db);
      expect(report).toMatchObject({ balanced: true, unbalancedEntries: [], cachedBalanceDifferences: [], commissionDifferences: [] });
      expect(report.totalsByCurrency.map((t) => t.currency)).toEqual(expect.arrayContaining(['EUR', 'GBP', 'USD']));
      expect(report.totalsByCurrency.every((t) => t.sumMinor === '0')).toBe(true);
    });

    it('reports a cached balance that differs from its postings (the cache may be written; postings may not)', async () => {
      const payable = brand();
      await db.transaction((manager) => ledger.post(manager, transfer(creator(), payable, 300n)));
      const id = await accountId(payable);
      await db.query(`UPDATE ledger_accounts SET balance_minor = 999 WHERE id = $1`, [id]);
      try {
        const report = await reconcileLedger(db);
        expect(report.balanced).toBe(false);
        expect(report.cachedBalanceDifferences).toEqual([{ accountId: id, account: payable, cachedMinor: '999', postedMinor: '300' }]);
        expect(report.unbalancedEntries).toEqual([]);
        expect((await ledger.balances(undefined, [payable])).get(accountKeyString(payable))).toBe(300n);
      } finally {
        await db.query(`UPDATE ledger_accounts SET balance_minor = 300 WHERE id = $1`, [id]);
      }
      await expectLedgerBalanced(db);
    });

    it('reports postings that claim to book a commission that does not exist', async () => {
      const ghost = newId();
      const entry = transfer(creator(), brand(), 10n);
      entry.postings = entry.postings.map((posting) => ({ ...posting, commissionId: ghost }));
      entry.kind = EntryKind.COMMISSION_APPROVED;
      await db.transaction((manager) => ledger.post(manager, { ...entry, reference: { type: 'commission', id: ghost } }));
      expect((await ledger.entriesFor(undefined, { type: 'commission', id: ghost }))[0]!.postings.map((p) => p.commissionId)).toEqual([ghost, ghost]);
      const report = await reconcileLedger(db);
      expect(report.commissionDifferences).toEqual([
        { commissionId: ghost, status: null, currency: 'USD', expectedMinor: '0', bookedMinor: '10', expectedFeeMinor: '0', bookedFeeMinor: '0' },
      ]);
      expect(report.balanced).toBe(false);
      // Immutable: the only way back is the correcting entry.
      await db.transaction((manager) =>
        ledger.post(manager, { ...entry, kind: EntryKind.COMMISSION_REVERSED, postings: entry.postings.map((p) => ({ ...p, amountMinor: -p.amountMinor })) }),
      );
      await expectLedgerBalanced(db);
    });
  });

  describe('concurrency', () => {
    it('gives the right balances when 20 transactions post to the same accounts at once, in both directions, from their first use', async () => {
      const [payable, earned] = [brand('JPY'), creator('JPY')];
      const fees = platformAccount(AccountPurpose.PLATFORM_FEES, 'JPY');
      const post = (n: number) =>
        db.transaction(async (manager: EntityManager) => {
          // Half name the accounts in one order, half in the other: locking in id order keeps them from deadlocking.
          const postings =
            n % 2 === 0
              ? [
                  { account: payable, amountMinor: BigInt(n + 11) },
                  { account: earned, amountMinor: -BigInt(n + 10) },
                  { account: fees, amountMinor: -1n },
                ]
              : [
                  { account: fees, amountMinor: -1n },
                  { account: earned, amountMinor: -BigInt(n + 10) },
                  { account: payable, amountMinor: BigInt(n + 11) },
                ];
          await ledger.post(manager, { kind: EntryKind.COMMISSION_APPROVED, memo: `parallel ${n}`, actor: systemActor('test'), postings });
          // Hold the locks a moment, so the others really queue behind this one.
          await manager.query('SELECT pg_sleep(0.01)');
        });
      const results = await Promise.allSettled(Array.from({ length: 20 }, (_, n) => post(n)));
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);

      // Σ (n + 10) for n in 0..19 = 190 + 200.
      expect(await cached(earned)).toBe(-390n);
      expect(await cached(payable)).toBe(410n);
      expect(await cached(fees)).toBe(-20n);
      const derived = await ledger.balances(undefined, [payable, earned, fees]);
      expect([...derived.values()]).toEqual([410n, -390n, -20n]);
      const [accounts] = await db.query(`SELECT count(*)::int AS n FROM ledger_accounts WHERE currency = 'JPY'`);
      expect(accounts.n).toBe(3);
      await expectLedgerBalanced(db);
    });
  });
});

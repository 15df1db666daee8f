import { type DataSource } from 'typeorm';
import { note, ProgressBar } from '../bench-report.js';
import { type BuiltOrder } from './orders-fixture.js';

/**
 * Stored events the worker has not applied yet. It reads the inbox's partial index of
 * RECEIVED events: counting whole tables ten times a second would cost PostgreSQL more
 * than the worker's own queries, and slow the worker down.
 */
export async function unapplied(db: DataSource): Promise<number> {
  const [row] = (await db.query(`SELECT count(*)::int AS n FROM order_events WHERE status = 'RECEIVED'`)) as [{ n: number }];
  return row.n;
}

/**
 * Polls until every stored event is applied: the worker records an order, its decision and
 * its commission in the event's one transaction, so then every order has them (the books
 * check it after). Returns when, or null when `waitSeconds` (BENCH_WAIT_SECONDS) ran out.
 */
export async function waitForAttribution(db: DataSource, orders: number, waitSeconds: number): Promise<number | null> {
  const bar = new ProgressBar('attributing orders', orders);
  const deadline = Date.now() + waitSeconds * 1_000;
  for (;;) {
    const now = Date.now();
    const pending = await unapplied(db);
    bar.update(orders - pending);
    if (pending === 0) {
      bar.finish();
      return now;
    }
    if (now > deadline) {
      process.stderr.write('\n');
      note(`gave up after ${waitSeconds} s: ${pending} events not applied`);
      return null;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface Books {
  orders: number;
  inboxRows: number;
  applied: number;
  decisions: number;
  createdAdjustments: number;
  commissions: number;
  commissionAdjustments: number;
  held: number;
  totalMinor: bigint;
  wrongCreator: number;
  wrongAmount: number;
  missingCommission: number;
  unexpectedCommission: number;
}

export async function readBooks(db: DataSource, orders: ReadonlyMap<string, BuiltOrder>): Promise<Books> {
  const [counts] = (await db.query(
    `SELECT (SELECT count(*) FROM orders)::int AS orders,
            (SELECT count(*) FROM order_events)::int AS inbox_rows,
            (SELECT count(*) FROM order_events WHERE status = 'APPLIED')::int AS applied,
            (SELECT count(*) FROM attribution_decisions)::int AS decisions,
            (SELECT count(*) FROM order_adjustments WHERE kind = 'CREATED')::int AS created_adjustments,
            (SELECT count(*) FROM commissions)::int AS commissions,
            (SELECT count(*) FROM commission_adjustments)::int AS commission_adjustments,
            (SELECT count(*) FROM commissions WHERE status = 'ON_HOLD')::int AS held,
            (SELECT COALESCE(sum(amount_minor), 0)::text FROM commissions) AS total_minor`,
  )) as [Record<string, number | string>];
  const rows: { external_id: string; creator_id: string | null; amount_minor: string | null }[] = await db.query(
    `SELECT o.external_id, o.creator_id, c.amount_minor::text AS amount_minor FROM orders o LEFT JOIN commissions c ON c.order_id = o.id AND c.kind = 'SALE'`,
  );
  let wrongCreator = 0;
  let wrongAmount = 0;
  let missingCommission = 0;
  let unexpectedCommission = 0;
  for (const row of rows) {
    const built = orders.get(row.external_id);
    if (!built) continue;
    if ((built.enrollment?.creatorId ?? null) !== row.creator_id) wrongCreator += 1;
    if (built.enrollment && row.amount_minor === null) missingCommission += 1;
    else if (!built.enrollment && row.amount_minor !== null) unexpectedCommission += 1;
    else if (row.amount_minor !== null && BigInt(row.amount_minor) !== built.expectedCommissionMinor) wrongAmount += 1;
  }
  return {
    orders: Number(counts.orders),
    inboxRows: Number(counts.inbox_rows),
    applied: Number(counts.applied),
    decisions: Number(counts.decisions),
    createdAdjustments: Number(counts.created_adjustments),
    commissions: Number(counts.commissions),
    commissionAdjustments: Number(counts.commission_adjustments),
    held: Number(counts.held),
    totalMinor: BigInt(counts.total_minor!),
    wrongCreator,
    wrongAmount,
    missingCommission,
    unexpectedCommission,
  };
}

/** What the books must hold, computed from the built orders. */
export interface ExpectedBooks {
  orders: number;
  commissions: number;
  totalMinor: bigint;
}

/** The checks on the books, each a line to print and whether it holds. */
export function bookChecks(books: Books, expected: ExpectedBooks): [string, boolean][] {
  const { orders, commissions, totalMinor } = expected;
  return [
    [`exactly ${orders} orders (got ${books.orders})`, books.orders === orders],
    [`${orders} inbox rows, each APPLIED (got ${books.inboxRows}, ${books.applied} applied)`, books.inboxRows === orders && books.applied === orders],
    [`one decision and one CREATED adjustment per order (got ${books.decisions} and ${books.createdAdjustments})`, books.decisions === orders && books.createdAdjustments === orders],
    [`each order attributed to its creator, or to none (${books.wrongCreator} wrong)`, books.wrongCreator === 0],
    [`${commissions} commissions (got ${books.commissions}; ${books.missingCommission} missing, ${books.unexpectedCommission} unexpected)`, books.commissions === commissions && books.missingCommission === 0 && books.unexpectedCommission === 0],
    [`one CREATED commission adjustment per commission (got ${books.commissionAdjustments})`, books.commissionAdjustments === books.commissions],
    [`each commission equal to its recomputation (${books.wrongAmount} differ)`, books.wrongAmount === 0],
    [`total commission ${books.totalMinor} = recomputed ${totalMinor} (minor units)`, books.totalMinor === totalMinor],
  ];
}

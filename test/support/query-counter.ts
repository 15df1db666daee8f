import type { BeforeQueryEvent, DataSource, EntitySubscriberInterface } from 'typeorm';

export interface CountedQueries<T> {
  /** What the callback returned. */
  result: T;
  /** How many SQL statements the data source sent while the callback ran. */
  count: number;
  /** Their text, in order, for a failure message worth reading. */
  statements: string[];
}

/**
 * Counts the SQL statements `db` sends while `work` runs, every one that goes through a
 * TypeORM query runner: repository and query-builder calls, `db.query`, and the
 * `START TRANSACTION`/`COMMIT` of transactions. It listens with a TypeORM subscriber's
 * `beforeQuery` hook, added for the duration of the call and removed afterwards.
 *
 * Use it to prove a field resolver is batched: the count for a page of 50 must equal the
 * count for a page of 5. Run nothing else on `db` meanwhile (a test file's requests are
 * sequential), or those statements are counted too.
 *
 * ```ts
 * const { count, statements } = await countQueries(t.db, () => t.gql.as(token).ok(QUERY, { first: 50 }));
 * expect(count).toBeLessThanOrEqual(6);
 * ```
 */
export async function countQueries<T>(db: DataSource, work: () => Promise<T>): Promise<CountedQueries<T>> {
  const statements: string[] = [];
  const counter: EntitySubscriberInterface = {
    beforeQuery(event: BeforeQueryEvent) {
      statements.push(event.query);
    },
  };
  db.subscribers.push(counter);
  try {
    const result = await work();
    return { result, count: statements.length, statements: [...statements] };
  } finally {
    const index = db.subscribers.indexOf(counter);
    if (index >= 0) db.subscribers.splice(index, 1);
  }
}

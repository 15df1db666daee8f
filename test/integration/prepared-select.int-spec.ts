import { baseDataSourceOptions, preparedSelect } from '@app/core';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { DataSource } from 'typeorm';

describe('preparedSelect', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    // One connection, so every call below lands on the same session.
    db = new DataSource({ ...baseDataSourceOptions({ url: database.url, poolSize: 1 }) });
    await db.initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  const SQUARES = `SELECT g AS n, g * g AS square FROM generate_series(1, $1::int) g ORDER BY g`;
  const PREPARED = `SELECT statement FROM pg_prepared_statements`;

  it('answers as a plain query does, with the parameters given', async () => {
    const rows = await preparedSelect<{ n: number; square: number }>(db.manager, SQUARES, [3]);
    expect(rows).toEqual([
      { n: 1, square: 1 },
      { n: 2, square: 4 },
      { n: 3, square: 9 },
    ]);
    expect(await preparedSelect(db.manager, SQUARES, [1])).toEqual(await db.query(SQUARES, [1]));
  });

  it('prepares each statement once per connection, however often it runs', async () => {
    for (let i = 0; i < 5; i += 1) await preparedSelect(db.manager, SQUARES, [i]);
    const prepared = await preparedSelect<{ statement: string }>(db.manager, PREPARED, []);
    expect(prepared.filter((row) => row.statement === SQUARES)).toHaveLength(1);
  });

  it("runs in a transaction on the transaction's own connection, so it sees the transaction's writes", async () => {
    await db.query(`CREATE TABLE prepared_probe (id int)`);
    await db.transaction(async (manager) => {
      await manager.query(`INSERT INTO prepared_probe VALUES (7)`);
      expect(await preparedSelect(manager, `SELECT id FROM prepared_probe`, [])).toEqual([{ id: 7 }]);
    });
  });
});

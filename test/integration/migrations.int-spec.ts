import { ANALYTICS_ENTITIES } from '@app/analytics';
import { ATTRIBUTION_ENTITIES } from '@app/attribution';
import { AUDIT_ENTITIES } from '@app/audit';
import { COMMISSIONS_ENTITIES } from '@app/commissions';
import { baseDataSourceOptions, MIGRATIONS, OutboxMessageEntity } from '@app/core';
import { FRAUD_ENTITIES } from '@app/fraud';
import { DISCLOSURES_ENTITIES } from '@app/disclosures';
import { LEDGER_ENTITIES } from '@app/ledger';
import { TRACKING_ENTITIES } from '@app/tracking';
import { CAMPAIGNS_ENTITIES } from '@app/campaigns';
import { CREATORS_ENTITIES } from '@app/creators';
import { IDENTITY_ENTITIES } from '@app/identity';
import { PAYOUTS_ENTITIES } from '@app/payouts';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { DataSource } from 'typeorm';

/** Every entity of every domain: the schema the code expects. */
const ALL_ENTITIES = [
  ...IDENTITY_ENTITIES,
  ...CREATORS_ENTITIES,
  ...CAMPAIGNS_ENTITIES,
  ...TRACKING_ENTITIES,
  ...AUDIT_ENTITIES,
  ...ATTRIBUTION_ENTITIES,
  ...FRAUD_ENTITIES,
  ...COMMISSIONS_ENTITIES,
  ...LEDGER_ENTITIES,
  ...PAYOUTS_ENTITIES,
  ...DISCLOSURES_ENTITIES,
  ...ANALYTICS_ENTITIES,
  OutboxMessageEntity,
];

describe('migrations', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource({ ...baseDataSourceOptions({ url: database.url, poolSize: 2 }), entities: ALL_ENTITIES, migrations: MIGRATIONS });
    await db.initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  const tables = async () =>
    (await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)).map(
      (row: { table_name: string }) => row.table_name,
    );

  it('build exactly the schema the entities describe (no migration is missing)', async () => {
    const pending = await db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('have all run on the template, and none is pending', async () => {
    expect(await db.showMigrations()).toBe(false);
  });

  it('revert completely with their down steps, and apply again from an empty schema', async () => {
    const before = await tables();
    for (let i = 0; i < MIGRATIONS.length; i += 1) await db.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual(['schema_migrations']);

    await db.runMigrations({ transaction: 'each' });
    expect(await tables()).toEqual(before);
    expect((await db.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });

  it('enforce the rules entities cannot: emails unique whatever their case', async () => {
    const insert = (id: string, email: string) =>
      db.query(`INSERT INTO users (id, email, display_name, password_hash) VALUES ($1, $2, 'x', 'x')`, [id, email]);
    await insert('0190d6a1-0000-7000-8000-000000000001', 'case@example.com');
    await expect(insert('0190d6a1-0000-7000-8000-000000000002', 'CASE@example.com')).rejects.toThrow(/uq_users_email_lower/);
  });

  it('enforce the rules entities cannot: social handles unique per platform whatever their case', async () => {
    await db.query(`INSERT INTO users (id, email, display_name, password_hash) VALUES ('0190d6a1-0000-7000-8000-000000000010', 'h@example.com', 'x', 'x')`);
    await db.query(`INSERT INTO creator_profiles (id, user_id, display_name) VALUES ('0190d6a1-0000-7000-8000-000000000011', '0190d6a1-0000-7000-8000-000000000010', 'x')`);
    const insert = (id: string, platform: string, handle: string) =>
      db.query(
        `INSERT INTO social_accounts (id, creator_id, platform, handle, followers, avg_likes, avg_comments, engagement_rate)
         VALUES ($1, '0190d6a1-0000-7000-8000-000000000011', $2, $3, 1, 0, 0, 0)`,
        [id, platform, handle],
      );
    await insert('0190d6a1-0000-7000-8000-000000000012', 'INSTAGRAM', 'maya.makes');
    await insert('0190d6a1-0000-7000-8000-000000000013', 'TIKTOK', 'maya.makes');
    await expect(insert('0190d6a1-0000-7000-8000-000000000014', 'INSTAGRAM', 'Maya.Makes')).rejects.toThrow(/uq_social_accounts_platform_handle/);
  });
});

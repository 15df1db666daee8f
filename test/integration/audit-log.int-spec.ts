import {
  AUDIT_ENTITIES,
  AuditActorType,
  AuditService,
  changedFields,
  systemActor,
  userActor,
} from '@app/audit';
import { baseDataSourceOptions, newId, runInRequestContext } from '@app/core';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { DataSource, type Logger } from 'typeorm';

class RollBack extends Error {}

describe('the audit log', () => {
  let database: TestDatabase;
  let db: DataSource;
  let audit: AuditService;
  const orgId = newId();
  const queries: string[] = [];
  const ignore = () => undefined;
  const logger: Logger = {
    logQuery: (sql) => void queries.push(sql),
    logQueryError: ignore,
    logQuerySlow: ignore,
    logSchemaBuild: ignore,
    logMigration: ignore,
    log: ignore,
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource({ ...baseDataSourceOptions({ url: database.url, poolSize: 2 }), entities: AUDIT_ENTITIES, logger });
    await db.initialize();
    audit = new AuditService(db);
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it('writes entries in the caller transaction, with one statement, and reads them back oldest first', async () => {
    const [commission, other, untouched] = [newId(), newId(), newId()];
    queries.length = 0;
    await db.transaction(async (manager) => {
      await audit.recordMany(manager, [
        {
          actor: systemActor('commissions.create'),
          organizationId: orgId,
          action: 'commission.created',
          entityType: 'commission',
          entityId: commission,
          ...changedFields(null, { status: 'PENDING', amountMinor: 1_250n }),
        },
        {
          actor: userActor('u-1'),
          organizationId: orgId,
          action: 'commission.status_changed',
          entityType: 'commission',
          entityId: commission,
          ...changedFields({ status: 'PENDING', amountMinor: 1_250n }, { status: 'APPROVED', amountMinor: 1_250n }),
          reason: 'looks fine',
          requestId: 'req-1',
        },
        { actor: userActor('u-1'), action: 'commission.created', entityType: 'commission', entityId: other },
      ]);
    });
    expect(queries.filter((sql) => sql.startsWith('INSERT'))).toHaveLength(1);
    expect(queries.find((sql) => sql.startsWith('INSERT'))).not.toMatch(/RETURNING/);

    const entries = await audit.entriesFor('commission', [commission, other, untouched, commission]);
    expect([...entries.keys()]).toEqual([commission, other, untouched]);
    expect(entries.get(untouched)).toEqual([]);
    expect(entries.get(commission)).toMatchObject([
      {
        action: 'commission.created',
        actor: { type: AuditActorType.SYSTEM, id: 'commissions.create' },
        before: null,
        after: { status: 'PENDING', amountMinor: '1250' },
      },
      {
        action: 'commission.status_changed',
        actor: { type: AuditActorType.USER, id: 'u-1' },
        before: { status: 'PENDING' },
        after: { status: 'APPROVED' },
        reason: 'looks fine',
        requestId: 'req-1',
        organizationId: orgId,
      },
    ]);
    expect(entries.get(other)).toMatchObject([{ organizationId: null, before: null, after: null, reason: null }]);
    expect(entries.get(commission)![0]!.createdAt).toBeInstanceOf(Date);
  });

  it('leaves no entry when the change rolls back', async () => {
    const id = newId();
    await expect(
      db.transaction(async (manager) => {
        await audit.record(manager, { actor: userActor('u-2'), action: 'code.revoked', entityType: 'discount_code', entityId: id });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await audit.entriesFor('discount_code', [id])).get(id)).toEqual([]);
  });

  it("names the request being handled unless the caller names one, and none in a job", async () => {
    const [inRequest, named, inJob] = [newId(), newId(), newId()];
    const entry = (entityId: string) => ({ actor: userActor('u-4'), action: 'x.changed', entityType: 'request_test', entityId });
    await runInRequestContext({ requestId: 'req-from-context' }, () =>
      db.transaction(async (manager) => {
        await audit.record(manager, entry(inRequest));
        await audit.record(manager, { ...entry(named), requestId: 'req-named' });
      }),
    );
    await db.transaction((manager) => audit.record(manager, entry(inJob)));
    const entries = await audit.entriesFor('request_test', [inRequest, named, inJob]);
    expect([inRequest, named, inJob].map((id) => entries.get(id)![0]!.requestId)).toEqual(['req-from-context', 'req-named', null]);
  });

  it('refuses to write outside a transaction', async () => {
    const entry = { actor: userActor('u-3'), action: 'x.y', entityType: 'x', entityId: 'y' };
    await expect(audit.record(db.manager, entry)).rejects.toThrow(/transaction/);
  });

  it('stores a batch larger than one statement holds', async () => {
    const id = newId();
    const entries = Array.from({ length: 2_345 }, (_, n) => ({
      actor: systemActor('bulk'),
      action: 'link.clicked',
      entityType: 'link',
      entityId: id,
      after: { n },
    }));
    await db.transaction((manager) => audit.recordMany(manager, entries));
    const stored = (await audit.entriesFor('link', [id])).get(id)!;
    expect(stored.map((entry) => entry.after?.n)).toEqual(entries.map((_, n) => n));
  });

  it('refuses UPDATE, DELETE and TRUNCATE, and allows them again once the trigger is dropped', async () => {
    await expect(db.query(`UPDATE audit_log SET reason = 'rewritten'`)).rejects.toThrow('audit_log is append-only');
    await expect(db.query(`DELETE FROM audit_log`)).rejects.toThrow('audit_log is append-only');
    await expect(db.query(`TRUNCATE audit_log`)).rejects.toThrow('audit_log is append-only');

    // DDL is transactional: without the triggers the same DELETE goes through, and the rollback puts them back.
    await db.transaction(async (manager) => {
      await manager.query(`DROP TRIGGER audit_log_append_only ON audit_log`);
      await manager.query(`DELETE FROM audit_log`);
      throw new RollBack();
    }).catch((error: unknown) => {
      if (!(error instanceof RollBack)) throw error;
    });
    await expect(db.query(`DELETE FROM audit_log`)).rejects.toThrow('audit_log is append-only');
  });
});

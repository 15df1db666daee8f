import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { EntityManager } from 'typeorm';

/** Statement names by SQL text: one hash per distinct statement, not per call. */
const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `s_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs a SELECT as a named prepared statement, so PostgreSQL parses and plans it once per
 * pooled connection (and, after a few runs, keeps a generic plan) instead of on every call.
 * For the fixed statements every request runs (the caller's session, the report queries),
 * where planning cost more than running. In a transaction (`manager.queryRunner` set) it
 * runs on the transaction's own connection, unprepared.
 */
export async function preparedSelect<T>(manager: EntityManager, text: string, values: readonly unknown[]): Promise<T[]> {
  if (manager.queryRunner) return manager.query<T[]>(text, [...values]);
  const pool = (manager.connection.driver as unknown as { master: pg.Pool }).master;
  const result = await pool.query({ name: statementName(text), text, values: [...values] });
  return result.rows as T[];
}

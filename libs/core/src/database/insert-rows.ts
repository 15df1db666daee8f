import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Rows per INSERT by default: at a dozen columns a statement stays far below PostgreSQL's
 * 65,535 parameters.
 */
export const ROWS_PER_INSERT = 1_000;

/**
 * Inserts many rows with one multi-row INSERT per `rowsPerInsert`, through `manager` (so in
 * its transaction). Nothing is read back: skipping RETURNING keeps each insert one plain
 * statement. Rows are plain column values keyed by property name.
 */
export async function insertRows(manager: EntityManager, target: EntityTarget<ObjectLiteral>, rows: readonly ObjectLiteral[], rowsPerInsert = ROWS_PER_INSERT): Promise<void> {
  for (let start = 0; start < rows.length; start += rowsPerInsert) {
    await manager
      .createQueryBuilder()
      .insert()
      // Typed loosely on purpose: TypeORM's deep-partial of recursive JSON columns would not terminate.
      .into<ObjectLiteral>(target)
      .values(rows.slice(start, start + rowsPerInsert))
      .updateEntity(false)
      .execute();
  }
}

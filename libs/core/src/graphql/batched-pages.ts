import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { type ConnectionShape, type PageRequest, toConnection } from './connection.js';

export interface ParentPageKey {
  parentId: string;
  page: PageRequest;
}

/** DataLoader cache key of a {@link ParentPageKey}: the same page of the same parent loads once per request. */
export function parentPageCacheKey(key: ParentPageKey): string {
  return `${key.parentId}|${key.page.afterId ?? ''}|${key.page.first}`;
}

/**
 * One page of child rows for each of several parents, in a single query: a LATERAL
 * subquery per key, keyset-paginated on the child's UUID v7 id. This is what lets a
 * paginated field resolver (e.g. `Organization.members`) be batched by a DataLoader.
 */
export async function pagesByParent<T extends ObjectLiteral & { id: string }>(
  db: DataSource,
  target: EntityTarget<T>,
  parentProperty: keyof T & string,
  keys: readonly ParentPageKey[],
  { direction = 'ASC' }: { direction?: 'ASC' | 'DESC' } = {},
): Promise<ConnectionShape<T>[]> {
  if (keys.length === 0) return [];
  const metadata = db.getMetadata(target);
  const parentColumn = metadata.findColumnWithPropertyName(parentProperty);
  if (!parentColumn) throw new Error(`${metadata.name} has no column for ${parentProperty}`);
  const table = metadata.tablePath;
  const parent = db.driver.escape(parentColumn.databaseName);
  const comparison = direction === 'ASC' ? '>' : '<';

  const rows: (Record<string, unknown> & { key_index: string })[] = await db.query(
    `SELECT k.key_index, c.*
       FROM unnest($1::uuid[], $2::uuid[], $3::int[]) WITH ORDINALITY AS k(parent_id, after_id, page_size, key_index)
       CROSS JOIN LATERAL (
         SELECT * FROM ${db.driver.escape(table)} t
          WHERE t.${parent} = k.parent_id AND (k.after_id IS NULL OR t.id ${comparison} k.after_id)
          ORDER BY t.id ${direction}
          LIMIT k.page_size + 1
       ) c
      ORDER BY k.key_index, c.id ${direction}`,
    [keys.map((k) => k.parentId), keys.map((k) => k.page.afterId ?? null), keys.map((k) => k.page.first)],
  );

  const grouped = keys.map(() => [] as T[]);
  for (const row of rows) {
    const entity = metadata.create() as T;
    for (const column of metadata.columns) {
      if (!(column.databaseName in row)) continue;
      // Raw rows skip TypeORM's hydration, so column transformers (bigint money) apply here.
      const raw = row[column.databaseName];
      const transformers = column.transformer ? [column.transformer].flat() : [];
      (entity as Record<string, unknown>)[column.propertyName] = transformers.reduceRight((value, transformer) => transformer.from(value), raw);
    }
    grouped[Number(row.key_index) - 1]!.push(entity);
  }
  return keys.map((key, i) => {
    const page = grouped[i]!;
    return toConnection(page.slice(0, key.page.first), page.length > key.page.first, (row) => row.id);
  });
}

import type { EntityManager } from 'typeorm';
import { CreatorProfileEntity } from './creator-profile.entity.js';

/**
 * The user's profile, locked for the rest of the transaction: changes to one creator's profile
 * and accounts run one at a time, which keeps the account limit exact under concurrent requests.
 */
export function lockProfileOfUser(manager: EntityManager, userId: string): Promise<CreatorProfileEntity | null> {
  return manager.createQueryBuilder(CreatorProfileEntity, 'p').where('p.userId = :userId', { userId }).setLock('pessimistic_write').getOne();
}

/**
 * Marks the profile changed. Matching keeps its index in step by reading profiles whose
 * `updated_at` moved, so every change to a profile or to one of its accounts calls this in
 * the same transaction. `clock_timestamp()` rather than `now()`: the time of the change, not
 * of the transaction's start.
 */
export async function touchProfile(manager: EntityManager, creatorId: string): Promise<Date> {
  // For UPDATE, TypeORM answers [rows, affected count].
  const [rows]: [{ updated_at: Date }[], number] = await manager.query(
    'UPDATE creator_profiles SET updated_at = clock_timestamp() WHERE id = $1 RETURNING updated_at',
    [creatorId],
  );
  return rows[0]!.updated_at;
}

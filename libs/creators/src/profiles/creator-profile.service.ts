import { type Actor, newId, Role } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CreatorsErrorCode, CreatorsException } from '../creators.exception.js';
import { assertCreator, canReadAnyCreator, creatorNotFound } from './creator-access.js';
import { CreatorProfileEntity } from './creator-profile.entity.js';
import { lockProfileOfUser } from './creator-profile.records.js';
import { checkCreatorProfile, type CreatorProfileChanges, type CreatorProfilePatch } from './creator-profile.rules.js';
import { toCreatorProfile } from './creator.mappers.js';
import type { CreatorProfile } from './creator.model.js';

/** Creator profiles: a creator keeps their own; brands and admins look them up. */
@Injectable()
export class CreatorProfileService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Profiles by creator id, for batch loaders. One query whatever the count; no access check. */
  async findByIds(ids: readonly string[]): Promise<Map<string, CreatorProfile>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.getRepository(CreatorProfileEntity).createQueryBuilder('p').whereInIds([...new Set(ids)]).getMany();
    return new Map(rows.map((row) => [row.id, toCreatorProfile(row)]));
  }

  /** The profile of a user, if they have one: how other domains find a creator id from a caller. */
  async findByUserId(userId: string): Promise<CreatorProfile | null> {
    const row = await this.db.getRepository(CreatorProfileEntity).findOneBy({ userId });
    return row ? toCreatorProfile(row) : null;
  }

  /** The caller's own profile, or null if they have not created one. */
  findMine(actor: Actor): Promise<CreatorProfile | null> {
    return this.findByUserId(actor.userId);
  }

  /**
   * A profile for brands and admins, or the caller's own. Any other creator's profile is
   * NOT_FOUND, exactly like a missing one.
   */
  async get(actor: Actor, id: string): Promise<CreatorProfile> {
    const readsAny = canReadAnyCreator(actor);
    if (!readsAny && !actor.roles.includes(Role.CREATOR)) {
      throw new CreatorsException(CreatorsErrorCode.NotAllowed, 'Only BRAND_ADMIN, BRAND_MEMBER or ADMIN may read creator profiles, and a CREATOR their own');
    }
    const profile = (await this.findByIds([id])).get(id);
    if (!profile || (!readsAny && profile.userId !== actor.userId)) throw creatorNotFound(id);
    return profile;
  }

  /** Creates the caller's profile, or changes it. Bad input changes nothing. */
  async upsert(actor: Actor, input: CreatorProfilePatch): Promise<CreatorProfile> {
    assertCreator(actor, 'keep a creator profile');
    const changes = checkCreatorProfile(input);
    return this.db.transaction(async (manager) => {
      let profile = await lockProfileOfUser(manager, actor.userId);
      if (profile) {
        await manager.update(CreatorProfileEntity, { id: profile.id }, { ...changes, updatedAt: () => 'clock_timestamp()' });
      } else {
        profile = await this.insertOrUpdate(manager, actor.userId, changes);
      }
      return toCreatorProfile(await manager.findOneByOrFail(CreatorProfileEntity, { id: profile.id }));
    });
  }

  /**
   * Inserts the profile. When a concurrent request of the same user inserted one first (the
   * unique index on `user_id` makes the insert a no-op), this request's changes go onto it.
   */
  private async insertOrUpdate(manager: EntityManager, userId: string, changes: CreatorProfileChanges): Promise<CreatorProfileEntity> {
    const id = newId();
    await manager
      .createQueryBuilder()
      .insert()
      .into(CreatorProfileEntity)
      .values({ id, userId, bio: '', country: null, languages: [], niches: [], ...changes })
      .orIgnore()
      .execute();
    const profile = await lockProfileOfUser(manager, userId);
    if (!profile) throw new Error(`Creator profile of user ${userId} vanished while being created`);
    if (profile.id !== id) {
      await manager.update(CreatorProfileEntity, { id: profile.id }, { ...changes, updatedAt: () => 'clock_timestamp()' });
    }
    return profile;
  }
}

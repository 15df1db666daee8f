import { type Actor, isUniqueViolation, newId } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CreatorsErrorCode, CreatorsException } from '../creators.exception.js';
import type { Platform } from '../vocabulary.js';
import { assertCreator, socialAccountNotFound } from './creator-access.js';
import type { CreatorProfileEntity } from './creator-profile.entity.js';
import { lockProfileOfUser, touchProfile } from './creator-profile.records.js';
import { toSocialAccount } from './creator.mappers.js';
import type { SocialAccount } from './creator.model.js';
import { SocialAccountEntity } from './social-account.entity.js';
import { MAX_SOCIAL_ACCOUNTS, resolveSocialAccount, type SocialAccountFields, type SocialAccountPatch } from './social-account.rules.js';

const HANDLE_INDEX = 'uq_social_accounts_platform_handle';

/**
 * A creator's social accounts. Every change locks the creator's profile (so changes of one
 * creator run one at a time) and bumps its `updated_at` in the same transaction.
 */
@Injectable()
export class SocialAccountService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Accounts of several creators in one query, oldest first; every id gets a (possibly empty) list. */
  async socialAccountsByCreatorIds(creatorIds: readonly string[]): Promise<Map<string, SocialAccount[]>> {
    const byCreator = new Map<string, SocialAccount[]>(creatorIds.map((id) => [id, []]));
    if (creatorIds.length === 0) return byCreator;
    const rows = await this.db
      .getRepository(SocialAccountEntity)
      .createQueryBuilder('a')
      .where('a.creatorId = ANY(:creatorIds)', { creatorIds: [...byCreator.keys()] })
      .orderBy('a.creatorId')
      .addOrderBy('a.id')
      .getMany();
    for (const row of rows) byCreator.get(row.creatorId)?.push(toSocialAccount(row));
    return byCreator;
  }

  /** Adds an account to the caller's profile. The handle must be free on its platform. */
  async add(actor: Actor, input: SocialAccountPatch): Promise<SocialAccount> {
    assertCreator(actor, 'add social accounts');
    const fields = resolveSocialAccount(input, null);
    return this.db.transaction(async (manager) => {
      const profile = await lockProfileOfUser(manager, actor.userId);
      if (!profile) {
        throw new CreatorsException(CreatorsErrorCode.StateConflict, 'Create your creator profile first (upsertCreatorProfile), then add social accounts');
      }
      const count = await manager.countBy(SocialAccountEntity, { creatorId: profile.id });
      if (count >= MAX_SOCIAL_ACCOUNTS) {
        throw new CreatorsException(
          CreatorsErrorCode.StateConflict,
          `A creator can list at most ${MAX_SOCIAL_ACCOUNTS} social accounts; remove one before adding another`,
        );
      }
      const id = newId();
      await withHandleCheck(fields, () => manager.insert(SocialAccountEntity, { id, creatorId: profile.id, ...fields }));
      await touchProfile(manager, profile.id);
      return toSocialAccount(await manager.findOneByOrFail(SocialAccountEntity, { id }));
    });
  }

  /** Changes some fields of one of the caller's accounts; another creator's account is NOT_FOUND. */
  async update(actor: Actor, id: string, input: SocialAccountPatch): Promise<SocialAccount> {
    assertCreator(actor, 'change social accounts');
    return this.db.transaction(async (manager) => {
      const { profile, account } = await this.lockOwnAccount(manager, actor, id);
      const fields = resolveSocialAccount(input, account);
      await withHandleCheck(fields, () => manager.update(SocialAccountEntity, { id }, fields));
      await touchProfile(manager, profile.id);
      return toSocialAccount(await manager.findOneByOrFail(SocialAccountEntity, { id }));
    });
  }

  /** Removes one of the caller's accounts and returns it as it was. */
  async remove(actor: Actor, id: string): Promise<SocialAccount> {
    assertCreator(actor, 'remove social accounts');
    return this.db.transaction(async (manager) => {
      const { profile, account } = await this.lockOwnAccount(manager, actor, id);
      await manager.delete(SocialAccountEntity, { id });
      await touchProfile(manager, profile.id);
      return toSocialAccount(account);
    });
  }

  private async lockOwnAccount(
    manager: EntityManager,
    actor: Actor,
    id: string,
  ): Promise<{ profile: CreatorProfileEntity; account: SocialAccountEntity & SocialAccountFields }> {
    const profile = await lockProfileOfUser(manager, actor.userId);
    const account = profile ? await manager.findOneBy(SocialAccountEntity, { id, creatorId: profile.id }) : null;
    if (!profile || !account) throw socialAccountNotFound(id);
    return { profile, account: { ...account, platform: account.platform as Platform } };
  }
}

/** Runs a write, turning a clash on the case-insensitive (platform, handle) index into CONFLICT naming the handle. */
async function withHandleCheck<T>(fields: SocialAccountFields, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error, HANDLE_INDEX)) throw error;
    throw new CreatorsException(CreatorsErrorCode.HandleTaken, `The handle ${fields.handle} is already listed on ${fields.platform}`, {
      field: 'input.handle',
    });
  }
}

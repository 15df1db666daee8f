import type { GraphqlContext } from '@app/core';
import type DataLoader from 'dataloader';
import type { CreatorProfileService } from '../profiles/creator-profile.service.js';
import type { CreatorProfile, SocialAccount } from '../profiles/creator.model.js';
import type { SocialAccountService } from '../profiles/social-account.service.js';

/**
 * Creator profiles by creator id, batched per request: for field resolvers of other domains
 * (`Enrollment.creator`, `CreatorMatch.creator`) that already checked the caller may see them.
 * A missing id loads as null.
 */
export function creatorLoader(ctx: GraphqlContext, profiles: CreatorProfileService): DataLoader<string, CreatorProfile | null> {
  return ctx.loaders.get<string, CreatorProfile | null>('creators.creatorById', async (ids) => {
    const found = await profiles.findByIds(ids);
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** Every social account of a creator (at most twelve), batched across the profiles of a request. */
export function socialAccountsLoader(ctx: GraphqlContext, accounts: SocialAccountService): DataLoader<string, SocialAccount[]> {
  return ctx.loaders.get<string, SocialAccount[]>('creators.socialAccountsByCreator', async (creatorIds) => {
    const found = await accounts.socialAccountsByCreatorIds(creatorIds);
    return creatorIds.map((id) => found.get(id) ?? []);
  });
}

import { type ConnectionShape, type GraphqlContext, parentPageCacheKey, type ParentPageKey } from '@app/core';
import type DataLoader from 'dataloader';
import type { SponsoredPostQueryService } from '../posts/sponsored-post-query.service.js';
import type { SponsoredPostRevision } from '../posts/sponsored-post.model.js';

/** A page of revisions per post, batched per request, for posts the caller was already allowed to see. */
export function revisionsLoader(ctx: GraphqlContext, posts: SponsoredPostQueryService): DataLoader<ParentPageKey, ConnectionShape<SponsoredPostRevision>> {
  return ctx.loaders.get('disclosures.revisionsByPost', (keys: readonly ParentPageKey[]) => posts.revisionPages(keys), { cacheKeyFn: parentPageCacheKey });
}

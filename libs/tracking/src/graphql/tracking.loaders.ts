import type { GraphqlContext } from '@app/core';
import type DataLoader from 'dataloader';
import type { LinkClickCounts, ReferralLinkQueryService } from '../links/referral-link-query.service.js';

/** Click counts by link id, batched per request, for links the caller was already allowed to see. */
export function linkClicksLoader(ctx: GraphqlContext, links: ReferralLinkQueryService): DataLoader<string, LinkClickCounts> {
  return ctx.loaders.get<string, LinkClickCounts>('tracking.clicksByLink', async (ids) => {
    const found = await links.clickCounts(ids);
    return ids.map((id) => found.get(id)!);
  });
}

import { alignToKeys, type ConnectionShape, type GraphqlContext, parentPageCacheKey, type ParentPageKey } from '@app/core';
import type DataLoader from 'dataloader';
import type { CampaignTermsService } from '../campaigns/campaign-terms.service.js';
import type { Campaign, CampaignTerms } from '../campaigns/campaign.model.js';
import type { CampaignService } from '../campaigns/campaign.service.js';
import type { OrganizationDomainService } from '../domains/organization-domain.service.js';
import type { EnrollmentQueryService } from '../enrollments/enrollment-query.service.js';
import type { Enrollment } from '../enrollments/enrollment.model.js';
import type { VerifiedDomain } from '../domains/organization-domain.model.js';

export type TermsPageKey = ParentPageKey & { currency: string };

/** Campaigns by id for field resolvers whose parent the caller was already allowed to see. */
export function campaignLoader(ctx: GraphqlContext, campaigns: CampaignService): DataLoader<string, Campaign | null> {
  return ctx.loaders.get<string, Campaign | null>('campaigns.campaignById', async (ids) => {
    const found = await campaigns.findByIds(ids);
    return alignToKeys(ids, [...found.values()], (campaign) => campaign.id);
  });
}

/** Enrollments by id for field resolvers whose parent the caller was already allowed to see. */
export function enrollmentLoader(ctx: GraphqlContext, enrollments: EnrollmentQueryService): DataLoader<string, Enrollment | null> {
  return ctx.loaders.get<string, Enrollment | null>('campaigns.enrollmentById', async (ids) => {
    const found = await enrollments.findByIds(ids);
    return ids.map((id) => found.get(id) ?? null);
  });
}

export function currentTermsLoader(ctx: GraphqlContext, terms: CampaignTermsService): DataLoader<Campaign, CampaignTerms | null> {
  return ctx.loaders.get<Campaign, CampaignTerms | null>(
    'campaigns.currentTerms',
    async (campaigns) => {
      const found = await terms.currentFor(campaigns);
      return campaigns.map((campaign) => found.get(campaign.id) ?? null);
    },
    { cacheKeyFn: (campaign) => campaign.id },
  );
}

export function termsVersionsLoader(ctx: GraphqlContext, terms: CampaignTermsService): DataLoader<TermsPageKey, ConnectionShape<CampaignTerms>> {
  return ctx.loaders.get(
    'campaigns.termsVersions',
    (keys: readonly TermsPageKey[]) => terms.versionPages(keys, new Map(keys.map((key) => [key.parentId, key.currency]))),
    { cacheKeyFn: parentPageCacheKey },
  );
}

export function domainsLoader(ctx: GraphqlContext, domains: OrganizationDomainService): DataLoader<ParentPageKey, ConnectionShape<VerifiedDomain>> {
  return ctx.loaders.get('campaigns.domainsByOrganization', (keys: readonly ParentPageKey[]) => domains.domainPages(keys), { cacheKeyFn: parentPageCacheKey });
}

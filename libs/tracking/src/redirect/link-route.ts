/**
 * What the redirector needs to answer for one link, cached in each redirector's memory and
 * in Redis. Built from the link, its enrollment and its campaign.
 */
export interface LinkRoute {
  linkId: string;
  enrollmentId: string;
  campaignId: string;
  organizationId: string;
  creatorId: string;
  /** The destination up to the click id (`…?utm_campaign=x&cid=`). */
  head: string;
  /** What follows the click id: the destination's fragment, if any. */
  tail: string;
  /** The link is ACTIVE, its enrollment APPROVED and its campaign not ENDED. */
  active: boolean;
  /** The campaign's end (epoch ms): the link stops attributing then, even before the campaign is marked ENDED. */
  endsAt: number | null;
  /** Where to send shoppers, without attribution, when the link no longer attributes. */
  fallbackUrl: string | null;
}

export type RouteDecision =
  | { kind: 'redirect'; route: LinkRoute }
  | { kind: 'fallback'; url: string }
  | { kind: 'gone' }
  | { kind: 'not-found' };

/** How the redirector answers a link (null: no such link) at `now`. */
export function decideRoute(route: LinkRoute | null, now: number): RouteDecision {
  if (!route) return { kind: 'not-found' };
  if (route.active && (route.endsAt === null || now < route.endsAt)) return { kind: 'redirect', route };
  return route.fallbackUrl ? { kind: 'fallback', url: route.fallbackUrl } : { kind: 'gone' };
}

/**
 * Cache keys of a link. Slugs are case-sensitive; aliases are not, so an alias is kept
 * under its lower-case form. The two namespaces never overlap (no alias equals a slug).
 */
export function slugCacheKey(slug: string): string {
  return `s:${slug}`;
}

export function aliasCacheKey(alias: string): string {
  return `a:${alias.toLowerCase()}`;
}

export function linkCacheKeys(link: { slug: string; alias: string | null }): string[] {
  return link.alias ? [slugCacheKey(link.slug), aliasCacheKey(link.alias)] : [slugCacheKey(link.slug)];
}

/** Redis names shared by the redirector (reader) and the API and worker (writers). */
export function routeRedisKey(prefix: string, cacheKey: string): string {
  return `${prefix}:trk:route:${cacheKey}`;
}

export function routeChangesChannel(prefix: string): string {
  return `${prefix}:trk:route-changes`;
}

/** How long Redis keeps a route; changes delete it sooner. */
export const ROUTE_TTL_SECONDS = 3_600;
/** How long Redis remembers that a key is no link (a new link deletes it at once). */
export const MISSING_ROUTE_TTL_SECONDS = 60;
/** What Redis holds for "no such link". */
export const MISSING_ROUTE = '-';

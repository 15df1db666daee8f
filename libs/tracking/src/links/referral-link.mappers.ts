import { participationEnded, type Participation } from '../participation.js';
import { LinkState, LinkStatus } from './referral-link-status.js';
import type { ReferralLinkEntity } from './referral-link.entity.js';
import type { ReferralLink } from './referral-link.model.js';

export function shortUrl(redirectorPublicUrl: string, link: Pick<ReferralLinkEntity, 'slug' | 'alias'>): string {
  return `${redirectorPublicUrl}/r/${link.alias ?? link.slug}`;
}

export function linkState(row: Pick<ReferralLinkEntity, 'status'>, participation: Participation | undefined, now = new Date()): LinkState {
  if (row.status === LinkStatus.DISABLED) return LinkState.DISABLED;
  return !participation || participationEnded(participation, now) ? LinkState.ENDED : LinkState.ACTIVE;
}

export function toReferralLink(row: ReferralLinkEntity, participation: Participation | undefined, redirectorPublicUrl: string): ReferralLink {
  return {
    id: row.id,
    slug: row.slug,
    alias: row.alias,
    shortUrl: shortUrl(redirectorPublicUrl, row),
    destinationUrl: row.destinationUrl,
    destinationPath: row.destinationPath,
    status: linkState(row, participation),
    disabledAt: row.disabledAt,
    disabledReason: row.disabledReason,
    enrollmentId: row.enrollmentId,
    campaignId: row.campaignId,
    creatorId: row.creatorId,
    organizationId: row.organizationId,
    createdAt: row.createdAt,
  };
}

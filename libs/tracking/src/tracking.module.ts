import { AuditModule } from '@app/audit';
import { CampaignsModule } from '@app/campaigns';
import { CreatorsModule } from '@app/creators';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClickEventEntity } from './clicks/click-event.entity.js';
import { DiscountCodeQueryService } from './codes/discount-code-query.service.js';
import { DiscountCodeEntity } from './codes/discount-code.entity.js';
import { DiscountCodeService } from './codes/discount-code.service.js';
import { ReferralLinkQueryService } from './links/referral-link-query.service.js';
import { ReferralLinkStatsEntity } from './links/referral-link-stats.entity.js';
import { ReferralLinkEntity } from './links/referral-link.entity.js';
import { ReferralLinkService } from './links/referral-link.service.js';
import { RouteInvalidator } from './redirect/route-invalidator.js';
import { CreatorVisitorEntity } from './visitors/creator-visitor.entity.js';

export const TRACKING_ENTITIES = [ReferralLinkEntity, ReferralLinkStatsEntity, DiscountCodeEntity, ClickEventEntity, CreatorVisitorEntity];

/**
 * Links and codes for the API and the worker: claiming, disabling, revoking, reading, and
 * telling the redirectors when a link changes. No GraphQL here; the redirector has its
 * own module ({@link TrackingRedirectModule}).
 */
@Module({
  imports: [TypeOrmModule.forFeature(TRACKING_ENTITIES), CampaignsModule, CreatorsModule, AuditModule],
  providers: [RouteInvalidator, ReferralLinkService, ReferralLinkQueryService, DiscountCodeService, DiscountCodeQueryService],
  exports: [RouteInvalidator, ReferralLinkService, ReferralLinkQueryService, DiscountCodeService, DiscountCodeQueryService],
})
export class TrackingModule {}

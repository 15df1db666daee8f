import { AuditModule } from '@app/audit';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CampaignComplianceService } from './compliance/campaign-compliance.service.js';
import { DisclosureDryRunService } from './posts/disclosure-dry-run.service.js';
import { DisclosureOverrideEntity } from './posts/disclosure-override.entity.js';
import { DisclosureOverrideService } from './posts/disclosure-override.service.js';
import { SponsoredPostRevisionEntity } from './posts/sponsored-post-revision.entity.js';
import { SponsoredPostEntity } from './posts/sponsored-post.entity.js';
import { SponsoredPostQueryService } from './posts/sponsored-post-query.service.js';
import { SponsoredPostService } from './posts/sponsored-post.service.js';

export const DISCLOSURES_ENTITIES = [SponsoredPostEntity, SponsoredPostRevisionEntity, DisclosureOverrideEntity];

/** Sponsored posts, their disclosure checks and overrides, and campaign compliance. No GraphQL here. */
@Module({
  imports: [TypeOrmModule.forFeature(DISCLOSURES_ENTITIES), AuditModule],
  providers: [SponsoredPostService, SponsoredPostQueryService, DisclosureOverrideService, DisclosureDryRunService, CampaignComplianceService],
  exports: [SponsoredPostService, SponsoredPostQueryService, DisclosureOverrideService, DisclosureDryRunService, CampaignComplianceService],
})
export class DisclosuresModule {}

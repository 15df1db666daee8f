import { AuditModule } from '@app/audit';
import { CreatorsModule } from '@app/creators';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CampaignEditorService } from './campaigns/campaign-editor.service.js';
import { CampaignLifecycleService } from './campaigns/campaign-lifecycle.service.js';
import { CampaignTermsService } from './campaigns/campaign-terms.service.js';
import { CampaignService } from './campaigns/campaign.service.js';
import { OrganizationDomainService } from './domains/organization-domain.service.js';
import { CreatorBanService } from './enrollments/creator-ban.service.js';
import { EnrollmentQueryService } from './enrollments/enrollment-query.service.js';
import { EnrollmentService } from './enrollments/enrollment.service.js';
import { CampaignTermsEntity } from './campaigns/campaign-terms.entity.js';
import { CampaignEntity } from './campaigns/campaign.entity.js';
import { OrganizationDomainEntity } from './domains/organization-domain.entity.js';
import { CreatorBanEntity } from './enrollments/creator-ban.entity.js';
import { EnrollmentEntity } from './enrollments/enrollment.entity.js';

export const CAMPAIGNS_ENTITIES = [OrganizationDomainEntity, CampaignEntity, CampaignTermsEntity, EnrollmentEntity, CreatorBanEntity];

/** Campaigns, their terms, brand domains, enrollments and bans. No GraphQL here. */
@Module({
  imports: [TypeOrmModule.forFeature(CAMPAIGNS_ENTITIES), CreatorsModule, AuditModule],
  providers: [
    OrganizationDomainService,
    CampaignService,
    CampaignTermsService,
    CampaignEditorService,
    CampaignLifecycleService,
    CreatorBanService,
    EnrollmentService,
    EnrollmentQueryService,
  ],
  exports: [OrganizationDomainService, CampaignService, CampaignTermsService, CampaignEditorService, CampaignLifecycleService, CreatorBanService, EnrollmentService, EnrollmentQueryService],
})
export class CampaignsModule {}

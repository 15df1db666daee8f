import { CreatorsModule } from '@app/creators';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CampaignTermsEntity } from './campaigns/campaign-terms.entity.js';
import { CampaignEntity } from './campaigns/campaign.entity.js';
import { OrganizationDomainEntity } from './domains/organization-domain.entity.js';
import { CreatorBanEntity } from './enrollments/creator-ban.entity.js';
import { EnrollmentEntity } from './enrollments/enrollment.entity.js';

export const CAMPAIGNS_ENTITIES = [OrganizationDomainEntity, CampaignEntity, CampaignTermsEntity, EnrollmentEntity, CreatorBanEntity];

/** Campaigns, their terms, brand domains, enrollments and bans. No GraphQL here. */
@Module({
  imports: [TypeOrmModule.forFeature(CAMPAIGNS_ENTITIES), CreatorsModule],
  providers: [],
  exports: [],
})
export class CampaignsModule {}

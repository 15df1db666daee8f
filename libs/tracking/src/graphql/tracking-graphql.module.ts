import { CampaignsModule } from '@app/campaigns';
import { CreatorsModule } from '@app/creators';
import { Module } from '@nestjs/common';
import { TrackingModule } from '../tracking.module.js';
import { DiscountCodeResolver } from './discount-code.resolver.js';
import { ReferralLinkResolver } from './referral-link.resolver.js';

/** The tracking part of the API's GraphQL schema: links and codes. */
@Module({
  imports: [TrackingModule, CampaignsModule, CreatorsModule],
  providers: [ReferralLinkResolver, DiscountCodeResolver],
})
export class TrackingGraphqlModule {}

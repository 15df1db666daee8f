import { CampaignsModule } from '@app/campaigns';
import { CreatorsModule } from '@app/creators';
import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { VisitorSalts } from '../clicks/visitor-salts.js';
import { CreatorVisitorInterceptor } from '../visitors/creator-visitor.interceptor.js';
import { CreatorVisitorRecorder } from '../visitors/creator-visitor-recorder.js';
import { TrackingModule } from '../tracking.module.js';
import { DiscountCodeResolver } from './discount-code.resolver.js';
import { ReferralLinkResolver } from './referral-link.resolver.js';

/** The tracking part of the API's GraphQL schema: links and codes; and each signed-in creator's visitor hash, for the self-referral rule. */
@Module({
  imports: [TrackingModule, CampaignsModule, CreatorsModule],
  providers: [ReferralLinkResolver, DiscountCodeResolver, VisitorSalts, CreatorVisitorRecorder, { provide: APP_INTERCEPTOR, useClass: CreatorVisitorInterceptor }],
})
export class TrackingGraphqlModule {}

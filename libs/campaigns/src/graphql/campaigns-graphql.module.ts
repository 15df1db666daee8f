import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns.module.js';

/** The campaigns part of the API's GraphQL schema. */
@Module({
  imports: [CampaignsModule],
  providers: [],
})
export class CampaignsGraphqlModule {}

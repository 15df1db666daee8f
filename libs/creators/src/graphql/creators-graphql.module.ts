import { Module } from '@nestjs/common';
import { CreatorsModule } from '../creators.module.js';
import { CreatorProfileResolver } from './creator-profile.resolver.js';
import { SocialAccountResolver } from './social-account.resolver.js';

/** The creators part of the API's GraphQL schema. */
@Module({
  imports: [CreatorsModule],
  providers: [CreatorProfileResolver, SocialAccountResolver],
})
export class CreatorsGraphqlModule {}

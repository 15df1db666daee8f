import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreatorProfileEntity } from './profiles/creator-profile.entity.js';
import { CreatorProfileService } from './profiles/creator-profile.service.js';
import { CreatorSearchService } from './profiles/creator-search.service.js';
import { SocialAccountEntity } from './profiles/social-account.entity.js';
import { SocialAccountService } from './profiles/social-account.service.js';

export const CREATORS_ENTITIES = [CreatorProfileEntity, SocialAccountEntity];

/** Creator profiles and social accounts. No GraphQL here. */
@Module({
  imports: [TypeOrmModule.forFeature(CREATORS_ENTITIES)],
  providers: [CreatorProfileService, SocialAccountService, CreatorSearchService],
  exports: [CreatorProfileService, SocialAccountService, CreatorSearchService],
})
export class CreatorsModule {}

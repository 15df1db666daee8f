import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreatorProfileEntity } from './profiles/creator-profile.entity.js';
import { SocialAccountEntity } from './profiles/social-account.entity.js';

export const CREATORS_ENTITIES = [CreatorProfileEntity, SocialAccountEntity];

/** Creator profiles and social accounts. No GraphQL here. */
@Module({
  imports: [TypeOrmModule.forFeature(CREATORS_ENTITIES)],
  providers: [],
  exports: [],
})
export class CreatorsModule {}

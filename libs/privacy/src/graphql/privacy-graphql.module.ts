import { Module } from '@nestjs/common';
import { PrivacyModule } from '../privacy.module.js';
import { PrivacyResolver } from './privacy.resolver.js';

/** The privacy part of the API's GraphQL schema: `exportMyData`, `eraseMyAccount`, `eraseAccount`. */
@Module({
  imports: [PrivacyModule],
  providers: [PrivacyResolver],
})
export class PrivacyGraphqlModule {}

import { Module } from '@nestjs/common';
import { MatchingModule } from '../matching.module.js';
import { MatchingIndexWarmer } from './matching-index.warmer.js';
import { MatchingResolver } from './matching.resolver.js';

/** The matching part of the API's GraphQL schema; warms the candidate index at start. */
@Module({
  imports: [MatchingModule],
  providers: [MatchingResolver, MatchingIndexWarmer],
})
export class MatchingGraphqlModule {}

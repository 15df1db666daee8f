import { Module } from '@nestjs/common';
import { MatchingModule } from '../matching.module.js';

/** The matching part of the API's GraphQL schema. */
@Module({
  imports: [MatchingModule],
  providers: [],
})
export class MatchingGraphqlModule {}

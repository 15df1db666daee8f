import { Module } from '@nestjs/common';
import { CreatorsModule } from '../creators.module.js';

/** The creators part of the API's GraphQL schema. */
@Module({
  imports: [CreatorsModule],
  providers: [],
})
export class CreatorsGraphqlModule {}

import { Field, InputType } from '@nestjs/graphql';
import { IsArray, IsOptional, IsString } from 'class-validator';
import { Niche } from '../vocabulary.js';
import type { CreatorProfilePatch } from './creator-profile.rules.js';

// The service checks every rule and names fields as `input.<name>`; the decorators here only
// declare the shape, so the global validation pipe keeps these fields.
@InputType({ description: 'Your creator profile. On an update, an omitted field keeps its value.' })
export class UpsertCreatorProfileInput implements CreatorProfilePatch {
  @Field({ description: '1 to 80 characters.' })
  @IsString()
  displayName!: string;

  @Field(() => String, { nullable: true, description: 'At most 2,000 characters; null clears it.' })
  @IsOptional()
  @IsString()
  bio?: string | null;

  @Field(() => String, { nullable: true, description: 'Where you live: ISO 3166-1 alpha-2, e.g. US; null clears it.' })
  @IsOptional()
  @IsString()
  country?: string | null;

  @Field(() => [String], { nullable: true, description: 'ISO 639-1 codes, e.g. ["en", "es"]; at most 10.' })
  @IsOptional()
  @IsArray()
  languages?: string[] | null;

  @Field(() => [Niche], { nullable: true, description: 'At most 5.' })
  @IsOptional()
  @IsArray()
  niches?: Niche[] | null;
}

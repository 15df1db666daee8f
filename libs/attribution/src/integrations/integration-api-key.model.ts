import { Connection } from '@app/core';
import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('IntegrationApiKey', { description: "One of an integration's API keys. The key itself is shown once, when it is made; only its prefix after that." })
export class IntegrationApiKey {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  integrationId!: string;

  @Field({ description: 'The first characters of the key, to tell keys apart.' })
  prefix!: string;

  @Field(() => [String], { description: 'What the key may do: orders:write (recordOrder and recordRefund).' })
  scopes!: string[];

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the key was last used, to within about a minute.' })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key stopped working; null while it works.' })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true })
  revokedReason!: string | null;
}

@ObjectType('IntegrationApiKeyConnection')
export class IntegrationApiKeyConnection extends Connection(IntegrationApiKey) {}

@ObjectType('CreatedIntegrationApiKey', { description: 'The key is shown this once; store it in the shop now.' })
export class CreatedIntegrationApiKey {
  @Field(() => IntegrationApiKey)
  apiKey!: IntegrationApiKey;

  @Field({ description: 'Authenticates recordOrder and recordRefund (header X-Api-Key).' })
  key!: string;
}

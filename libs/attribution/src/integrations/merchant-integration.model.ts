import { Connection } from '@app/core';
import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsString, MaxLength } from 'class-validator';
import { MerchantIntegrationKind, MerchantIntegrationStatus } from './merchant-integration.entity.js';

registerEnumType(MerchantIntegrationKind, { name: 'MerchantIntegrationKind', description: 'GENERIC signed JSON webhooks, or SHOPIFY webhooks in Shopify\'s own format.' });
registerEnumType(MerchantIntegrationStatus, { name: 'MerchantIntegrationStatus' });

@ObjectType('MerchantIntegration', { description: "A brand's shop sending orders, by webhook or with its API key." })
export class MerchantIntegration {
  @Field(() => ID)
  id!: string;

  @Field(() => MerchantIntegrationKind)
  kind!: MerchantIntegrationKind;

  @Field()
  name!: string;

  @Field(() => MerchantIntegrationStatus)
  status!: MerchantIntegrationStatus;

  @Field({ description: 'Where the shop sends its order webhooks.' })
  webhookPath!: string;

  @Field(() => Date, { nullable: true, description: 'Until when the signing secret replaced by the last rotation still verifies.' })
  previousSecretValidUntil!: Date | null;

  @Field(() => Date, { nullable: true })
  lastEventAt!: Date | null;

  @Field()
  createdAt!: Date;
}

@ObjectType('MerchantIntegrationConnection')
export class MerchantIntegrationConnection extends Connection(MerchantIntegration) {}

@ObjectType('CreatedMerchantIntegration', { description: 'The secrets are shown this once; store them in the shop now.' })
export class CreatedMerchantIntegration {
  @Field(() => MerchantIntegration)
  integration!: MerchantIntegration;

  @Field({ description: 'Signs webhooks (HMAC-SHA256).' })
  signingSecret!: string;

  @Field({ description: 'The first API key (scope orders:write): authenticates recordOrder and recordRefund (header X-Api-Key). More can be made with createIntegrationApiKey.' })
  apiKey!: string;
}

@ObjectType('RotatedIntegrationSecret', { description: 'The new secret is shown this once; the old one still verifies until previousSecretValidUntil.' })
export class RotatedIntegrationSecret {
  @Field(() => MerchantIntegration)
  integration!: MerchantIntegration;

  @Field()
  signingSecret!: string;
}

@InputType()
export class CreateMerchantIntegrationInput {
  @Field(() => MerchantIntegrationKind)
  @IsEnum(MerchantIntegrationKind)
  kind!: MerchantIntegrationKind;

  @Field({ description: '1–100 characters, unique in your organization.' })
  @IsString()
  @MaxLength(400)
  name!: string;
}

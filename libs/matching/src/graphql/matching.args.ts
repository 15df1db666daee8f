import { isUuid, PageArgs } from '@app/core';
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ValidateBy } from 'class-validator';

@ArgsType()
export class CampaignMatchesArgs extends PageArgs {
  @Field(() => ID)
  @ValidateBy({
    name: 'isAppId',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isUuid(value),
      defaultMessage: () => 'campaignId must be an ID returned by this API',
    },
  })
  campaignId!: string;
}

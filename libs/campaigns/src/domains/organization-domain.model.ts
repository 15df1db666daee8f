import { Connection } from '@app/core';
import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('VerifiedDomain', { description: 'A web domain of the brand; landing URLs and deep links must stay on these or their subdomains.' })
export class VerifiedDomain {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Lower-case ASCII (IDNA) host name.' })
  domain!: string;

  @Field()
  createdAt!: Date;

  organizationId!: string;
}

@ObjectType()
export class VerifiedDomainConnection extends Connection(VerifiedDomain) {}

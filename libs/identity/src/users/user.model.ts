import { Role } from '@app/core';
import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('User', { description: 'A person with an account: creator, brand team member, or platform staff.' })
export class User {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field()
  displayName!: string;

  @Field(() => [Role], { description: 'Platform roles plus the role in the organization, if any.' })
  roles!: Role[];

  @Field()
  createdAt!: Date;

  /** Resolved to `organization` by a batched field resolver. */
  organizationId!: string | null;
}

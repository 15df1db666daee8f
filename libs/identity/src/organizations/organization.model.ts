import { Connection, Role } from '@app/core';
import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

@ObjectType('Organization', { description: 'A brand and its team.' })
export class Organization {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'The IANA time zone the brand reports in: its analytics days start at midnight here.' })
  timeZone!: string;

  @Field()
  createdAt!: Date;
}

@ObjectType('Membership', { description: "A user's place in an organization's team." })
export class Membership {
  @Field(() => ID)
  id!: string;

  @Field(() => Role)
  role!: Role;

  @Field()
  createdAt!: Date;

  organizationId!: string;
  userId!: string;
}

export enum InvitationStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
}

registerEnumType(InvitationStatus, { name: 'InvitationStatus' });

@ObjectType('Invitation', { description: 'An invitation to join an organization.' })
export class Invitation {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => InvitationStatus)
  status!: InvitationStatus;

  @Field()
  expiresAt!: Date;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  acceptedAt!: Date | null;

  organizationId!: string;
  invitedByUserId!: string;
}

@ObjectType()
export class MembershipConnection extends Connection(Membership) {}

@ObjectType()
export class InvitationConnection extends Connection(Invitation) {}

import { Connection } from '@app/core';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { LinkState } from './referral-link-status.js';

@ObjectType('ReferralLink', { description: "A creator's tracked link: shoppers who follow it are counted and their orders attributed." })
export class ReferralLink {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Random, case-sensitive: the link is /r/<slug>.' })
  slug!: string;

  @Field(() => String, { nullable: true, description: 'The vanity name, if the creator chose one: the link is then also /r/<alias>, in any case.' })
  alias!: string | null;

  @Field({ description: 'The link to share.' })
  shortUrl!: string;

  @Field({ description: 'Where it leads, UTM parameters included; the redirector adds the click id (cid).' })
  destinationUrl!: string;

  @Field(() => String, { nullable: true, description: 'The deep link asked for when claiming; null means the campaign landing page.' })
  destinationPath!: string | null;

  @Field(() => LinkState)
  status!: LinkState;

  @Field(() => Date, { nullable: true })
  disabledAt!: Date | null;

  @Field(() => String, { nullable: true })
  disabledReason!: string | null;

  @Field(() => ID)
  enrollmentId!: string;

  @Field(() => ID)
  campaignId!: string;

  @Field(() => ID)
  creatorId!: string;

  @Field()
  createdAt!: Date;

  organizationId!: string;
}

@ObjectType()
export class ReferralLinkConnection extends Connection(ReferralLink) {}

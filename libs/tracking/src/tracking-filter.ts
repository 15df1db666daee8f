import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';

/** Whose links or codes: each field narrows the list; callers see only what their scope allows. */
@InputType({ isAbstract: true })
export abstract class TrackingFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  enrollmentId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  creatorId?: string;
}

import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';

/** What the caller types to confirm, so a stray click or a borrowed session cannot erase an account. */
export const ERASURE_CONFIRMATION = 'ERASE MY ACCOUNT';

@InputType()
export class EraseMyAccountInput {
  @Field({ description: 'Your current password.' })
  @IsString()
  @MaxLength(256)
  password!: string;

  @Field({ description: `Type ${ERASURE_CONFIRMATION} (any case) to confirm that this cannot be undone.` })
  @IsString()
  @MaxLength(100)
  confirmation!: string;
}

@ObjectType('AccountErasure', { description: 'An erased account: what is left is a placeholder, kept for the money records.' })
export class AccountErasure {
  @Field(() => ID)
  userId!: string;

  @Field()
  erasedAt!: Date;
}

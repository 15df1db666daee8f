import { Field, ObjectType } from '@nestjs/graphql';
import { User } from '../users/user.model.js';

@ObjectType({ description: 'Tokens for a new or refreshed session.' })
export class AuthPayload {
  @Field({ description: 'Send as `Authorization: Bearer <token>`. Valid for 15 minutes.' })
  accessToken!: string;

  @Field()
  accessTokenExpiresAt!: Date;

  @Field({ description: 'Single use: exchange it with refreshSession for new tokens. Keep it secret.' })
  refreshToken!: string;

  @Field()
  refreshTokenExpiresAt!: Date;

  @Field(() => User)
  user!: User;
}

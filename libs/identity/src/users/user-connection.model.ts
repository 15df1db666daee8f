import { Connection } from '@app/core';
import { ObjectType } from '@nestjs/graphql';
import { User } from './user.model.js';

@ObjectType()
export class UserConnection extends Connection(User) {}

import { Role } from '@app/core';
import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';

@InputType()
export class UserFilterInput {
  @Field({ nullable: true, description: 'Part of an email address or display name.' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  search?: string;

  @Field(() => Role, { nullable: true })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;
}

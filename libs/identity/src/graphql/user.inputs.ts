import { PageArgs, Role } from '@app/core';
import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

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

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field(() => UserFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => UserFilterInput)
  filter?: UserFilterInput;
}

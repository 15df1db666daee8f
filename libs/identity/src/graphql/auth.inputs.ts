import { Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEmail, IsEnum, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { AccountType } from '../auth/auth.service.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

@InputType()
export class SignUpInput {
  @Field()
  @Transform(trim)
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email!: string;

  @Field({ description: 'At least 10 characters; common passwords and ones containing your email or name are refused.' })
  @IsString()
  @MaxLength(256)
  password!: string;

  @Field()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  displayName!: string;

  @Field(() => AccountType)
  @IsEnum(AccountType)
  accountType!: AccountType;

  @Field({ nullable: true, description: 'Required for a BRAND account that does not join through an invitation.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(2, 120)
  organizationName?: string;

  @Field({ nullable: true, description: 'Join the organization that sent this invitation instead of creating one.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  invitationToken?: string;
}

@InputType()
export class LogInInput {
  @Field()
  @IsString()
  @MaxLength(254)
  email!: string;

  @Field()
  @IsString()
  @MaxLength(1024)
  password!: string;
}

import { AuditModule } from '@app/audit';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ACCESS_TOKEN_ALGORITHM } from './auth/access-token.js';
import { AccessTokenStrategy } from './auth/access-token.strategy.js';
import { AuthService } from './auth/auth.service.js';
import { CredentialsService } from './auth/credentials.service.js';
import { LocalStrategy } from './auth/local.strategy.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { PasswordHasher } from './auth/password-hasher.js';
import { RefreshTokenEntity } from './auth/refresh-token.entity.js';
import { SessionEntity } from './auth/session.entity.js';
import { SessionService } from './auth/session.service.js';
import { InvitationEntity } from './organizations/invitation.entity.js';
import { InvitationService } from './organizations/invitation.service.js';
import { MembershipEntity } from './organizations/membership.entity.js';
import { OrganizationEntity } from './organizations/organization.entity.js';
import { OrganizationService } from './organizations/organization.service.js';
import { UserRoleEntity } from './users/user-role.entity.js';
import { UserEntity } from './users/user.entity.js';
import { UserService } from './users/user.service.js';

export const IDENTITY_ENTITIES = [
  UserEntity,
  UserRoleEntity,
  OrganizationEntity,
  MembershipEntity,
  InvitationEntity,
  SessionEntity,
  RefreshTokenEntity,
];

/** Users, organizations, memberships, sessions and authentication. No GraphQL here. */
@Module({
  imports: [
    TypeOrmModule.forFeature(IDENTITY_ENTITIES),
    AuditModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.auth.jwtSecret,
        signOptions: { algorithm: ACCESS_TOKEN_ALGORITHM },
        verifyOptions: { algorithms: [ACCESS_TOKEN_ALGORITHM] },
      }),
    }),
  ],
  providers: [
    PasswordHasher,
    LoginThrottle,
    UserService,
    OrganizationService,
    InvitationService,
    SessionService,
    CredentialsService,
    AuthService,
    AccessTokenStrategy,
    LocalStrategy,
  ],
  exports: [UserService, OrganizationService, InvitationService, SessionService, AuthService, PasswordHasher],
})
export class IdentityModule {}

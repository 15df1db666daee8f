import { registerEnumType } from '@nestjs/graphql';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Role } from '@app/core';
import { DataSource } from 'typeorm';
import { IdentityErrorCode, IdentityException } from '../identity.exception.js';
import { InvitationService } from '../organizations/invitation.service.js';
import { OrganizationService } from '../organizations/organization.service.js';
import { UserService } from '../users/user.service.js';
import { PasswordHasher } from './password-hasher.js';
import { assertAcceptablePassword } from './password-policy.js';
import { type ClientMeta, type IssuedTokens, SessionService } from './session.service.js';

export enum AccountType {
  BRAND = 'BRAND',
  CREATOR = 'CREATOR',
}

registerEnumType(AccountType, {
  name: 'AccountType',
  description: 'BRAND creates (or, with an invitation, joins) an organization; CREATOR is an influencer account.',
});

export interface SignUpCommand {
  email: string;
  password: string;
  displayName: string;
  accountType: AccountType;
  organizationName?: string;
  invitationToken?: string;
}

/** Sign-up fields are named by their path in the operation, e.g. `input.organizationName`. */
function invalid(field: string, message: string): IdentityException {
  return new IdentityException(IdentityErrorCode.InvalidInput, `input.${message}`, { field: `input.${field}` });
}

/** Account creation and session lifecycle. */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UserService,
    private readonly organizations: OrganizationService,
    private readonly invitations: InvitationService,
    private readonly sessions: SessionService,
    private readonly hasher: PasswordHasher,
  ) {}

  /**
   * Creates the account and signs it in. A BRAND account creates its organization (and
   * becomes its BRAND_ADMIN) or joins one through an invitation token.
   */
  async signUp(command: SignUpCommand, meta: ClientMeta): Promise<IssuedTokens> {
    const organizationName = command.organizationName?.trim();
    if (command.accountType === AccountType.BRAND) {
      if (organizationName && command.invitationToken) {
        throw invalid('invitationToken', 'invitationToken and input.organizationName cannot both be given');
      }
      if (!organizationName && !command.invitationToken) {
        throw invalid('organizationName', 'organizationName is required for a BRAND account (or sign up with an invitationToken)');
      }
    } else if (organizationName || command.invitationToken) {
      throw invalid(organizationName ? 'organizationName' : 'invitationToken', 'Only BRAND accounts belong to an organization');
    }
    assertAcceptablePassword(command.password, { email: command.email, displayName: command.displayName }, 'input.password');
    const passwordHash = await this.hasher.hash(command.password);

    return this.db.transaction(async (manager) => {
      const user = await this.users.create(manager, {
        email: command.email,
        displayName: command.displayName,
        passwordHash,
        emailField: 'input.email',
        roles: command.accountType === AccountType.CREATOR ? [Role.CREATOR] : [],
      });
      if (command.accountType === AccountType.BRAND) {
        if (command.invitationToken) await this.invitations.acceptWithin(manager, command.invitationToken, user.email, user.id);
        else await this.organizations.create(manager, organizationName!, user.id);
      }
      return this.sessions.open(manager, user.id, meta);
    });
  }

  /** Opens a session for a user whose credentials were just verified. */
  logIn(userId: string, meta: ClientMeta): Promise<IssuedTokens> {
    return this.db.transaction((manager) => this.sessions.open(manager, userId, meta));
  }

  refresh(refreshToken: string): Promise<IssuedTokens> {
    return this.sessions.rotate(refreshToken);
  }

  /** Ends the caller's session, or all of their sessions. */
  async logOut(userId: string, sessionId: string, allSessions: boolean): Promise<boolean> {
    await this.sessions.revoke(userId, sessionId, allSessions);
    return true;
  }
}

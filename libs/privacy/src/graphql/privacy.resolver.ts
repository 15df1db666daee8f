import { type Actor, CurrentActor, IdArg, RateLimit, Role, Roles } from '@app/core';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AccountErasureService } from '../erasure/account-erasure.service.js';
import { AccountErasure, EraseMyAccountInput } from '../erasure/erasure.inputs.js';
import { PersonalDataExport } from '../export/personal-data-export.model.js';
import { PersonalDataExportService } from '../export/personal-data-export.service.js';

@Resolver()
export class PrivacyResolver {
  constructor(
    private readonly exports: PersonalDataExportService,
    private readonly erasure: AccountErasureService,
  ) {}

  @Query(() => PersonalDataExport, { description: 'Everything the platform holds about you, as one JSON file. Any signed-in user, for themselves only.' })
  exportMyData(@CurrentActor() actor: Actor): Promise<PersonalDataExport> {
    return this.exports.exportFor(actor);
  }

  @Mutation(() => AccountErasure, {
    description:
      'Erase your account: your personal data is deleted or made anonymous for good, and you are signed out everywhere. Money records are kept ' +
      'without your name. Refused (CONFLICT, naming them) while a payout to you is still open.',
  })
  // It checks a password: it counts against the address's login attempts, so it cannot be used to guess one.
  @RateLimit('logIn')
  eraseMyAccount(@CurrentActor() actor: Actor, @Args('input') input: EraseMyAccountInput): Promise<AccountErasure> {
    return this.erasure.eraseMine(actor, input);
  }

  @Mutation(() => AccountErasure, {
    description: 'Erase a user\'s account on a request received by other means. Admins only; the reason (no personal data in it) is audited.',
  })
  @Roles(Role.ADMIN)
  eraseAccount(@CurrentActor() actor: Actor, @IdArg('userId') userId: string, @Args('reason') reason: string): Promise<AccountErasure> {
    return this.erasure.eraseAccount(actor, userId, reason);
  }
}

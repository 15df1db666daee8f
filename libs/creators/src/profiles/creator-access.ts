import { type Actor, assertAnyRole, hasAnyRole, Role } from '@app/core';
import { CreatorsErrorCode, CreatorsException } from '../creators.exception.js';

/** Who may look creators up: brand teams choosing creators, and platform admins. */
export const CREATOR_READER_ROLES: readonly Role[] = [Role.BRAND_ADMIN, Role.BRAND_MEMBER, Role.ADMIN];

export function canReadAnyCreator(actor: Actor): boolean {
  return hasAnyRole(actor, CREATOR_READER_ROLES);
}

/** Only creators keep a profile and social accounts; FORBIDDEN for anyone else. */
export function assertCreator(actor: Actor, action: string): void {
  if (!actor.roles.includes(Role.CREATOR)) {
    throw new CreatorsException(CreatorsErrorCode.NotAllowed, `Only a CREATOR may ${action}`);
  }
}

export function assertCreatorReader(actor: Actor, action: string): void {
  assertAnyRole(actor, CREATOR_READER_ROLES, action);
}

export function creatorNotFound(id: string): CreatorsException {
  return new CreatorsException(CreatorsErrorCode.NotFound, `Creator ${id} not found`);
}

export function socialAccountNotFound(id: string): CreatorsException {
  return new CreatorsException(CreatorsErrorCode.NotFound, `Social account ${id} not found`);
}

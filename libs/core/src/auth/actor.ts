import { AppException, ErrorCode } from '../errors/app.exception.js';
import { Role } from './role.js';

/** Who is calling: resolved from the access token and the database on every request. */
export interface Actor {
  userId: string;
  roles: readonly Role[];
  /** The organization of a brand user; null for creators and platform staff. */
  organizationId: string | null;
  /** The session (refresh-token family) the access token belongs to. */
  sessionId: string;
}

export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return roles.some((role) => actor.roles.includes(role));
}

/** Throws FORBIDDEN unless the actor holds one of `roles`; `action` names what was attempted. */
export function assertAnyRole(actor: Actor, roles: readonly Role[], action: string): void {
  if (!hasAnyRole(actor, roles)) {
    throw new AppException(ErrorCode.Forbidden, `Only ${roles.join(' or ')} may ${action}`);
  }
}

import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppException, ErrorCode } from '../errors/app.exception.js';
import { hasAnyRole } from './actor.js';
import { IS_PUBLIC, REQUIRED_ROLES, requestFromContext } from './decorators.js';
import type { Role } from './role.js';

/** Enforces `@Roles(...)` after authentication. Services repeat the check for their use case. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (!roles?.length || this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const actor = requestFromContext(context).user;
    if (!actor) throw new AppException(ErrorCode.Unauthenticated, 'Authentication required');
    if (!hasAnyRole(actor, roles)) {
      throw new AppException(ErrorCode.Forbidden, `This operation requires the role ${roles.join(' or ')}`);
    }
    return true;
  }
}

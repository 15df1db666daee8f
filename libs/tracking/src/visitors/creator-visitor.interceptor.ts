import { type Actor, type AppConfig, clientAddress, InjectConfig, Role } from '@app/core';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Observable } from 'rxjs';
import { CreatorVisitorRecorder } from './creator-visitor-recorder.js';

interface CreatorRequest {
  user?: Actor;
  socket?: { remoteAddress?: string };
  headers: Record<string, string | string[] | undefined>;
}

/** On every signed-in creator's GraphQL operation, notes the creator's visitor hash (see {@link CreatorVisitorRecorder}). */
@Injectable()
export class CreatorVisitorInterceptor implements NestInterceptor {
  constructor(
    private readonly recorder: CreatorVisitorRecorder,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() === 'graphql') {
      const req = GqlExecutionContext.create(context).getContext<{ req?: CreatorRequest }>().req;
      const actor = req?.user;
      if (req && actor?.roles.includes(Role.CREATOR)) {
        const agent = req.headers['user-agent'];
        // The address exactly as the redirector reads it, so the two hashes compare.
        const ip = clientAddress(req.socket?.remoteAddress, req.headers['x-forwarded-for'], this.config.trustProxyHops);
        this.recorder.note(actor.userId, ip || undefined, Array.isArray(agent) ? agent[0] : agent);
      }
    }
    return next.handle();
  }
}

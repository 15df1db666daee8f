import { type Actor, type AppConfig, clientAddress, InjectConfig, Role } from '@app/core';
import { CreatorProfileService } from '@app/creators';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Observable } from 'rxjs';
import { CreatorVisitorRecorder } from './creator-visitor-recorder.js';

interface CreatorRequest {
  user?: Actor;
  socket?: { remoteAddress?: string };
  headers: Record<string, string | string[] | undefined>;
}

const MAX_CACHED = 10_000;

/** On every signed-in creator's GraphQL operation, notes the creator's visitor hash (see {@link CreatorVisitorRecorder}). */
@Injectable()
export class CreatorVisitorInterceptor implements NestInterceptor {
  private readonly creatorIds = new Map<string, string | null>();

  constructor(
    private readonly recorder: CreatorVisitorRecorder,
    private readonly profiles: CreatorProfileService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType<string>() === 'graphql') {
      const req = GqlExecutionContext.create(context).getContext<{ req?: CreatorRequest }>().req;
      const actor = req?.user;
      if (req && actor?.roles.includes(Role.CREATOR)) {
        const creatorId = await this.creatorIdOf(actor.userId);
        const agent = req.headers['user-agent'];
        // The address exactly as the redirector reads it, so the two hashes compare.
        const ip = clientAddress(req.socket?.remoteAddress, req.headers['x-forwarded-for'], this.config.trustProxyHops);
        if (creatorId) this.recorder.note(creatorId, ip || undefined, Array.isArray(agent) ? agent[0] : agent);
      }
    }
    return next.handle();
  }

  private async creatorIdOf(userId: string): Promise<string | null> {
    if (this.creatorIds.has(userId)) return this.creatorIds.get(userId)!;
    const id = (await this.profiles.findByUserId(userId))?.id ?? null;
    if (this.creatorIds.size >= MAX_CACHED) this.creatorIds.clear();
    // A creator without a profile yet may make one in a moment: only found ids are kept.
    if (id) this.creatorIds.set(userId, id);
    return id;
  }
}

import { Global, Injectable, Logger, Module } from '@nestjs/common';

/** A kind of event, typed by its payload: `export const CampaignsChanged = domainEvent<{ campaignIds: string[] }>('campaigns.changed')`. */
export interface DomainEventType<T> {
  readonly name: string;
  /** Never set: it carries the payload type. */
  readonly payload?: T;
}

export function domainEvent<T>(name: string): DomainEventType<T> {
  return { name };
}

type Handler<T> = (payload: T) => Promise<void> | void;

/**
 * In-process events between domains, so a lower library can say what changed without
 * knowing who cares (campaigns announce status changes; tracking drops its cached links).
 * Emit after the transaction has committed. Handlers run after the emitter's current
 * step, one failure does not stop the others, and each failure is logged: an event is a
 * notification, never the only record of a change.
 */
@Injectable()
export class DomainEvents {
  private readonly logger = new Logger(DomainEvents.name);
  private readonly handlers = new Map<string, Set<Handler<unknown>>>();
  private readonly running = new Set<Promise<void>>();

  on<T>(type: DomainEventType<T>, handler: Handler<T>): () => void {
    let set = this.handlers.get(type.name);
    if (!set) this.handlers.set(type.name, (set = new Set()));
    set.add(handler as Handler<unknown>);
    return () => set.delete(handler as Handler<unknown>);
  }

  emit<T>(type: DomainEventType<T>, payload: T): void {
    for (const handler of this.handlers.get(type.name) ?? []) {
      const run = Promise.resolve()
        .then(() => handler(payload))
        .catch((error: unknown) => this.logger.error({ err: error, event: type.name }, 'A domain event handler failed'))
        .finally(() => this.running.delete(run));
      this.running.add(run);
    }
  }

  /** Resolves once every handler started so far has finished (for orderly shutdown and tests). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}

@Global()
@Module({ providers: [DomainEvents], exports: [DomainEvents] })
export class DomainEventsModule {}

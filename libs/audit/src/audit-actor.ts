/**
 * Who made a change: a person, an integration's API key, or the platform itself. Keys are
 * SCREAMING_CASE because code-first GraphQL publishes the key as the enum value's name.
 */
export enum AuditActorType {
  USER = 'USER',
  API_KEY = 'API_KEY',
  SYSTEM = 'SYSTEM',
}

export interface AuditActor {
  type: AuditActorType;
  /** The user id, the integration id, or the job name; null only when nothing names the actor. */
  id: string | null;
}

export function userActor(userId: string): AuditActor {
  return { type: AuditActorType.USER, id: userId };
}

/** A job or scheduled task, named so a reader can find its code: `commissions.approve-due`. */
export function systemActor(jobName: string): AuditActor {
  return { type: AuditActorType.SYSTEM, id: jobName };
}

export function apiKeyActor(integrationId: string): AuditActor {
  return { type: AuditActorType.API_KEY, id: integrationId };
}

/** Who made a change: a person, an integration's API key, or the platform itself. */
export enum AuditActorType {
  User = 'USER',
  ApiKey = 'API_KEY',
  System = 'SYSTEM',
}

export interface AuditActor {
  type: AuditActorType;
  /** The user id, the integration id, or the job name; null only when nothing names the actor. */
  id: string | null;
}

export function userActor(userId: string): AuditActor {
  return { type: AuditActorType.User, id: userId };
}

/** A job or scheduled task, named so a reader can find its code: `commissions.approve-due`. */
export function systemActor(jobName: string): AuditActor {
  return { type: AuditActorType.System, id: jobName };
}

export function apiKeyActor(integrationId: string): AuditActor {
  return { type: AuditActorType.ApiKey, id: integrationId };
}

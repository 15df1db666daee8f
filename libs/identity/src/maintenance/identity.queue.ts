/** Identity's background work: housekeeping on a schedule. */
export const IDENTITY_QUEUE = 'identity';

export enum IdentityJob {
  PurgeEndedSessions = 'purge-ended-sessions',
}

/** Sessions that ended longer ago than this are deleted with their refresh tokens. */
export const ENDED_SESSION_RETENTION_DAYS = 30;

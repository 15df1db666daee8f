/** Commissions' scheduled work. */
export const COMMISSIONS_QUEUE = 'commissions';

export enum CommissionsJob {
  /** Moves commissions whose hold window has elapsed from PENDING to ELIGIBLE. */
  ReleaseElapsedHolds = 'release-elapsed-holds',
}

/** Order events stored in the inbox, on their way to attribution and commissions. */
export const ORDER_EVENTS_QUEUE = 'order-events';

export enum OrderEventsJob {
  /** Apply one stored event (job id = the inbox row id, so a re-enqueue is a no-op while it waits). */
  Apply = 'apply-order-event',
  /** Re-enqueues events left RECEIVED (the API stored them but could not reach Redis). */
  Sweep = 'sweep-order-inbox',
}

export interface ApplyOrderEventJob {
  eventId: string;
}

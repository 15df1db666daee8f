import { domainEvent } from '@app/core';

/**
 * Emitted after a transaction that changed campaigns' status, dates or fallback URL has
 * committed. Links and codes follow their campaign; caches of them listen here.
 */
export const CampaignsChanged = domainEvent<{ campaignIds: string[] }>('campaigns.changed');

/** Emitted after enrollments changed status (approved, removed, left, …) and the change committed. */
export const EnrollmentsChanged = domainEvent<{ enrollmentIds: string[] }>('enrollments.changed');

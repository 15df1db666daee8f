import { registerEnumType } from '@nestjs/graphql';
import { CampaignErrorCode, CampaignException } from '../campaigns.exception.js';

export enum CampaignStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  ENDED = 'ENDED',
}

export enum CampaignAction {
  PUBLISH = 'publish',
  PAUSE = 'pause',
  RESUME = 'resume',
  END = 'end',
  DELETE = 'delete',
}

/** The one transition table: action → the statuses it may start from, and where it leads (null: deleted). */
const TRANSITIONS: Record<CampaignAction, { from: readonly CampaignStatus[]; to: CampaignStatus | null }> = {
  [CampaignAction.PUBLISH]: { from: [CampaignStatus.DRAFT], to: CampaignStatus.ACTIVE },
  [CampaignAction.PAUSE]: { from: [CampaignStatus.ACTIVE], to: CampaignStatus.PAUSED },
  [CampaignAction.RESUME]: { from: [CampaignStatus.PAUSED], to: CampaignStatus.ACTIVE },
  [CampaignAction.END]: { from: [CampaignStatus.ACTIVE, CampaignStatus.PAUSED], to: CampaignStatus.ENDED },
  [CampaignAction.DELETE]: { from: [CampaignStatus.DRAFT], to: null },
};

/** Where `action` takes a campaign in `status`; CONFLICT when the transition is not in the table. */
export function campaignTransition(id: string, status: CampaignStatus, action: CampaignAction): CampaignStatus | null {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(status)) {
    throw new CampaignException(
      CampaignErrorCode.IllegalTransition,
      `Campaign ${id} is ${status} and cannot be ${PAST_TENSE[action]} (only a ${transition.from.join(' or ')} campaign can)`,
    );
  }
  return transition.to;
}

const PAST_TENSE: Record<CampaignAction, string> = {
  publish: 'published',
  pause: 'paused',
  resume: 'resumed',
  end: 'ended',
  delete: 'deleted',
};

/** Campaign statuses in which creators still take part (a creator can join a paused campaign). */
const RUNNING: readonly CampaignStatus[] = [CampaignStatus.ACTIVE, CampaignStatus.PAUSED];

/**
 * Whether a campaign still runs: ACTIVE or PAUSED, and not past its end date (the worker
 * ends such campaigns within minutes; until then they count as ended).
 */
export function campaignStillRunning(campaign: { status: string; endsAt: Date | null }, now = new Date()): boolean {
  return RUNNING.includes(campaign.status as CampaignStatus) && !(campaign.endsAt && campaign.endsAt <= now);
}

/** Why a campaign is not running, for messages: its status, or "past its end date". */
export function campaignStatusForHumans(campaign: { status: string; endsAt: Date | null }): string {
  return RUNNING.includes(campaign.status as CampaignStatus) ? 'past its end date' : campaign.status;
}

/** Statuses in which the commercial terms are edited in place rather than versioned. */
export function termsEditableInPlace(status: CampaignStatus): boolean {
  return status === CampaignStatus.DRAFT;
}

registerEnumType(CampaignStatus, { name: 'CampaignStatus', description: 'DRAFT → ACTIVE → PAUSED ⇄ ACTIVE → ENDED; a DRAFT may be deleted.' });

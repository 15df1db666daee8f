import { AttributionRule } from '@app/campaigns';

/** The rule is part of a campaign's terms; the rules engine works with the same enum. */
export { AttributionRule };

export enum TouchKind {
  Code = 'CODE',
  Click = 'CLICK',
  /** The customer's earlier attributed order: a returning customer stays with who brought them. */
  ReturningCustomer = 'RETURNING_CUSTOMER',
}

/** Where a touch points once it has been looked up: the participation it credits. */
export interface TouchOwner {
  organizationId: string;
  campaignId: string;
  enrollmentId: string;
  creatorId: string;
  /** The campaign's attribution window (terms in force at the order time). */
  attributionWindowDays: number;
  /** The campaign's rule (terms in force at the order time). */
  rule: AttributionRule;
}

/**
 * One touch as gathered from the database, with the facts the rules judge it by. A touch
 * that could not be found at all has `owner: null`.
 */
export interface Touch {
  kind: TouchKind;
  /** The code as typed, the click id, or the earlier order's id. */
  ref: string;
  /** Click time; the order time for a code; the earlier order's time for a returning customer. */
  at: Date;
  owner: TouchOwner | null;
  /** False when the code, click or earlier order belongs to another organization. */
  sameOrganization: boolean;
  /** Clicks only: the redirector judged the click a bot. */
  bot: boolean;
  /** The link or code was ACTIVE at the order time (links: not disabled/revoked; codes: usable). */
  active: boolean;
  /** The creator's participation was still running at the order time. */
  participationActive: boolean;
}

export enum CandidateOutcome {
  Won = 'WON',
  Lost = 'LOST',
  Invalid = 'INVALID',
}

export interface Candidate {
  kind: TouchKind;
  ref: string;
  at: Date;
  creatorId: string | null;
  enrollmentId: string | null;
  campaignId: string | null;
  outcome: CandidateOutcome;
  /** Machine-readable reason, e.g. `BOT_CLICK`, `OUTSIDE_WINDOW`, `CODE_BEATS_CLICK`. */
  reasonCode: string;
  /** The same, for people: "click 2026-11-02T10:00:00Z is 31 days before the order; the window is 30 days". */
  reason: string;
}

export interface Decision {
  /** The rule applied; null when no candidate was valid (nothing to choose between). */
  rule: AttributionRule | null;
  candidates: Candidate[];
  /** Index into `candidates` of the winner, or null: the order stays unattributed. */
  winner: number | null;
}

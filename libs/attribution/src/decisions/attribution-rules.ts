import {
  AttributionRule,
  type Candidate,
  CandidateOutcome,
  type Decision,
  type Touch,
  TouchKind,
  type TouchOwner,
} from './attribution-rule.js';

/*
 * Reason codes, so that every candidate can be explained to a creator or a brand:
 *   INVALID: NOT_FOUND, OTHER_ORGANIZATION, BOT_CLICK, LINK_DISABLED, CODE_INACTIVE,
 *            PARTICIPATION_ENDED, AFTER_ORDER, OUTSIDE_WINDOW, DUPLICATE
 *   WON:     WON_<RULE>, e.g. WON_CODE_WINS
 *   LOST to a touch of another kind: <WINNER KIND>_BEATS_<LOSER KIND>, e.g. CODE_BEATS_CLICK,
 *            RETURNING_CUSTOMER_BEATS_CLICK
 *   LOST to a touch of the same kind: EARLIER_CODE_LISTED, LATER_CLICK_WINS, EARLIER_CLICK_WINS,
 *            EARLIER_RETURNING_CUSTOMER_WINS, or TIE_LOWER_REF_WINS when both have the same time
 */

// Windows are counted in elapsed 24-hour days: times are instants, and a shop's or a
// shopper's time zone must not move an order in or out of the window.
const DAY_MS = 86_400_000;

/** Kinds in the order each rule prefers them; within a kind, `compareWithinKind` decides. */
const PREFERENCE: Readonly<Record<AttributionRule, readonly TouchKind[]>> = {
  [AttributionRule.CODE_WINS]: [TouchKind.Code, TouchKind.ReturningCustomer, TouchKind.Click],
  [AttributionRule.LAST_CLICK]: [TouchKind.Click, TouchKind.Code, TouchKind.ReturningCustomer],
  [AttributionRule.FIRST_CLICK]: [TouchKind.ReturningCustomer, TouchKind.Click, TouchKind.Code],
};

/** Why the winner won, after "<winner> ": one line per rule and kind of winner. */
const WON_BECAUSE: Readonly<Record<AttributionRule, Readonly<Record<TouchKind, string>>>> = {
  [AttributionRule.CODE_WINS]: {
    [TouchKind.Code]: 'was used; under CODE_WINS a code beats a link',
    [TouchKind.ReturningCustomer]: 'brought this customer before; under CODE_WINS a returning customer stays with that creator when no code was used',
    [TouchKind.Click]: 'is the latest valid click; under CODE_WINS a link counts when no code was used and the customer is new',
  },
  [AttributionRule.LAST_CLICK]: {
    [TouchKind.Click]: 'is the latest valid click; under LAST_CLICK the last click wins',
    [TouchKind.Code]: 'was used and no valid link was clicked; under LAST_CLICK a code counts when there is no click',
    [TouchKind.ReturningCustomer]: 'brought this customer before; under LAST_CLICK a returning customer counts when there is no click or code',
  },
  [AttributionRule.FIRST_CLICK]: {
    [TouchKind.ReturningCustomer]: 'brought this customer before; under FIRST_CLICK whoever brought the customer first keeps them',
    [TouchKind.Click]: 'is the earliest valid click; under FIRST_CLICK the first click wins',
    [TouchKind.Code]: 'was used and no valid link was clicked; under FIRST_CLICK a code counts when there is no click or returning customer',
  },
};

const NOUN: Readonly<Record<TouchKind, string>> = {
  [TouchKind.Code]: 'code',
  [TouchKind.Click]: 'link',
  [TouchKind.ReturningCustomer]: 'returning customer',
};

interface Verdict {
  reasonCode: string;
  reason: string;
}

interface Valid {
  touch: Touch;
  owner: TouchOwner;
  index: number;
}

/**
 * Chooses which creator, if any, an order is credited to, and says for every touch why it won,
 * lost or did not count. Pure: the same input always gives the same decision, and the input is
 * left as it was.
 */
export function decideAttribution(orderedAt: Date, touches: readonly Touch[]): Decision {
  const firstByKey = new Map<string, Touch>();
  const verdicts: (Verdict | null)[] = [];
  const valid: Valid[] = [];
  touches.forEach((touch, index) => {
    const key = duplicateKey(touch);
    const first = firstByKey.get(key);
    if (first === undefined) firstByKey.set(key, touch);
    const verdict = invalidity(touch, orderedAt, first);
    verdicts.push(verdict);
    if (verdict === null && touch.owner !== null) valid.push({ touch, owner: touch.owner, index });
  });

  // The rule is a campaign term, and touches may point into campaigns with different rules: the
  // campaign of the strongest evidence of intent decides (a code the shopper typed, else the
  // last link they followed, else the latest order that made them a customer).
  const rule = valid.length === 0 ? null : anchor(valid).owner.rule;
  const winner = rule === null ? null : valid.reduce((best, next) => (prefer(rule, next, best) < 0 ? next : best));

  const candidates = touches.map((touch, index) => {
    const verdict = verdicts[index];
    if (verdict) return candidate(touch, CandidateOutcome.Invalid, verdict);
    if (rule === null || winner === null) return unreachable();
    if (index === winner.index) {
      return candidate(touch, CandidateOutcome.Won, { reasonCode: `WON_${rule}`, reason: `${describe(touch)} ${WON_BECAUSE[rule][touch.kind]}` });
    }
    return candidate(touch, CandidateOutcome.Lost, lostTo(rule, winner, touch));
  });
  return { rule, candidates, winner: winner?.index ?? null };
}

function invalidity(touch: Touch, orderedAt: Date, first: Touch | undefined): Verdict | null {
  const { owner, ref } = touch;
  const label = labelOf(touch);
  if (owner === null) {
    const missing = { [TouchKind.Code]: `code ${ref} is not a code of this brand`, [TouchKind.Click]: `click ${ref} was not recorded`, [TouchKind.ReturningCustomer]: `earlier order ${ref} was not found` };
    return { reasonCode: 'NOT_FOUND', reason: missing[touch.kind] };
  }
  if (!touch.sameOrganization) return { reasonCode: 'OTHER_ORGANIZATION', reason: `${label} belongs to another brand` };
  // Only the redirector judges bots, and only clicks pass through it.
  if (touch.kind === TouchKind.Click && touch.bot) return { reasonCode: 'BOT_CLICK', reason: `${label} was judged a bot by the redirector` };
  // An earlier attributed order cannot be disabled, so a returning customer's `active` is not read.
  if (touch.kind === TouchKind.Click && !touch.active) return { reasonCode: 'LINK_DISABLED', reason: `the link of ${label} was disabled at the order time` };
  if (touch.kind === TouchKind.Code && !touch.active) return { reasonCode: 'CODE_INACTIVE', reason: `${label} was not active at the order time` };
  if (!touch.participationActive) {
    return { reasonCode: 'PARTICIPATION_ENDED', reason: `creator ${owner.creatorId}'s participation in campaign ${owner.campaignId} had ended at the order time` };
  }
  // A code's time is the order's own, so only clicks and earlier orders are placed in time.
  if (touch.kind !== TouchKind.Code) {
    const before = orderedAt.getTime() - touch.at.getTime();
    const what = touch.kind === TouchKind.Click ? 'click' : 'earlier order';
    if (before < 0) return { reasonCode: 'AFTER_ORDER', reason: `${what} at ${iso(touch.at)} is after the order at ${iso(orderedAt)}` };
    // Inclusive: a touch exactly N days before the order is still inside an N-day window.
    if (before > owner.attributionWindowDays * DAY_MS) {
      return { reasonCode: 'OUTSIDE_WINDOW', reason: `${what} at ${iso(touch.at)} is ${daysText(before)} before the order; the window is ${plural(owner.attributionWindowDays, 'day')}` };
    }
  }
  // Checked last so that a repeat of an invalid touch reports the real fault, not the repetition.
  if (first !== undefined) return { reasonCode: 'DUPLICATE', reason: `${label} repeats ${labelOf(first)} given before it; a touch counts once` };
  return null;
}

/** Shoppers type codes in any case and with stray spaces; click and order ids are exact. */
function duplicateKey(touch: Touch): string {
  const ref = touch.kind === TouchKind.Code ? touch.ref.trim().toUpperCase() : touch.ref;
  return `${touch.kind}:${ref}`;
}

/** The touch whose campaign's rule applies: the first code listed, else the latest click, else the latest returning-customer order. */
function anchor(valid: readonly Valid[]): Valid {
  for (const kind of [TouchKind.Code, TouchKind.Click, TouchKind.ReturningCustomer]) {
    const ofKind = valid.filter((v) => v.touch.kind === kind);
    if (ofKind.length > 0) return ofKind.reduce((best, next) => (compareWithinKind(next, best, kind !== TouchKind.Code) < 0 ? next : best));
  }
  return unreachable();
}

/** Negative when `a` is preferred to `b` under `rule`. */
function prefer(rule: AttributionRule, a: Valid, b: Valid): number {
  const order = PREFERENCE[rule];
  const byKind = order.indexOf(a.touch.kind) - order.indexOf(b.touch.kind);
  if (byKind !== 0) return byKind;
  // Returning customers always stay with whoever brought them first; clicks follow the rule.
  const latestFirst = a.touch.kind === TouchKind.Click && rule !== AttributionRule.FIRST_CLICK;
  return compareWithinKind(a, b, latestFirst);
}

/**
 * Codes keep the order the shopper listed them in; clicks and earlier orders go by time, and a
 * tie in time goes to the lower ref (plain code-unit order, not locale order) so that the
 * decision never depends on the order the database returned rows in.
 */
function compareWithinKind(a: Valid, b: Valid, latestFirst: boolean): number {
  if (a.touch.kind === TouchKind.Code) return a.index - b.index;
  const byTime = a.touch.at.getTime() - b.touch.at.getTime();
  if (byTime !== 0) return latestFirst ? -byTime : byTime;
  if (a.touch.ref !== b.touch.ref) return a.touch.ref < b.touch.ref ? -1 : 1;
  return a.index - b.index;
}

function lostTo(rule: AttributionRule, winner: Valid, loser: Touch): Verdict {
  const to = `lost to ${describe(winner.touch)} of creator ${winner.owner.creatorId}`;
  const { kind } = winner.touch;
  if (kind !== loser.kind) {
    return { reasonCode: `${kind}_BEATS_${loser.kind}`, reason: `${to}: under ${rule} a ${NOUN[kind]} beats a ${NOUN[loser.kind]}` };
  }
  if (kind === TouchKind.Code) return { reasonCode: 'EARLIER_CODE_LISTED', reason: `${to}, listed before it: the first code listed wins` };
  const delta = winner.touch.at.getTime() - loser.at.getTime();
  if (delta === 0) return { reasonCode: 'TIE_LOWER_REF_WINS', reason: `${to} at the same time: a tie goes to the lower ref` };
  if (kind === TouchKind.ReturningCustomer) {
    return { reasonCode: 'EARLIER_RETURNING_CUSTOMER_WINS', reason: `${to}: a returning customer stays with whoever brought them first` };
  }
  return delta > 0
    ? { reasonCode: 'LATER_CLICK_WINS', reason: `${to}, a later click: under ${rule} the latest click wins` }
    : { reasonCode: 'EARLIER_CLICK_WINS', reason: `${to}, an earlier click: under ${rule} the earliest click wins` };
}

function candidate(touch: Touch, outcome: CandidateOutcome, verdict: Verdict): Candidate {
  const { owner } = touch;
  return {
    kind: touch.kind,
    ref: touch.ref,
    // A copy, so that a caller changing a decision's date cannot change its own input, or back.
    at: new Date(touch.at.getTime()),
    creatorId: owner?.creatorId ?? null,
    enrollmentId: owner?.enrollmentId ?? null,
    campaignId: owner?.campaignId ?? null,
    outcome,
    reasonCode: verdict.reasonCode,
    reason: verdict.reason,
  };
}

function labelOf(touch: Touch): string {
  return `${touch.kind === TouchKind.ReturningCustomer ? 'earlier order' : touch.kind === TouchKind.Code ? 'code' : 'click'} ${touch.ref}`;
}

function describe(touch: Touch): string {
  return touch.kind === TouchKind.Code ? labelOf(touch) : `${labelOf(touch)} at ${iso(touch.at)}`;
}

function iso(date: Date): string {
  return date.toISOString();
}

/** Whole days when the gap is whole; otherwise "more than N days", which never overstates it. */
function daysText(ms: number): string {
  const days = ms / DAY_MS;
  return Number.isInteger(days) ? plural(days, 'day') : `more than ${plural(Math.floor(days), 'day')}`;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

function unreachable(): never {
  throw new Error('attribution: a valid touch was expected');
}

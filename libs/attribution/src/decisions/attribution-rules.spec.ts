import { AttributionRule, CandidateOutcome, type Touch, TouchKind, type TouchOwner } from './attribution-rule.js';
import { decideAttribution } from './attribution-rules.js';

const { CODE_WINS: CodeWins, LAST_CLICK: LastClick, FIRST_CLICK: FirstClick } = AttributionRule;
const DAY = 86_400_000;
const ORDERED_AT = new Date('2026-11-01T10:00:00.000Z');
const before = (days: number, extraMs = 0) => new Date(ORDERED_AT.getTime() - days * DAY - extraMs);

function owner(creatorId: string, rule: AttributionRule = CodeWins, attributionWindowDays = 30): TouchOwner {
  return {
    organizationId: 'org-northwind',
    campaignId: `campaign-${rule.toLowerCase()}`,
    enrollmentId: `enrollment-${creatorId}-${rule.toLowerCase()}`,
    creatorId,
    attributionWindowDays,
    rule,
  };
}

const FACTS = { sameOrganization: true, bot: false, active: true, participationActive: true };
const code = (ref: string, by: TouchOwner | null, facts: Partial<Touch> = {}): Touch => ({ kind: TouchKind.Code, ref, at: ORDERED_AT, owner: by, ...FACTS, ...facts });
const click = (ref: string, at: Date, by: TouchOwner | null, facts: Partial<Touch> = {}): Touch => ({ kind: TouchKind.Click, ref, at, owner: by, ...FACTS, ...facts });
const returning = (ref: string, at: Date, by: TouchOwner | null, facts: Partial<Touch> = {}): Touch => ({ kind: TouchKind.ReturningCustomer, ref, at, owner: by, ...FACTS, ...facts });

const won = (code: string): [CandidateOutcome, string] => [CandidateOutcome.Won, code];
const lost = (code: string): [CandidateOutcome, string] => [CandidateOutcome.Lost, code];
const invalid = (code: string): [CandidateOutcome, string] => [CandidateOutcome.Invalid, code];

interface Case {
  name: string;
  touches: Touch[];
  rule: AttributionRule | null;
  winner: number | null;
  outcomes: [CandidateOutcome, string][];
}

const cases: Case[] = [
  { name: 'no touches at all', touches: [], rule: null, winner: null, outcomes: [] },
  {
    name: 'CODE_WINS: a code beats a link clicked before it',
    touches: [click('clk-1', before(2), owner('leo')), code('SUMMER10', owner('maya'))],
    rule: CodeWins, winner: 1, outcomes: [lost('CODE_BEATS_CLICK'), won('WON_CODE_WINS')],
  },
  {
    name: 'LAST_CLICK: a link beats a code',
    touches: [code('SUMMER10', owner('maya', LastClick)), click('clk-1', before(2), owner('leo', LastClick))],
    rule: LastClick, winner: 1, outcomes: [lost('CLICK_BEATS_CODE'), won('WON_LAST_CLICK')],
  },
  {
    name: 'FIRST_CLICK: a link beats a code',
    touches: [code('SUMMER10', owner('maya', FirstClick)), click('clk-1', before(2), owner('leo', FirstClick))],
    rule: FirstClick, winner: 1, outcomes: [lost('CLICK_BEATS_CODE'), won('WON_FIRST_CLICK')],
  },
  {
    name: 'CODE_WINS: a returning customer beats a link',
    touches: [click('clk-1', before(1), owner('leo')), returning('ord-7', before(10), owner('maya'))],
    rule: CodeWins, winner: 1, outcomes: [lost('RETURNING_CUSTOMER_BEATS_CLICK'), won('WON_CODE_WINS')],
  },
  {
    name: 'LAST_CLICK: a link beats a returning customer',
    touches: [click('clk-1', before(1), owner('leo', LastClick)), returning('ord-7', before(10), owner('maya', LastClick))],
    rule: LastClick, winner: 0, outcomes: [won('WON_LAST_CLICK'), lost('CLICK_BEATS_RETURNING_CUSTOMER')],
  },
  {
    name: 'FIRST_CLICK: a returning customer beats a link',
    touches: [click('clk-1', before(1), owner('leo', FirstClick)), returning('ord-7', before(10), owner('maya', FirstClick))],
    rule: FirstClick, winner: 1, outcomes: [lost('RETURNING_CUSTOMER_BEATS_CLICK'), won('WON_FIRST_CLICK')],
  },
  {
    name: 'CODE_WINS: a code beats a returning customer',
    touches: [returning('ord-7', before(10), owner('maya')), code('LEO15', owner('leo'))],
    rule: CodeWins, winner: 1, outcomes: [lost('CODE_BEATS_RETURNING_CUSTOMER'), won('WON_CODE_WINS')],
  },
  {
    name: 'LAST_CLICK: without a click, a code beats a returning customer',
    touches: [returning('ord-7', before(10), owner('maya', LastClick)), code('LEO15', owner('leo', LastClick))],
    rule: LastClick, winner: 1, outcomes: [lost('CODE_BEATS_RETURNING_CUSTOMER'), won('WON_LAST_CLICK')],
  },
  {
    name: 'FIRST_CLICK: a returning customer beats a code',
    touches: [returning('ord-7', before(10), owner('maya', FirstClick)), code('LEO15', owner('leo', FirstClick))],
    rule: FirstClick, winner: 0, outcomes: [won('WON_FIRST_CLICK'), lost('RETURNING_CUSTOMER_BEATS_CODE')],
  },
  {
    name: 'CODE_WINS: code, returning customer and link all valid',
    touches: [click('clk-1', before(1), owner('sofia')), returning('ord-7', before(10), owner('maya')), code('LEO15', owner('leo'))],
    rule: CodeWins, winner: 2, outcomes: [lost('CODE_BEATS_CLICK'), lost('CODE_BEATS_RETURNING_CUSTOMER'), won('WON_CODE_WINS')],
  },
  {
    name: 'two codes of different creators: the first listed wins',
    touches: [code('LEO15', owner('leo')), code('SUMMER10', owner('maya'))],
    rule: CodeWins, winner: 0, outcomes: [won('WON_CODE_WINS'), lost('EARLIER_CODE_LISTED')],
  },
  {
    name: 'the same code twice, in another case and with spaces',
    touches: [code('SUMMER10', owner('maya')), code(' summer10 ', owner('maya'))],
    rule: CodeWins, winner: 0, outcomes: [won('WON_CODE_WINS'), invalid('DUPLICATE')],
  },
  {
    name: 'the same click twice',
    touches: [click('clk-1', before(1), owner('leo', LastClick)), click('clk-1', before(1), owner('leo', LastClick))],
    rule: LastClick, winner: 0, outcomes: [won('WON_LAST_CLICK'), invalid('DUPLICATE')],
  },
  {
    name: 'a repeated bot click reports the bot, not the repetition',
    touches: [click('clk-9', before(1), owner('leo'), { bot: true }), click('clk-9', before(1), owner('leo'), { bot: true })],
    rule: null, winner: null, outcomes: [invalid('BOT_CLICK'), invalid('BOT_CLICK')],
  },
  {
    name: 'a bot click (even on a disabled link) does not count',
    touches: [click('clk-9', before(1), owner('leo'), { bot: true, active: false }), click('clk-1', before(3), owner('maya'))],
    rule: CodeWins, winner: 1, outcomes: [invalid('BOT_CLICK'), won('WON_CODE_WINS')],
  },
  {
    name: "another brand's click (even a bot's)",
    touches: [click('clk-x', before(1), owner('leo'), { sameOrganization: false, bot: true }), code('SUMMER10', owner('maya'))],
    rule: CodeWins, winner: 1, outcomes: [invalid('OTHER_ORGANIZATION'), won('WON_CODE_WINS')],
  },
  {
    name: "another brand's code (even an inactive one)",
    touches: [code('OTHER20', owner('leo'), { sameOrganization: false, active: false }), click('clk-1', before(1), owner('maya'))],
    rule: CodeWins, winner: 1, outcomes: [invalid('OTHER_ORGANIZATION'), won('WON_CODE_WINS')],
  },
  {
    name: 'a disabled link (before an ended participation)',
    touches: [click('clk-1', before(1), owner('leo'), { active: false, participationActive: false }), code('SUMMER10', owner('maya'))],
    rule: CodeWins, winner: 1, outcomes: [invalid('LINK_DISABLED'), won('WON_CODE_WINS')],
  },
  {
    name: 'an inactive code',
    touches: [code('OLD5', owner('leo'), { active: false }), click('clk-1', before(1), owner('maya'))],
    rule: CodeWins, winner: 1, outcomes: [invalid('CODE_INACTIVE'), won('WON_CODE_WINS')],
  },
  {
    name: 'an ended participation (before the window)',
    touches: [click('clk-1', before(90), owner('leo'), { participationActive: false }), code('SUMMER10', owner('maya'), { participationActive: false })],
    rule: null, winner: null, outcomes: [invalid('PARTICIPATION_ENDED'), invalid('PARTICIPATION_ENDED')],
  },
  {
    name: 'a click outside the window',
    touches: [click('clk-1', before(31), owner('leo')), code('SUMMER10', owner('maya', LastClick))],
    rule: LastClick, winner: 1, outcomes: [invalid('OUTSIDE_WINDOW'), won('WON_LAST_CLICK')],
  },
  {
    name: 'a click one millisecond outside the window',
    touches: [click('clk-1', before(30, 1), owner('leo'))],
    rule: null, winner: null, outcomes: [invalid('OUTSIDE_WINDOW')],
  },
  {
    name: 'a click exactly at the window boundary is inside it',
    touches: [click('clk-1', before(30), owner('leo'))],
    rule: CodeWins, winner: 0, outcomes: [won('WON_CODE_WINS')],
  },
  {
    name: "the window is the click's own campaign's",
    touches: [click('clk-1', before(45), owner('leo', LastClick, 60)), click('clk-2', before(45), owner('maya', LastClick, 30))],
    rule: LastClick, winner: 0, outcomes: [won('WON_LAST_CLICK'), invalid('OUTSIDE_WINDOW')],
  },
  {
    name: 'a click after the order',
    touches: [click('clk-1', new Date(ORDERED_AT.getTime() + 1), owner('leo')), click('clk-2', before(5), owner('maya'))],
    rule: CodeWins, winner: 1, outcomes: [invalid('AFTER_ORDER'), won('WON_CODE_WINS')],
  },
  {
    name: 'a click at the very moment of the order counts',
    touches: [click('clk-1', ORDERED_AT, owner('leo', LastClick)), click('clk-2', before(5), owner('maya', LastClick))],
    rule: LastClick, winner: 0, outcomes: [won('WON_LAST_CLICK'), lost('LATER_CLICK_WINS')],
  },
  {
    name: 'an unknown click id',
    touches: [click('clk-404', before(1), null), code('SUMMER10', owner('maya'))],
    rule: CodeWins, winner: 1, outcomes: [invalid('NOT_FOUND'), won('WON_CODE_WINS')],
  },
  {
    name: 'an unknown code',
    touches: [code('NOPE99', null), click('clk-1', before(1), owner('maya'))],
    rule: CodeWins, winner: 1, outcomes: [invalid('NOT_FOUND'), won('WON_CODE_WINS')],
  },
  {
    name: 'only invalid touches leave the order unattributed',
    touches: [code('NOPE99', null), click('clk-9', before(1), owner('leo'), { bot: true }), returning('ord-7', before(400), owner('maya'))],
    rule: null, winner: null, outcomes: [invalid('NOT_FOUND'), invalid('BOT_CLICK'), invalid('OUTSIDE_WINDOW')],
  },
  {
    name: 'two clicks at the same time: the lower ref wins',
    touches: [click('clk-b', before(1), owner('leo', LastClick)), click('clk-a', before(1), owner('maya', LastClick))],
    rule: LastClick, winner: 1, outcomes: [lost('TIE_LOWER_REF_WINS'), won('WON_LAST_CLICK')],
  },
  {
    name: 'two returning-customer orders at the same time: the lower ref wins',
    touches: [returning('ord-2', before(3), owner('leo')), returning('ord-1', before(3), owner('maya'))],
    rule: CodeWins, winner: 1, outcomes: [lost('TIE_LOWER_REF_WINS'), won('WON_CODE_WINS')],
  },
  {
    name: 'LAST_CLICK with two clicks: the later wins',
    touches: [click('clk-2', before(1), owner('leo', LastClick)), click('clk-1', before(5), owner('maya', LastClick))],
    rule: LastClick, winner: 0, outcomes: [won('WON_LAST_CLICK'), lost('LATER_CLICK_WINS')],
  },
  {
    name: 'FIRST_CLICK with two clicks: the earlier wins',
    touches: [click('clk-2', before(1), owner('leo', FirstClick)), click('clk-1', before(5), owner('maya', FirstClick))],
    rule: FirstClick, winner: 1, outcomes: [lost('EARLIER_CLICK_WINS'), won('WON_FIRST_CLICK')],
  },
  {
    name: 'CODE_WINS with two clicks and no code: the later wins',
    touches: [click('clk-1', before(5), owner('maya')), click('clk-2', before(1), owner('leo'))],
    rule: CodeWins, winner: 1, outcomes: [lost('LATER_CLICK_WINS'), won('WON_CODE_WINS')],
  },
  {
    name: "anchor: the code's LAST_CLICK campaign decides over the click's CODE_WINS campaign",
    touches: [code('SUMMER10', owner('maya', LastClick)), click('clk-1', before(1), owner('leo', CodeWins))],
    rule: LastClick, winner: 1, outcomes: [lost('CLICK_BEATS_CODE'), won('WON_LAST_CLICK')],
  },
  {
    name: "anchor: the code's CODE_WINS campaign decides over the click's LAST_CLICK campaign",
    touches: [click('clk-1', before(1), owner('leo', LastClick)), code('SUMMER10', owner('maya', CodeWins))],
    rule: CodeWins, winner: 1, outcomes: [lost('CODE_BEATS_CLICK'), won('WON_CODE_WINS')],
  },
  {
    name: 'anchor: the first code listed decides, not a later one',
    touches: [code('LEO15', owner('leo', FirstClick)), code('SUMMER10', owner('maya', CodeWins)), click('clk-1', before(1), owner('sofia', CodeWins))],
    rule: FirstClick, winner: 2, outcomes: [lost('CLICK_BEATS_CODE'), lost('CLICK_BEATS_CODE'), won('WON_FIRST_CLICK')],
  },
  {
    name: 'anchor: an invalid code does not decide the rule',
    touches: [code('OLD5', owner('leo', FirstClick), { active: false }), click('clk-2', before(1), owner('maya', LastClick)), click('clk-1', before(5), owner('sofia', LastClick))],
    rule: LastClick, winner: 1, outcomes: [invalid('CODE_INACTIVE'), won('WON_LAST_CLICK'), lost('LATER_CLICK_WINS')],
  },
  {
    name: "anchor: without a code, the latest click's campaign decides",
    touches: [click('clk-1', before(5), owner('maya', LastClick)), click('clk-2', before(1), owner('leo', FirstClick))],
    rule: FirstClick, winner: 0, outcomes: [won('WON_FIRST_CLICK'), lost('EARLIER_CLICK_WINS')],
  },
  {
    name: "anchor: with only returning customers, the latest one's campaign decides; the earliest still wins",
    touches: [returning('ord-2', before(2), owner('leo', FirstClick)), returning('ord-1', before(20), owner('maya', LastClick))],
    rule: FirstClick, winner: 1, outcomes: [lost('EARLIER_RETURNING_CUSTOMER_WINS'), won('WON_FIRST_CLICK')],
  },
  {
    name: 'a returning customer outside the window',
    touches: [returning('ord-7', before(45), owner('maya')), click('clk-1', before(1), owner('leo'))],
    rule: CodeWins, winner: 1, outcomes: [invalid('OUTSIDE_WINDOW'), won('WON_CODE_WINS')],
  },
  {
    name: 'a returning customer is never judged inactive',
    touches: [returning('ord-7', before(10), owner('maya'), { active: false, bot: true })],
    rule: CodeWins, winner: 0, outcomes: [won('WON_CODE_WINS')],
  },
  {
    name: 'a returning-customer order after this one',
    touches: [returning('ord-9', new Date(ORDERED_AT.getTime() + DAY), owner('maya'))],
    rule: null, winner: null, outcomes: [invalid('AFTER_ORDER')],
  },
  {
    name: 'an unknown earlier order',
    touches: [returning('ord-404', before(3), null), code('SUMMER10', owner('maya', FirstClick))],
    rule: FirstClick, winner: 1, outcomes: [invalid('NOT_FOUND'), won('WON_FIRST_CLICK')],
  },
];

describe('decideAttribution', () => {
  it.each(cases)('$name', ({ touches, rule, winner, outcomes }) => {
    const decision = decideAttribution(ORDERED_AT, touches);
    expect(decision.rule).toBe(rule);
    expect(decision.winner).toBe(winner);
    expect(decision.candidates.map((c) => [c.outcome, c.reasonCode])).toEqual(outcomes);
    // Candidates come back in input order, one per touch.
    expect(decision.candidates.map((c) => [c.kind, c.ref])).toEqual(touches.map((t) => [t.kind, t.ref]));
    for (const c of decision.candidates) expect(c.reason.length).toBeGreaterThan(0);
  });

  it('explains the winner and names it in every loser', () => {
    const { candidates } = decideAttribution(ORDERED_AT, [click('clk-1', before(2), owner('leo')), code('SUMMER10', owner('maya')), code('LEO15', owner('leo'))]);
    expect(candidates[1]!.reason).toBe('code SUMMER10 was used; under CODE_WINS a code beats a link');
    expect(candidates[0]!.reason).toBe('lost to code SUMMER10 of creator maya: under CODE_WINS a code beats a link');
    expect(candidates[2]!.reason).toBe('lost to code SUMMER10 of creator maya, listed before it: the first code listed wins');
  });

  it('explains invalid touches for people, with ISO dates', () => {
    const { candidates } = decideAttribution(ORDERED_AT, [
      click('clk-1', before(31), owner('leo')),
      click('clk-2', before(30, 3_600_000), owner('leo')),
      code('SUMMER10', null),
      click('clk-404', before(1), null),
      click('clk-3', new Date('2026-11-02T00:00:00.000Z'), owner('leo')),
      code('summer10', null),
    ]);
    expect(candidates.map((c) => c.reason)).toEqual([
      'click at 2026-10-01T10:00:00.000Z is 31 days before the order; the window is 30 days',
      'click at 2026-10-02T09:00:00.000Z is more than 30 days before the order; the window is 30 days',
      'code SUMMER10 is not a code of this brand',
      'click clk-404 was not recorded',
      'click at 2026-11-02T00:00:00.000Z is after the order at 2026-11-01T10:00:00.000Z',
      'code summer10 is not a code of this brand',
    ]);
  });

  it("copies the owner's ids onto each candidate, and nulls when the touch was not found", () => {
    const maya = owner('maya');
    const { candidates } = decideAttribution(ORDERED_AT, [code('SUMMER10', maya), click('clk-404', before(1), null)]);
    expect(candidates[0]).toMatchObject({ creatorId: 'maya', enrollmentId: maya.enrollmentId, campaignId: maya.campaignId });
    expect(candidates[1]).toMatchObject({ creatorId: null, enrollmentId: null, campaignId: null });
  });

  it('leaves its input as it was and returns the same decision every time', () => {
    const touches = [click('clk-b', before(1), owner('leo', LastClick)), click('clk-a', before(1), owner('maya', LastClick)), code('SUMMER10', owner('maya', LastClick))];
    const snapshot = structuredClone(touches);
    const first = decideAttribution(ORDERED_AT, touches);
    expect(touches).toEqual(snapshot);
    expect(decideAttribution(ORDERED_AT, touches)).toEqual(first);
    first.candidates[0]!.at.setTime(0);
    expect(touches[0]!.at.getTime()).toBe(before(1).getTime());
  });

  it('picks the same winner whatever order tied clicks arrive in', () => {
    const a = click('clk-a', before(1), owner('maya', LastClick));
    const b = click('clk-b', before(1), owner('leo', LastClick));
    const forward = decideAttribution(ORDERED_AT, [a, b]);
    const backward = decideAttribution(ORDERED_AT, [b, a]);
    expect(forward.candidates[forward.winner!]!.ref).toBe('clk-a');
    expect(backward.candidates[backward.winner!]!.ref).toBe('clk-a');
  });
});

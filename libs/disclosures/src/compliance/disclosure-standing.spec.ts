import { DisclosureStanding, standingOf } from './disclosure-standing.js';

describe('standingOf', () => {
  it.each<[string, { compliant: number; nonCompliant: number; needsReview: number }, DisclosureStanding]>([
    ['no post', { compliant: 0, nonCompliant: 0, needsReview: 0 }, DisclosureStanding.MISSING],
    ['one compliant post', { compliant: 1, nonCompliant: 0, needsReview: 0 }, DisclosureStanding.COMPLIANT],
    ['a compliant post beside one waiting for review', { compliant: 1, nonCompliant: 0, needsReview: 2 }, DisclosureStanding.COMPLIANT],
    ['posts waiting for review only', { compliant: 0, nonCompliant: 0, needsReview: 2 }, DisclosureStanding.NEEDS_REVIEW],
    ['a non-compliant post beside a compliant one', { compliant: 3, nonCompliant: 1, needsReview: 0 }, DisclosureStanding.NON_COMPLIANT],
  ])('reads %s as %s', (_case, counts, standing) => {
    expect(standingOf(counts)).toBe(standing);
  });
});

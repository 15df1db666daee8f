import { erasedEmail, identifierPattern, identifierSpellings } from './personal-identifiers.js';

describe('identifierSpellings', () => {
  it('adds the URL-encoded, form-encoded and @-less spellings, longest first, without blanks, repeats or two-letter values', () => {
    expect(identifierSpellings(['Maya Lopez', '@maya.glow', 'maya.glow', ' ', null, 'Al', '@jo', 'maya@example.com'])).toEqual([
      'maya%40example.com',
      'maya@example.com',
      'Maya%20Lopez',
      '@maya.glow',
      'Maya Lopez',
      'Maya+Lopez',
      'maya.glow',
    ]);
  });
});

describe('identifierPattern', () => {
  it('matches each spelling literally, whatever characters it holds', () => {
    const pattern = identifierPattern(identifierSpellings(['maya.glow', 'a+b (c)']))!;
    const regex = new RegExp(pattern, 'gi');
    expect('see MAYA.GLOW and a+b (c) here'.replace(regex, 'X')).toBe('see X and X here');
    // The dot is literal: "mayaxglow" is someone else.
    expect('mayaxglow'.replace(regex, 'X')).toBe('mayaxglow');
  });

  it('is null when there is nothing to match', () => {
    expect(identifierPattern([])).toBeNull();
  });
});

describe('erasedEmail', () => {
  it('is unique per user and names nobody', () => {
    expect(erasedEmail('0190d3b4-0000-7000-8000-000000000001')).toBe('erased-0190d3b4-0000-7000-8000-000000000001@invalid');
  });
});

import { newId } from '@app/core';
import { type ClickVisit, decodeClick, encodeClick } from './click-wire.js';

const click = (overrides: Partial<ClickVisit> = {}): ClickVisit => ({
  id: newId(),
  linkId: newId(),
  enrollmentId: newId(),
  campaignId: newId(),
  organizationId: newId(),
  creatorId: newId(),
  visitorHash: 'unlAH9QDfUbcP2VjbRtUcu',
  country: 'PL',
  referrerHost: 'l.instagram.com',
  userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Mobile/15E148',
  ...overrides,
});

describe('click wire format', () => {
  it('decodes what it encodes', () => {
    const original = click();
    expect(decodeClick(encodeClick(original))).toEqual(original);
    const bare = click({ country: null, referrerHost: null, userAgent: null });
    expect(decodeClick(encodeClick(bare))).toEqual(bare);
  });

  it('keeps tabs and line breaks in a user agent from splitting the line', () => {
    const decoded = decodeClick(encodeClick(click({ userAgent: 'Weird\tAgent\r\n2.0' })));
    expect(decoded?.userAgent).toBe('Weird Agent  2.0');
  });

  it('refuses what is not a click line', () => {
    const line = encodeClick(click());
    expect(decodeClick(line.replace(/^c1/, 'c9'))).toBeNull();
    expect(decodeClick(line.split('\t').slice(0, 10).join('\t'))).toBeNull();
    expect(decodeClick(line.replace(/\t[0-9a-f-]{36}/, '\tnot-a-uuid'))).toBeNull();
    expect(decodeClick({ i: 'x' })).toBeNull();
    expect(decodeClick(42)).toBeNull();
  });
});

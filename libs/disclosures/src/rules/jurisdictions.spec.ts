import { audienceJurisdictions, jurisdictionOf } from './jurisdictions.js';

describe('jurisdictionOf', () => {
  it.each([
    ['us', 'US'],
    ['UK', 'GB'],
    ['GB', 'GB'],
    ['DE', 'EU'],
    ['fr', 'EU'],
    ['PL', 'PL'],
    ['FI', 'FI'],
    ['KR', 'KR'],
    ['JP', 'JP'],
    ['BR', 'BR'],
  ])('reads %s as %s', (country, jurisdiction) => {
    expect(jurisdictionOf(country)).toBe(jurisdiction);
  });
});

describe('audienceJurisdictions', () => {
  const instagram = { platform: 'INSTAGRAM', audienceCountries: { US: 40, GB: 12, DE: 6, FR: 5, JP: 4.9 } };
  const tiktok = { platform: 'TIKTOK', audienceCountries: { KR: 70, US: 20 } };

  it("reads the audience of the creator's accounts on the post's platform, from 5 % up", () => {
    expect(audienceJurisdictions([instagram, tiktok], 'INSTAGRAM', 'US')).toEqual(['EU', 'GB', 'US']);
    expect(audienceJurisdictions([instagram, tiktok], 'TIKTOK', 'US')).toEqual(['KR', 'US']);
  });

  it('reads every account when the creator has none on that platform', () => {
    expect(audienceJurisdictions([instagram, tiktok], 'YOUTUBE', null)).toEqual(['EU', 'GB', 'KR', 'US']);
  });

  it('falls back to where the creator lives, then to the US', () => {
    expect(audienceJurisdictions([{ platform: 'INSTAGRAM', audienceCountries: {} }], 'INSTAGRAM', 'fi')).toEqual(['FI']);
    expect(audienceJurisdictions([], 'BLOG', null)).toEqual(['US']);
  });
});

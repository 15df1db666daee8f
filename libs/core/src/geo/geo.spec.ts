import { isCountryCode, isLanguageCode } from './geo.js';

describe('geo codes', () => {
  it('accepts ISO 3166-1 alpha-2 countries only', () => {
    expect(['US', 'GB', 'PL', 'KR', 'FI'].every(isCountryCode)).toBe(true);
    expect(['us', 'USA', 'XX', 'ZZ', 'EU', '', 12].some(isCountryCode)).toBe(false);
  });

  it('accepts ISO 639-1 languages only', () => {
    expect(['en', 'pl', 'ko', 'ja', 'fi'].every(isLanguageCode)).toBe(true);
    expect(['EN', 'eng', 'qq', 'en-US'].some(isLanguageCode)).toBe(false);
  });
});

import { InputProblems } from '@app/core';
import { Platform } from '../vocabulary.js';
import {
  checkAudienceCountries,
  engagementRate,
  MAX_AUDIENCE_COUNTRIES,
  normalizeHandle,
  resolveSocialAccount,
  type SocialAccountPatch,
} from './social-account.rules.js';

function problemsOf(run: () => unknown): { field: string; message: string }[] {
  try {
    run();
  } catch (error) {
    return (error as { fields: { field: string; message: string }[] }).fields;
  }
  throw new Error('expected the input to be refused');
}

const account: SocialAccountPatch = { platform: Platform.INSTAGRAM, handle: 'maya', followers: 1_000, avgLikes: 40, avgComments: 5 };

describe('normalizeHandle', () => {
  it('trims and drops one leading @', () => {
    expect(normalizeHandle(Platform.INSTAGRAM, '  @Maya.Makes_01 ')).toEqual({ value: 'Maya.Makes_01' });
    expect(normalizeHandle(Platform.TIKTOK, 'a-b')).toEqual({ value: 'a-b' });
  });

  it.each([
    ['empty', ''],
    ['only an @', '@'],
    ['two @', '@@maya'],
    ['a space', 'maya makes'],
    ['a slash', 'maya/makes'],
    ['an emoji', 'maya✨'],
    ['101 characters', 'a'.repeat(101)],
  ])('refuses an account handle with %s', (_why, raw) => {
    expect(normalizeHandle(Platform.INSTAGRAM, raw).problem).toMatch(/^handle /);
  });

  it('accepts 100 characters', () => {
    expect(normalizeHandle(Platform.YOUTUBE, 'a'.repeat(100)).value).toHaveLength(100);
  });

  it('takes a BLOG handle as a lower-case host name, without a pasted scheme or trailing slash', () => {
    expect(normalizeHandle(Platform.BLOG, 'MayaMakes.com')).toEqual({ value: 'mayamakes.com' });
    expect(normalizeHandle(Platform.BLOG, 'https://blog.maya-makes.co.uk/')).toEqual({ value: 'blog.maya-makes.co.uk' });
    expect(normalizeHandle(Platform.BLOG, 'xn--bcher-kva.example')).toEqual({ value: 'xn--bcher-kva.example' });
  });

  it.each(['mayamakes', 'maya_makes.com', '-maya.com', 'maya-.com', 'maya..com', 'maya.com/blog', 'maya.c0m', 'maya.c'])(
    'refuses %s as a BLOG host name',
    (raw) => {
      expect(normalizeHandle(Platform.BLOG, raw).problem).toMatch(/host name/);
    },
  );
});

describe('engagementRate', () => {
  it('is (likes + comments) / followers', () => {
    expect(engagementRate(2_000, 400, 40_000)).toBeCloseTo(0.06, 12);
  });

  it('is 0 for an account without followers rather than a division by zero', () => {
    expect(engagementRate(10, 5, 0)).toBe(0);
  });
});

describe('checkAudienceCountries', () => {
  const check = (entries: { country: string; share: number }[]) => {
    const problems = new InputProblems();
    const shares = checkAudienceCountries(entries, 'input.audienceCountries', problems);
    return { shares, problems: problems.list() };
  };

  it('keys shares by upper-case country', () => {
    expect(check([{ country: 'us', share: 41.5 }, { country: 'GB', share: 12 }])).toEqual({ shares: { US: 41.5, GB: 12 }, problems: [] });
  });

  it('sums exactly in hundredths: 33.33 + 33.33 + 33.34 is 100', () => {
    expect(check([{ country: 'US', share: 33.33 }, { country: 'GB', share: 33.33 }, { country: 'DE', share: 33.34 }]).problems).toEqual([]);
  });

  it('refuses a sum above 100, naming the list', () => {
    expect(check([{ country: 'US', share: 60 }, { country: 'GB', share: 40.01 }]).problems).toEqual([
      { field: 'input.audienceCountries', message: expect.stringContaining('at most 100 percent (got 100.01)') },
    ]);
  });

  it('refuses a country listed twice', () => {
    expect(check([{ country: 'US', share: 10 }, { country: 'us', share: 10 }]).problems).toEqual([
      { field: 'input.audienceCountries', message: expect.stringContaining('US more than once') },
    ]);
  });

  it.each([0, -1, 100.5, 12.345, Number.NaN])('refuses a share of %s, naming the entry', (share) => {
    expect(check([{ country: 'US', share: 1 }, { country: 'GB', share }]).problems).toEqual([
      { field: 'input.audienceCountries.1.share', message: expect.any(String) },
    ]);
  });

  it('refuses a code that is not a country', () => {
    expect(check([{ country: 'EU', share: 10 }]).problems.map((p) => p.field)).toEqual(['input.audienceCountries.0.country']);
  });

  it(`refuses more than ${MAX_AUDIENCE_COUNTRIES} countries`, () => {
    const codes = ['US', 'GB', 'DE', 'FR', 'ES', 'IT', 'PL', 'NL', 'BE', 'SE', 'NO', 'DK', 'FI', 'IE', 'PT', 'AT', 'CH', 'CZ', 'SK', 'HU', 'RO', 'BG', 'GR', 'HR', 'SI', 'EE'];
    expect(check(codes.map((country) => ({ country, share: 1 }))).problems.map((p) => p.field)).toEqual(['input.audienceCountries']);
  });
});

describe('resolveSocialAccount', () => {
  it('derives the engagement rate and the audience country codes', () => {
    const fields = resolveSocialAccount({ ...account, audienceCountries: [{ country: 'gb', share: 20 }, { country: 'US', share: 60 }] }, null);
    expect(fields).toMatchObject({ handle: 'maya', engagementRate: 0.045, audienceCountries: { GB: 20, US: 60 }, audienceCountryCodes: ['GB', 'US'] });
    expect(fields).toMatchObject({ avgViews: null, ratePerPostMinor: null, rateCurrency: null });
  });

  it('names every field at fault at once', () => {
    const fields = problemsOf(() =>
      resolveSocialAccount({ ...account, handle: 'bad handle', followers: -1, avgLikes: 1.5, ratePerPost: { amountMinor: '-5', currency: 'usd' } }, null),
    ).map((p) => p.field);
    expect(fields).toEqual(['input.handle', 'input.followers', 'input.avgLikes', 'input.ratePerPost.amountMinor', 'input.ratePerPost.currency']);
  });

  it('requires the core fields of a new account', () => {
    expect(problemsOf(() => resolveSocialAccount({ platform: Platform.X }, null)).map((p) => p.field)).toEqual([
      'input.handle',
      'input.followers',
      'input.avgLikes',
      'input.avgComments',
    ]);
  });

  it('applies a partial change to the current account and derives again', () => {
    const current = resolveSocialAccount({ ...account, ratePerPost: { amountMinor: '15000', currency: 'USD' } }, null);
    const changed = resolveSocialAccount({ followers: 500 }, current);
    expect(changed).toMatchObject({ handle: 'maya', followers: 500, engagementRate: 0.09, ratePerPostMinor: 15_000n, rateCurrency: 'USD' });
    expect(resolveSocialAccount({ ratePerPost: null, avgViews: null }, current)).toMatchObject({ ratePerPostMinor: null, rateCurrency: null });
  });

  it('checks the kept handle against a new platform', () => {
    const current = resolveSocialAccount(account, null);
    expect(problemsOf(() => resolveSocialAccount({ platform: Platform.BLOG }, current))).toEqual([
      { field: 'input.handle', message: expect.stringContaining('host name') },
    ]);
  });

  it('refuses null for a field every account has', () => {
    const current = resolveSocialAccount(account, null);
    expect(problemsOf(() => resolveSocialAccount({ followers: null }, current)).map((p) => p.field)).toEqual(['input.followers']);
  });
});

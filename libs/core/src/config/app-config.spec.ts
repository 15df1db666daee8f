import { ConfigError, loadConfig } from './app-config.js';

const valid = {
  DATABASE_URL: 'postgres://app:secret@db.internal:5432/marketplace',
  JWT_SECRET: 'k'.repeat(40),
  IP_HASH_SALT: 's'.repeat(20),
  DATA_ENCRYPTION_KEY: 'e'.repeat(40),
};

/** What production needs on top: it never falls back to the Stripe fake. */
const production = { ...valid, NODE_ENV: 'production', STRIPE_SECRET_KEY: `sk_live_${'x'.repeat(24)}`, STRIPE_WEBHOOK_SECRET: `whsec_${'w'.repeat(24)}` };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('reads a valid environment with defaults for the rest', () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({
      nodeEnv: 'development',
      developerMode: true,
      apiPort: 3000,
      redis: { url: 'redis://127.0.0.1:6379' },
      auth: { accessTokenTtlSeconds: 900 },
      database: { url: valid.DATABASE_URL },
    });
  });

  it('keeps raw clicks about 13 months unless told otherwise, and refuses a period too short to roll up', () => {
    expect(loadConfig(valid).tracking.clickRetentionDays).toBe(396);
    expect(loadConfig({ ...valid, CLICK_RETENTION_DAYS: '90' }).tracking.clickRetentionDays).toBe(90);
    expect(problems({ ...valid, CLICK_RETENTION_DAYS: '7' })).toEqual(['CLICK_RETENTION_DAYS must be between 30 and 3650 (got 7)']);
  });

  it('names each missing required variable', () => {
    expect(problems({})).toEqual([
      expect.stringMatching(/^DATABASE_URL is required/),
      expect.stringMatching(/^JWT_SECRET is required/),
      expect.stringMatching(/^IP_HASH_SALT is required/),
      expect.stringMatching(/^DATA_ENCRYPTION_KEY is required/),
    ]);
  });

  it('names each malformed variable and what it should be, all at once', () => {
    expect(
      problems({ ...valid, API_PORT: 'eighty', NODE_ENV: 'staging', REDIS_URL: 'http://cache:6379', JWT_SECRET: 'short', LOG_LEVEL: 'loud' }),
    ).toEqual([
      'NODE_ENV must be one of development, test, production (got "staging")',
      'API_PORT must be an integer (got "eighty")',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      'REDIS_URL must use redis or rediss (got "http:")',
      'JWT_SECRET must be at least 32 characters long',
    ]);
  });

  it('never repeats a database password in its messages', () => {
    const message = problems({ ...valid, DATABASE_URL: 'mysql://app:hunter2@db/x' }).join(' ');
    expect(message).toMatch(/DATABASE_URL must use postgres or postgresql/);
    expect(message).not.toMatch(/hunter2/);
  });

  it("reads the platform's Stripe country in upper case, and refuses what is not a country", () => {
    expect(loadConfig(valid).stripe.platformCountry).toBe('US');
    expect(loadConfig({ ...valid, STRIPE_PLATFORM_COUNTRY: 'gb' }).stripe.platformCountry).toBe('GB');
    expect(problems({ ...valid, STRIPE_PLATFORM_COUNTRY: 'EU' })).toEqual(['STRIPE_PLATFORM_COUNTRY must be an ISO 3166-1 alpha-2 country code such as US (got "EU")']);
  });

  it('needs the Stripe keys in production, and only there', () => {
    const withoutStripe = { ...production, REDIRECTOR_PUBLIC_URL: 'https://go.example.com', STRIPE_SECRET_KEY: '', STRIPE_WEBHOOK_SECRET: '' };
    expect(problems(withoutStripe)).toEqual([expect.stringMatching(/^STRIPE_SECRET_KEY is required/), expect.stringMatching(/^STRIPE_WEBHOOK_SECRET is required/)]);
    expect(loadConfig(valid).stripe).toMatchObject({ secretKey: undefined, maxRequestsPerSecond: 25 });
  });

  it('checks values against each other', () => {
    expect(problems({ ...valid, REFRESH_TOKEN_TTL_SECONDS: '864000', SESSION_MAX_AGE_SECONDS: '86400' })).toEqual([
      'REFRESH_TOKEN_TTL_SECONDS must not exceed SESSION_MAX_AGE_SECONDS',
    ]);
  });

  it('turns developer conveniences off in production', () => {
    const config = loadConfig({ ...production, REDIRECTOR_PUBLIC_URL: 'https://go.example.com/' });
    expect(config).toMatchObject({ developerMode: false, host: '0.0.0.0', logFormat: 'json', tracking: { redirectorPublicUrl: 'https://go.example.com' } });
  });

  it('needs Stripe keys in production, allows the fake elsewhere, and paces Stripe by its mode', () => {
    expect(problems({ ...valid, NODE_ENV: 'production', REDIRECTOR_PUBLIC_URL: 'https://go.example.com' })).toEqual([
      'STRIPE_SECRET_KEY is required (sk_live_… or sk_test_…)',
      'STRIPE_WEBHOOK_SECRET is required (whsec_… from the Stripe dashboard)',
    ]);
    expect(loadConfig(valid).stripe).toMatchObject({ secretKey: undefined, apiHost: undefined, maxRequestsPerSecond: 25 });
    expect(loadConfig({ ...valid, STRIPE_SECRET_KEY: production.STRIPE_SECRET_KEY }).stripe.maxRequestsPerSecond).toBe(100);
    expect(loadConfig({ ...valid, STRIPE_API_HOST: '127.0.0.1', STRIPE_API_PORT: '12111', STRIPE_API_PROTOCOL: 'http' }).stripe).toMatchObject({ apiHost: '127.0.0.1', apiPort: 12111, apiProtocol: 'http' });
    expect(problems({ ...valid, STRIPE_API_PROTOCOL: 'ftp' })).toEqual(['STRIPE_API_PROTOCOL must be one of http, https (got "ftp")']);
  });

  it('points short links at the local redirector outside production, and needs an address in production', () => {
    expect(loadConfig({ ...valid, REDIRECTOR_PORT: '4001' }).tracking.redirectorPublicUrl).toBe('http://127.0.0.1:4001');
    expect(problems(production)).toEqual([expect.stringMatching(/^REDIRECTOR_PUBLIC_URL is required/)]);
    expect(problems({ ...valid, REDIRECTOR_PUBLIC_URL: 'ftp://go.example.com' })).toEqual(['REDIRECTOR_PUBLIC_URL must use https or http (got "ftp:")']);
  });

  it('reads the country header in lower case and refuses what is not a header name', () => {
    expect(loadConfig({ ...valid, CLICK_COUNTRY_HEADER: 'CF-IPCountry' }).tracking.countryHeader).toBe('cf-ipcountry');
    expect(problems({ ...valid, CLICK_COUNTRY_HEADER: 'x country' })).toEqual(['CLICK_COUNTRY_HEADER must be a header name such as cf-ipcountry (got "x country")']);
  });

  it('reads the rate and body limits, the log-in ones under their old names, and names each bad one', () => {
    const config = loadConfig({ ...valid, LOGIN_RATE_WINDOW_SECONDS: '600', LOGIN_MAX_ATTEMPTS_PER_IP: '50', CLAIM_MAX_PER_USER: '7', API_BODY_LIMIT_BYTES: '65536' });
    expect(config.rateLimits).toEqual({
      graphql: { windowSeconds: 60, perUser: 1_200, perAnonymousIp: 300 },
      operations: {
        logIn: { windowSeconds: 600, perIp: 50, perUser: null },
        signUp: { windowSeconds: 3_600, perIp: 50, perUser: null },
        refreshSession: { windowSeconds: 60, perIp: 120, perUser: null },
        claim: { windowSeconds: 3_600, perIp: 300, perUser: 7 },
      },
      integration: { windowSeconds: 60, perIntegration: 1_200 },
    });
    expect(config.auth.login).toEqual({ windowSeconds: 600, maxFailuresPerEmail: 10 });
    expect(config.bodyLimits).toEqual({ apiBytes: 65_536, orderWebhookBytes: 2 * 1024 * 1024, stripeWebhookBytes: 1024 * 1024, redirectorBytes: 1024 });
    expect(problems({ ...valid, GRAPHQL_RATE_LIMIT_PER_USER: '0', INTEGRATION_RATE_LIMIT: 'lots', API_BODY_LIMIT_BYTES: '10' })).toEqual([
      'GRAPHQL_RATE_LIMIT_PER_USER must be between 1 and 10000000 (got 0)',
      'INTEGRATION_RATE_LIMIT must be an integer (got "lots")',
      'API_BODY_LIMIT_BYTES must be between 1024 and 67108864 (got 10)',
    ]);
  });
});

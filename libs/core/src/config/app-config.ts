import { isCountryCode } from '../geo/geo.js';
import { EnvReader, type Env } from './env-parsers.js';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface AppConfig {
  nodeEnv: NodeEnv;
  /** True outside production: introspection, the GraphQL landing page, suggestions and stack traces. */
  developerMode: boolean;
  host: string;
  apiPort: number;
  redirectorPort: number;
  /** Express/Fastify `trust proxy`: how many proxy hops to trust for the client IP. */
  trustProxyHops: number;
  logLevel: LogLevel;
  /** `pretty` for people at a terminal, `json` for log collectors. */
  logFormat: LogFormat;
  database: {
    url: string;
    poolSize: number;
    /** Log SQL slower than this many milliseconds. */
    slowQueryMs: number;
  };
  redis: {
    url: string;
    /** Prefix for every Redis key (queues, rate limits), so environments can share a server. */
    keyPrefix: string;
  };
  auth: {
    jwtSecret: string;
    jwtIssuer: string;
    jwtAudience: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    sessionMaxAgeSeconds: number;
    invitationTtlSeconds: number;
    /** Failed log-ins per email; attempts per address are `rateLimits.operations.logIn`. */
    login: {
      windowSeconds: number;
      maxFailuresPerEmail: number;
    };
  };
  /** When set, the worker touches this file every few seconds while PostgreSQL and Redis answer (container health checks). */
  workerHeartbeatFile: string | undefined;
  /** Salt for hashing client IP addresses; raw IPs are never stored. */
  ipHashSalt: string;
  tracking: {
    /** Where shoppers reach the redirector: a short link is `<redirectorPublicUrl>/r/<slug>`. */
    redirectorPublicUrl: string;
    /** Header in which a trusted proxy or CDN passes the visitor's ISO country (e.g. `cf-ipcountry`); unset means no country is recorded. */
    countryHeader: string | undefined;
    /** Links each redirector keeps in memory (least recently used ones are dropped first). */
    linkCacheSize: number;
    /** A click waits at most this many milliseconds in the redirector's memory before it is written to Redis. */
    clickFlushMs: number;
    /** Clicks written to Redis in one batch at most. */
    clickBatchSize: number;
    /** Raw click rows older than this many days are deleted once their hours are rolled up (the rollups keep the counts). */
    clickRetentionDays: number;
  };
  sales: {
    /** Encrypts merchant integrations' signing secrets at rest (AES-256-GCM under a key derived from it). */
    secretsKey: string;
    /** A signed webhook whose timestamp is further than this from now is refused (replay protection). */
    webhookToleranceSeconds: number;
    /** How long a rotated-out signing secret still verifies. */
    secretRotationGraceSeconds: number;
    /** Order events the worker processes at once. */
    orderConcurrency: number;
  };
  fraud: {
    /** An order sooner than this after its click looks automated. */
    minClickToOrderSeconds: number;
    maxOrdersPerCustomerPerDay: number;
    maxClicksPerVisitorPerHour: number;
    /** A code is leaking when at least this share (basis points) of its orders came with no click trail... */
    couponLeakShareBps: number;
    /** ...among at least this many orders. */
    couponLeakMinOrders: number;
  };
  finance: {
    /** Approving commissions worth more than this (minor units, per currency, all ids together) needs a second, different finance user. */
    secondReviewAboveMinor: number;
  };
  stripe: {
    /** `sk_test_…` or `sk_live_…`; unset outside production means the in-repo Stripe fake. */
    secretKey: string | undefined;
    /** Verifies `POST /webhooks/stripe` (`whsec_…`). */
    webhookSecret: string;
    /** Where the SDK sends requests when not api.stripe.com (the fake): `STRIPE_API_HOST`, `STRIPE_API_PORT`, `STRIPE_API_PROTOCOL`. */
    apiHost: string | undefined;
    apiPort: number | undefined;
    apiProtocol: 'http' | 'https' | undefined;
    /** Requests per second the payout worker allows itself against Stripe (Stripe allows 25 in test mode, 100 live). */
    maxRequestsPerSecond: number;
    /** A Stripe request unanswered after this long counts as an unknown outcome. */
    timeoutMs: number;
    /** The platform's own Stripe country (ISO 3166-1 alpha-2): a creator elsewhere is onboarded under the recipient service agreement. */
    platformCountry: string;
    /** Where Stripe's onboarding sends a creator back to when done, and when the link has expired. */
    onboardingReturnUrl: string;
    onboardingRefreshUrl: string;
  };
  payouts: {
    /** A creator is paid only when their net for the run is at least this (minor units). */
    minimumPayoutMinor: number;
    /** Transfers in flight at once. */
    transferConcurrency: number;
    /** Attempts for a transfer that failed for a passing reason (rate limit, 5xx, network) before it is left for the next sweep. */
    maxTransferAttempts: number;
  };
  /**
   * Fixed-window limits, counted in Redis so every replica shares them. Signed-in callers
   * count per user; anonymous ones per client address (hashed), so many people behind one
   * address are not starved by each other once signed in.
   */
  rateLimits: {
    graphql: {
      windowSeconds: number;
      /** Root fields (each alias, each operation of a batch) one signed-in user may run per window. */
      perUser: number;
      /** Root fields one anonymous client address may run per window. */
      perAnonymousIp: number;
    };
    /** Stricter limits on operations worth guessing or farming, on top of the ones above. */
    operations: Record<RateLimitedOperation, OperationRateLimit>;
    /** Order webhooks and API-key order calls one merchant integration may send per window. */
    integration: { windowSeconds: number; perIntegration: number };
  };
  /** Largest request bodies, in bytes; a larger one is answered 413 and nothing is stored. */
  bodyLimits: {
    /** GraphQL and every other route of the API's framework. */
    apiBytes: number;
    orderWebhookBytes: number;
    stripeWebhookBytes: number;
    /** The redirector only answers GET and HEAD, which carry no body. */
    redirectorBytes: number;
  };
  graphql: {
    maxDepth: number;
    maxAliases: number;
    maxCost: number;
    /** Page size when a list is asked for without `first`, and the largest `first` allowed. */
    defaultPageSize: number;
    maxPageSize: number;
  };
}

/** Operations with limits of their own (see {@link AppConfig.rateLimits}). */
export const RATE_LIMITED_OPERATIONS = ['logIn', 'signUp', 'refreshSession', 'claim'] as const;
export type RateLimitedOperation = (typeof RATE_LIMITED_OPERATIONS)[number];

export interface OperationRateLimit {
  windowSeconds: number;
  /** Calls per client address per window, signed in or not. */
  perIp: number;
  /** Calls per signed-in user per window; null when the operation is anonymous by nature. */
  perUser: number | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const DAY = 24 * 60 * 60;

/**
 * Reads and validates the whole configuration from the environment. Every problem is
 * collected and reported together, each naming its variable; nothing is half-loaded.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const read = new EnvReader(env);
  const nodeEnv = read.oneOf('NODE_ENV', NODE_ENVS, 'development');
  const production = nodeEnv === 'production';
  const host = read.string('HOST', production ? '0.0.0.0' : '127.0.0.1');
  const apiPort = read.int('API_PORT', 3000, { min: 0, max: 65535 });

  const redirectorPort = read.int('REDIRECTOR_PORT', 3001, { min: 0, max: 65535 });
  const redirectorPublicUrl = production
    ? read.url('REDIRECTOR_PUBLIC_URL', ['https', 'http']) ?? read.required('REDIRECTOR_PUBLIC_URL', '(the address shoppers reach the redirector at, e.g. https://go.example.com)')
    : read.url('REDIRECTOR_PUBLIC_URL', ['https', 'http'], `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${redirectorPort}`)!;
  const countryHeader = read.string('CLICK_COUNTRY_HEADER')?.toLowerCase();
  if (countryHeader !== undefined && !/^[a-z0-9-]{1,64}$/.test(countryHeader)) {
    read.errors.push(`CLICK_COUNTRY_HEADER must be a header name such as cf-ipcountry (got "${countryHeader}")`);
  }

  const loginWindowSeconds = read.int('LOGIN_RATE_WINDOW_SECONDS', 15 * 60, { min: 1, max: DAY });

  const databaseUrl =
    read.url('DATABASE_URL', ['postgres', 'postgresql']) ??
    read.required('DATABASE_URL', '(npm start runs an embedded PostgreSQL when it is unset)');

  const config: AppConfig = {
    nodeEnv,
    developerMode: !production,
    host,
    apiPort,
    redirectorPort,
    trustProxyHops: read.int('TRUST_PROXY_HOPS', 0, { min: 0, max: 10 }),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'warn' : 'info'),
    logFormat: read.oneOf('LOG_FORMAT', LOG_FORMATS, nodeEnv === 'development' ? 'pretty' : 'json'),
    database: {
      url: databaseUrl,
      poolSize: read.int('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
      slowQueryMs: read.int('DATABASE_SLOW_QUERY_MS', 500, { min: 1, max: 600_000 }),
    },
    redis: {
      url: read.url('REDIS_URL', ['redis', 'rediss'], 'redis://127.0.0.1:6379') ?? '',
      keyPrefix: read.string('REDIS_KEY_PREFIX', 'mp'),
    },
    auth: {
      jwtSecret:
        read.secret('JWT_SECRET', { minLength: 32, requiredWhy: '(at least 32 random characters)' }) ?? '',
      jwtIssuer: read.string('JWT_ISSUER', 'marketplace'),
      jwtAudience: read.string('JWT_AUDIENCE', 'marketplace-api'),
      accessTokenTtlSeconds: read.int('ACCESS_TOKEN_TTL_SECONDS', 15 * 60, { min: 60, max: 60 * 60 }),
      refreshTokenTtlSeconds: read.int('REFRESH_TOKEN_TTL_SECONDS', 30 * DAY, { min: 60, max: 365 * DAY }),
      sessionMaxAgeSeconds: read.int('SESSION_MAX_AGE_SECONDS', 90 * DAY, { min: 60, max: 365 * DAY }),
      invitationTtlSeconds: read.int('INVITATION_TTL_SECONDS', 7 * DAY, { min: 60, max: 90 * DAY }),
      login: {
        windowSeconds: loginWindowSeconds,
        maxFailuresPerEmail: read.int('LOGIN_MAX_FAILURES_PER_EMAIL', 10, { min: 1, max: 10_000 }),
      },
    },
    workerHeartbeatFile: read.string('WORKER_HEARTBEAT_FILE'),
    ipHashSalt: read.secret('IP_HASH_SALT', { minLength: 16, requiredWhy: '(at least 16 random characters)' }) ?? '',
    tracking: {
      redirectorPublicUrl: (redirectorPublicUrl ?? '').replace(/\/+$/, ''),
      countryHeader,
      linkCacheSize: read.int('LINK_CACHE_SIZE', 100_000, { min: 100, max: 10_000_000 }),
      clickFlushMs: read.int('CLICK_FLUSH_MS', 5, { min: 1, max: 1_000 }),
      clickBatchSize: read.int('CLICK_BATCH_SIZE', 500, { min: 1, max: 10_000 }),
      // About 13 months: a year-on-year comparison still has its raw rows; fraud rules look back far less.
      clickRetentionDays: read.int('CLICK_RETENTION_DAYS', 396, { min: 30, max: 3_650 }),
    },
    sales: {
      secretsKey: read.secret('DATA_ENCRYPTION_KEY', { minLength: 32, requiredWhy: '(at least 32 random characters; it encrypts merchant signing secrets)' }) ?? '',
      webhookToleranceSeconds: read.int('WEBHOOK_TOLERANCE_SECONDS', 300, { min: 30, max: 3_600 }),
      secretRotationGraceSeconds: read.int('SECRET_ROTATION_GRACE_SECONDS', DAY, { min: 0, max: 30 * DAY }),
      orderConcurrency: read.int('ORDER_CONCURRENCY', 8, { min: 1, max: 256 }),
    },
    fraud: {
      minClickToOrderSeconds: read.int('FRAUD_MIN_CLICK_TO_ORDER_SECONDS', 10, { min: 0, max: DAY }),
      maxOrdersPerCustomerPerDay: read.int('FRAUD_MAX_ORDERS_PER_CUSTOMER_PER_DAY', 5, { min: 1, max: 1_000_000 }),
      maxClicksPerVisitorPerHour: read.int('FRAUD_MAX_CLICKS_PER_VISITOR_PER_HOUR', 30, { min: 1, max: 1_000_000 }),
      couponLeakShareBps: read.int('FRAUD_COUPON_LEAK_SHARE_BPS', 8_000, { min: 1, max: 10_000 }),
      couponLeakMinOrders: read.int('FRAUD_COUPON_LEAK_MIN_ORDERS', 20, { min: 1, max: 1_000_000 }),
    },
    finance: {
      secondReviewAboveMinor: read.int('APPROVAL_SECOND_REVIEW_ABOVE_MINOR', 100_000, { min: 0, max: Number.MAX_SAFE_INTEGER }),
    },
    stripe: {
      secretKey: production
        ? (read.secret('STRIPE_SECRET_KEY', { minLength: 20, requiredWhy: '(sk_live_… or sk_test_…)' }) ?? '')
        : read.secret('STRIPE_SECRET_KEY', { minLength: 20 }),
      webhookSecret: production
        ? (read.secret('STRIPE_WEBHOOK_SECRET', { minLength: 16, requiredWhy: '(whsec_… from the Stripe dashboard)' }) ?? '')
        : read.string('STRIPE_WEBHOOK_SECRET', 'whsec_local_development_only_0000'),
      apiHost: read.string('STRIPE_API_HOST'),
      apiPort: read.string('STRIPE_API_PORT') === undefined ? undefined : read.int('STRIPE_API_PORT', 443, { min: 1, max: 65535 }),
      apiProtocol: read.string('STRIPE_API_PROTOCOL') === undefined ? undefined : read.oneOf('STRIPE_API_PROTOCOL', ['http', 'https'] as const, 'https'),
      maxRequestsPerSecond: read.int('STRIPE_MAX_REQUESTS_PER_SECOND', read.string('STRIPE_SECRET_KEY')?.startsWith('sk_live_') ? 100 : 25, { min: 1, max: 10_000 }),
      timeoutMs: read.int('STRIPE_TIMEOUT_MS', 20_000, { min: 100, max: 120_000 }),
      platformCountry: read.string('STRIPE_PLATFORM_COUNTRY', 'US').toUpperCase(),
      onboardingReturnUrl: read.url('STRIPE_ONBOARDING_RETURN_URL', ['https', 'http'], `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${apiPort}/payouts/onboarding/done`) ?? '',
      onboardingRefreshUrl: read.url('STRIPE_ONBOARDING_REFRESH_URL', ['https', 'http'], `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${apiPort}/payouts/onboarding/expired`) ?? '',
    },
    payouts: {
      minimumPayoutMinor: read.int('MINIMUM_PAYOUT_MINOR', 1_000, { min: 1, max: Number.MAX_SAFE_INTEGER }),
      transferConcurrency: read.int('PAYOUT_TRANSFER_CONCURRENCY', 8, { min: 1, max: 256 }),
      maxTransferAttempts: read.int('PAYOUT_MAX_TRANSFER_ATTEMPTS', 8, { min: 1, max: 100 }),
    },
    rateLimits: {
      graphql: {
        windowSeconds: read.int('GRAPHQL_RATE_WINDOW_SECONDS', 60, { min: 1, max: DAY }),
        perUser: read.int('GRAPHQL_RATE_LIMIT_PER_USER', 1_200, { min: 1, max: 10_000_000 }),
        perAnonymousIp: read.int('GRAPHQL_RATE_LIMIT_PER_ANONYMOUS_IP', 300, { min: 1, max: 10_000_000 }),
      },
      operations: {
        // The log-in limits predate the others and keep their names.
        logIn: { windowSeconds: loginWindowSeconds, perIp: read.int('LOGIN_MAX_ATTEMPTS_PER_IP', 100, { min: 1, max: 1_000_000 }), perUser: null },
        signUp: {
          windowSeconds: read.int('SIGNUP_RATE_WINDOW_SECONDS', 60 * 60, { min: 1, max: DAY }),
          perIp: read.int('SIGNUP_MAX_PER_IP', 50, { min: 1, max: 1_000_000 }),
          perUser: null,
        },
        refreshSession: {
          windowSeconds: read.int('REFRESH_RATE_WINDOW_SECONDS', 60, { min: 1, max: DAY }),
          perIp: read.int('REFRESH_MAX_PER_IP', 120, { min: 1, max: 1_000_000 }),
          perUser: null,
        },
        claim: {
          windowSeconds: read.int('CLAIM_RATE_WINDOW_SECONDS', 60 * 60, { min: 1, max: DAY }),
          perIp: read.int('CLAIM_MAX_PER_IP', 300, { min: 1, max: 1_000_000 }),
          perUser: read.int('CLAIM_MAX_PER_USER', 30, { min: 1, max: 1_000_000 }),
        },
      },
      integration: {
        windowSeconds: read.int('INTEGRATION_RATE_WINDOW_SECONDS', 60, { min: 1, max: DAY }),
        perIntegration: read.int('INTEGRATION_RATE_LIMIT', 1_200, { min: 1, max: 100_000_000 }),
      },
    },
    bodyLimits: {
      apiBytes: read.int('API_BODY_LIMIT_BYTES', 256 * 1024, { min: 1024, max: 64 * 1024 * 1024 }),
      orderWebhookBytes: read.int('ORDER_WEBHOOK_BODY_LIMIT_BYTES', 2 * 1024 * 1024, { min: 1024, max: 64 * 1024 * 1024 }),
      stripeWebhookBytes: read.int('STRIPE_WEBHOOK_BODY_LIMIT_BYTES', 1024 * 1024, { min: 1024, max: 64 * 1024 * 1024 }),
      redirectorBytes: read.int('REDIRECTOR_BODY_LIMIT_BYTES', 1024, { min: 0, max: 1024 * 1024 }),
    },
    graphql: {
      maxDepth: read.int('GRAPHQL_MAX_DEPTH', 12, { min: 2, max: 100 }),
      maxAliases: read.int('GRAPHQL_MAX_ALIASES', 30, { min: 1, max: 1000 }),
      maxCost: read.int('GRAPHQL_MAX_COST', 20_000, { min: 10, max: 10_000_000 }),
      defaultPageSize: read.int('GRAPHQL_DEFAULT_PAGE_SIZE', 20, { min: 1, max: 1000 }),
      maxPageSize: read.int('GRAPHQL_MAX_PAGE_SIZE', 100, { min: 1, max: 1000 }),
    },
  };

  if (config.auth.refreshTokenTtlSeconds > config.auth.sessionMaxAgeSeconds) {
    read.errors.push('REFRESH_TOKEN_TTL_SECONDS must not exceed SESSION_MAX_AGE_SECONDS');
  }
  if (!isCountryCode(config.stripe.platformCountry)) {
    read.errors.push(`STRIPE_PLATFORM_COUNTRY must be an ISO 3166-1 alpha-2 country code such as US (got "${config.stripe.platformCountry}")`);
  }
  if (config.graphql.defaultPageSize > config.graphql.maxPageSize) {
    read.errors.push('GRAPHQL_DEFAULT_PAGE_SIZE must not exceed GRAPHQL_MAX_PAGE_SIZE');
  }
  if (read.errors.length > 0) throw new ConfigError(read.errors);
  return config;
}

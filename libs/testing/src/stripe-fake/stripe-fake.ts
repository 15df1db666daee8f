import Stripe from 'stripe';
import { capabilityObject, completeOnboarding, previousAttributes, restrictAccount } from './accounts.js';
import { FailurePlan, type RequestMatch, SlidingWindowLimiter, type StripeFailure } from './failures.js';
import { IdempotencyStore } from './idempotency.js';
import { failPaymentIntent, succeedPaymentIntent } from './payment-intents.js';
import { type RequestRecord, StripeHttpServer } from './server.js';
import { type AccountLinkRecord, type AccountRecord, type CapabilityName, StripeFakeState } from './state.js';
import { reverseTransfer } from './transfers.js';
import { buildEvent, deliverEvent, type EventOptions, type StripeEventOf, type StripeEventType } from './webhooks.js';

export type { RequestMatch, RequestRecord, StripeFailure };

export interface StripeFakeOptions {
  /** Requests per second answered before 429 `rate_limit` (sliding 1 s window); default unlimited. */
  rateLimitPerSecond?: number;
  /** Where signed webhooks are POSTed (can be set later with `deliverWebhooksTo`). */
  webhookUrl?: string;
  webhookSecret?: string;
  /** Requests presenting another key get 401. */
  secretKey?: string;
  /** Platform available balance per currency (lower-case), minor units. */
  balances?: Record<string, number>;
  /** Added before every answer past authentication; a POST holds its idempotency key meanwhile. */
  latencyMs?: number;
}

export interface WebhookDelivery {
  eventId: string;
  type: string;
  /** The HTTP status the app answered, or 0 when the connection failed. */
  status: number;
  at: number;
}

const DEFAULT_SECRET_KEY = 'sk_test_fake_0123456789abcdef';
const DEFAULT_WEBHOOK_SECRET = 'whsec_test_fake_0123456789abcdef';

/**
 * A stateful Stripe the real SDK talks to over HTTP (`new Stripe(key, { host: '127.0.0.1',
 * port, protocol: 'http' })`): Connect accounts with controller properties and capabilities,
 * account links, transfers and reversals against a platform balance, payment intents, events,
 * Stripe's idempotency and error shapes, injected failures and a rate limiter; control methods
 * play Stripe's side (onboarding finished, requirements past due, a card paid) and send the
 * signed webhooks that go with it.
 */
export class StripeFake {
  readonly requests: RequestRecord[] = [];
  /** Every webhook the fake sent, in order. */
  readonly deliveries: WebhookDelivery[] = [];
  readonly secretKey: string;
  readonly webhookSecret: string;
  private readonly state: StripeFakeState;
  private readonly failures = new FailurePlan();
  private readonly limiter: SlidingWindowLimiter;
  private readonly server: StripeHttpServer;
  private webhookUrl: string | undefined;
  private port = 0;

  private constructor(options: StripeFakeOptions) {
    this.secretKey = options.secretKey ?? DEFAULT_SECRET_KEY;
    this.webhookSecret = options.webhookSecret ?? DEFAULT_WEBHOOK_SECRET;
    this.webhookUrl = options.webhookUrl;
    this.state = new StripeFakeState(this.secretKey);
    for (const [currency, amount] of Object.entries(options.balances ?? {})) this.setBalance(currency, amount);
    this.limiter = new SlidingWindowLimiter(options.rateLimitPerSecond);
    this.server = new StripeHttpServer({
      state: this.state,
      secretKey: this.secretKey,
      latencyMs: options.latencyMs ?? 0,
      limiter: this.limiter,
      failures: this.failures,
      idempotency: new IdempotencyStore(),
      requests: this.requests,
    });
  }

  static async start(options: StripeFakeOptions = {}): Promise<StripeFake> {
    const fake = new StripeFake(options);
    fake.port = await fake.server.listen();
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** STRIPE_API_HOST/PORT/PROTOCOL, STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET for testConfig overrides or a child process env. */
  env(): Record<string, string> {
    return {
      STRIPE_API_HOST: '127.0.0.1',
      STRIPE_API_PORT: String(this.port),
      STRIPE_API_PROTOCOL: 'http',
      STRIPE_SECRET_KEY: this.secretKey,
      STRIPE_WEBHOOK_SECRET: this.webhookSecret,
    };
  }

  /** An SDK client pointed at the fake; `config` as for `new Stripe(key, config)`. */
  client(config: Stripe.StripeConfig = {}): Stripe {
    return new Stripe(this.secretKey, { ...config, host: '127.0.0.1', port: this.port, protocol: 'http' });
  }

  deliverWebhooksTo(url: string): void {
    this.webhookUrl = url;
  }

  /** Fail the next `times` requests whose method and path match (path is a string prefix or RegExp, e.g. '/v1/transfers'). */
  failNext(match: RequestMatch, failure: StripeFailure, times = 1): void {
    this.failures.add(match, failure, times);
  }

  /** Switches the rate limit (requests per second, sliding window) on, off or to another value. */
  setRateLimit(perSecond: number | undefined): void {
    if (perSecond !== undefined && !(Number.isSafeInteger(perSecond) && perSecond > 0)) throw new Error(`setRateLimit: ${perSecond} is not a positive integer`);
    this.limiter.setLimit(perSecond);
  }

  /** Requests the sliding-window limiter refused with 429 (injected `rate_limit` failures not counted). */
  get rateLimitedCount(): number {
    return this.limiter.rejected;
  }

  setBalance(currency: string, amountMinor: number): void {
    if (!Number.isSafeInteger(amountMinor)) throw new Error(`setBalance: ${amountMinor} is not an integer amount of minor units`);
    this.state.balances.set(currency.toLowerCase(), amountMinor);
  }

  balance(currency: string): number {
    return this.state.balance(currency);
  }

  /** Accounts not deleted, oldest first (copies). */
  accounts(): Stripe.Account[] {
    return [...this.state.accounts.values()].filter((record) => !record.deleted).map((record) => structuredClone(record.account));
  }

  account(id: string): Stripe.Account | undefined {
    const record = this.state.accounts.get(id);
    return record === undefined || record.deleted ? undefined : structuredClone(record.account);
  }

  accountLinks(): AccountLinkRecord[] {
    return structuredClone(this.state.accountLinks);
  }

  transfers(): Stripe.Transfer[] {
    return [...this.state.transfers.values()].map((transfer) => structuredClone(transfer));
  }

  paymentIntents(): Stripe.PaymentIntent[] {
    return [...this.state.paymentIntents.values()].map((intent) => structuredClone(intent));
  }

  /** Every event Stripe would have created, API-caused ones included (those are not delivered). */
  events(): Stripe.Event[] {
    return [...this.state.events.values()].map((event) => structuredClone(event));
  }

  /** Onboarding finished: details submitted, transfers capability active, payouts enabled, nothing due; sends account.updated and capability.updated. */
  async completeOnboarding(accountId: string): Promise<void> {
    await this.changeAccount(accountId, completeOnboarding);
  }

  /** Requirements past due: transfers capability inactive, disabled_reason set; sends the same two events. */
  async restrictAccount(accountId: string, disabledReason = 'requirements.past_due'): Promise<void> {
    await this.changeAccount(accountId, (record) => restrictAccount(record, disabledReason as Stripe.Account.Requirements.DisabledReason));
  }

  /** The account is gone: later transfers to it fail with `account_invalid`. */
  deleteAccount(accountId: string): void {
    this.record(accountId).deleted = true;
  }

  /** The customer paid: status succeeded, platform balance += amount, sends payment_intent.succeeded. */
  async succeedPaymentIntent(id: string): Promise<void> {
    this.knownPaymentIntent(id);
    await this.publish('payment_intent.succeeded', succeedPaymentIntent(this.state, id));
  }

  /** The card was declined: last_payment_error set, sends payment_intent.payment_failed. */
  async failPaymentIntent(id: string): Promise<void> {
    this.knownPaymentIntent(id);
    await this.publish('payment_intent.payment_failed', failPaymentIntent(this.state, id));
  }

  /** Reverses (part of) a transfer: balance back, sends transfer.reversed. */
  async reverseTransfer(id: string, amountMinor?: number): Promise<Stripe.TransferReversal> {
    if (!this.state.transfers.has(id)) throw new Error(`The Stripe fake has no transfer ${id}`);
    const reversal = reverseTransfer(this.state, id, amountMinor);
    await this.publish('transfer.reversed', this.state.transfer(id));
    return structuredClone(reversal);
  }

  /** Sends any event (signed with generateTestHeaderString) to the webhook URL; returns the HTTP status the app answered. Resend the same event object to test duplicates. */
  async sendEvent(event: Stripe.Event): Promise<number> {
    if (this.webhookUrl === undefined) throw new Error('The Stripe fake has no webhook URL: pass webhookUrl to start() or call deliverWebhooksTo()');
    this.state.events.set(event.id, event);
    try {
      const status = await deliverEvent(this.webhookUrl, this.webhookSecret, event);
      this.deliveries.push({ eventId: event.id, type: event.type, status, at: Date.now() });
      return status;
    } catch (error) {
      this.deliveries.push({ eventId: event.id, type: event.type, status: 0, at: Date.now() });
      throw error;
    }
  }

  /** A Stripe.Event around a copy of `object`, as Stripe would send it; Connect events carry `account`. */
  buildEvent<T extends StripeEventType>(type: T, object: StripeEventOf<T>['data']['object'], options?: EventOptions): StripeEventOf<T>;
  buildEvent(type: string, object: object, options?: EventOptions): Stripe.Event;
  buildEvent(type: string, object: object, options: EventOptions = {}): Stripe.Event {
    const event = buildEvent(type, object, { account: connectedAccountOf(object), pendingWebhooks: this.webhookUrl === undefined ? 0 : 1, ...options });
    this.state.events.set(event.id, event);
    return event;
  }

  async close(): Promise<void> {
    await this.server.close();
  }

  private record(accountId: string): AccountRecord {
    const record = this.state.accounts.get(accountId);
    if (record === undefined || record.deleted) throw new Error(`The Stripe fake has no account ${accountId}`);
    return record;
  }

  private knownPaymentIntent(id: string): void {
    if (!this.state.paymentIntents.has(id)) throw new Error(`The Stripe fake has no payment intent ${id}`);
  }

  /** Applies Stripe's side of an account change, then sends account.updated and one capability.updated per changed capability. */
  private async changeAccount(accountId: string, change: (record: AccountRecord) => void): Promise<void> {
    const record = this.record(accountId);
    const before = structuredClone(record.account);
    change(record);
    await this.publish('account.updated', record.account, { previousAttributes: previousAttributes(before, record.account) });
    for (const name of Object.keys(record.account.capabilities ?? {}) as CapabilityName[]) {
      const previous = before.capabilities?.[name];
      if (previous === record.account.capabilities?.[name]) continue;
      await this.publish('capability.updated', capabilityObject(record, name), { previousAttributes: { status: previous ?? 'unrequested' } });
    }
  }

  private async publish<T extends StripeEventType>(type: T, object: StripeEventOf<T>['data']['object'], options: EventOptions = {}): Promise<void> {
    const event = this.buildEvent(type, object, options);
    if (this.webhookUrl !== undefined) await this.sendEvent(event);
  }
}

function connectedAccountOf(object: object): string | undefined {
  const { object: kind, id, account } = object as { object?: unknown; id?: unknown; account?: unknown };
  if (kind === 'account' && typeof id === 'string') return id;
  if (kind === 'capability' && typeof account === 'string') return account;
  return undefined;
}

export function startStripeFake(options?: StripeFakeOptions): Promise<StripeFake> {
  return StripeFake.start(options);
}

import type Stripe from 'stripe';
import { type Params } from './form-body.js';
import { stripeErrors } from './stripe-errors.js';

/** Capabilities the fake models; others are refused as unknown rather than silently ignored. */
export const CAPABILITY_NAMES = ['card_payments', 'transfers', 'tax_reporting_us_1099_k', 'tax_reporting_us_1099_misc'] as const satisfies readonly (keyof Stripe.Account.Capabilities)[];
export type CapabilityName = (typeof CAPABILITY_NAMES)[number];

export interface AccountRecord {
  account: Stripe.Account;
  deleted: boolean;
  capabilityRequestedAt: Partial<Record<CapabilityName, number>>;
}

export interface AccountLinkRecord {
  account: string;
  type: string;
  link: Stripe.AccountLink;
}

/** Everything the fake Stripe knows; resources mutate it in place, readers get copies. */
export class StripeFakeState {
  readonly accounts = new Map<string, AccountRecord>();
  readonly accountLinks: AccountLinkRecord[] = [];
  readonly transfers = new Map<string, Stripe.Transfer>();
  readonly paymentIntents = new Map<string, Stripe.PaymentIntent>();
  readonly events = new Map<string, Stripe.Event>();
  /** Platform available balance per lower-case currency, minor units. */
  readonly balances = new Map<string, number>();

  constructor(readonly secretKey: string) {}

  /** An account the platform can still reach: deleted and unknown ones answer like Stripe (403 account_invalid). */
  liveAccount(id: string): AccountRecord {
    const record = this.accounts.get(id);
    if (record === undefined || record.deleted) throw stripeErrors.accountInaccessible(id, this.secretKey);
    return record;
  }

  transfer(id: string): Stripe.Transfer {
    const transfer = this.transfers.get(id);
    if (transfer === undefined) throw stripeErrors.noSuch('transfer', id);
    return transfer;
  }

  paymentIntent(id: string): Stripe.PaymentIntent {
    const intent = this.paymentIntents.get(id);
    if (intent === undefined) throw stripeErrors.noSuch('payment_intent', id, 'intent');
    return intent;
  }

  event(id: string): Stripe.Event {
    const event = this.events.get(id);
    if (event === undefined) throw stripeErrors.noSuch('event', id);
    return event;
  }

  balance(currency: string): number {
    return this.balances.get(currency.toLowerCase()) ?? 0;
  }

  addBalance(currency: string, amount: number): void {
    this.balances.set(currency.toLowerCase(), this.balance(currency) + amount);
  }

  balanceObject(): Stripe.Balance {
    const currencies = this.balances.size === 0 ? ['usd'] : [...this.balances.keys()].sort();
    return {
      object: 'balance',
      available: currencies.map((currency) => ({ amount: this.balance(currency), currency, source_types: { card: this.balance(currency) } })),
      connect_reserved: currencies.map((currency) => ({ amount: 0, currency })),
      livemode: false,
      pending: currencies.map((currency) => ({ amount: 0, currency, source_types: { card: 0 } })),
      refund_and_dispute_prefunding: { available: [], pending: [] },
    } satisfies Stripe.Balance;
  }
}

function createdFilter(params: Params): (created: number) => boolean {
  const created = params.raw.created;
  if (created === undefined) return () => true;
  if (typeof created === 'string') {
    const exact = params.requiredInteger('created');
    return (value) => value === exact;
  }
  const bound = (name: string): number | undefined => {
    const value = params.object('created')?.[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !/^\d+$/.test(value)) throw stripeErrors.parameterInvalid(`created[${name}]`, `Invalid integer: ${String(value)}`, 'parameter_invalid_integer');
    return Number(value);
  };
  const [gt, gte, lt, lte] = [bound('gt'), bound('gte'), bound('lt'), bound('lte')];
  return (value) => (gt === undefined || value > gt) && (gte === undefined || value >= gte) && (lt === undefined || value < lt) && (lte === undefined || value <= lte);
}

/**
 * A page of a Stripe list: newest first, `limit` 1–100 (default 10), cursors
 * `starting_after` / `ending_before` by object id, `created` as a number or a range.
 */
export function listPage<T extends { id: string; created?: number }>(oldestFirst: Iterable<T>, params: Params, url: string, keep: (item: T) => boolean = () => true): Stripe.ApiList<T> {
  const limit = params.integer('limit') ?? 10;
  if (limit < 1 || limit > 100) throw stripeErrors.parameterInvalid('limit', `Invalid limit: must be between 1 and 100`, 'parameter_invalid_integer');
  const inRange = createdFilter(params);
  const items = [...oldestFirst].reverse().filter((item) => keep(item) && inRange(item.created ?? 0));
  const after = params.string('starting_after');
  const before = params.string('ending_before');
  let page: T[];
  let hasMore: boolean;
  if (before !== undefined) {
    const index = items.findIndex((item) => item.id === before);
    if (index < 0) throw stripeErrors.noSuch('object', before, 'ending_before');
    page = items.slice(Math.max(0, index - limit), index);
    hasMore = index - limit > 0;
  } else {
    const start = after === undefined ? 0 : items.findIndex((item) => item.id === after) + 1;
    if (after !== undefined && start === 0) throw stripeErrors.noSuch('object', after, 'starting_after');
    page = items.slice(start, start + limit);
    hasMore = start + limit < items.length;
  }
  return { object: 'list', data: page.map((item) => structuredClone(item)), has_more: hasMore, url } satisfies Stripe.ApiList<T>;
}

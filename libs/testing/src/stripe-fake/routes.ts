import type Stripe from 'stripe';
import { capabilityObject, createAccount, createAccountLink, deleteAccount, previousAttributes, updateAccount } from './accounts.js';
import { type Params } from './form-body.js';
import { cancelPaymentIntent, createPaymentIntent } from './payment-intents.js';
import { CAPABILITY_NAMES, type CapabilityName, listPage, type StripeFakeState } from './state.js';
import { stripeErrors } from './stripe-errors.js';
import { createReversal, createTransfer, listReversals, listTransfers, updateTransfer } from './transfers.js';
import { type EventOptions, type StripeEventOf, type StripeEventType } from './webhooks.js';

export interface RouteContext {
  state: StripeFakeState;
  params: Params;
  /** The ids captured from the path, in order. */
  ids: string[];
  /** Records the event this request caused (GET /v1/events/:id finds it); delivery is the control methods' business. */
  emit<T extends StripeEventType>(type: T, object: StripeEventOf<T>['data']['object'], options?: EventOptions): void;
}

type Handler = (ctx: RouteContext) => object;

interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: RegExp;
  /** The parameters the endpoint takes, when its handler does not check them itself. */
  allow?: readonly string[];
  handler: Handler;
}

const ID = '([^/]+)';

function capabilityName(name: string, accountId: string): CapabilityName {
  if (!(CAPABILITY_NAMES as readonly string[]).includes(name)) throw stripeErrors.noSuch('capability', `${accountId}/${name}`);
  return name as CapabilityName;
}

const routes: Route[] = [
  { method: 'POST', pattern: /^\/v1\/accounts$/, handler: ({ state, params }) => createAccount(state, params) },
  {
    method: 'GET',
    pattern: /^\/v1\/accounts$/,
    handler: ({ state, params }) => {
      params.allowOnly('limit', 'starting_after', 'ending_before', 'created');
      const live = [...state.accounts.values()].filter((record) => !record.deleted).map((record) => record.account);
      return listPage(live, params, '/v1/accounts');
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/accounts/${ID}$`),
    allow: [],
    handler: ({ state, ids }) => state.liveAccount(ids[0]!).account,
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/accounts/${ID}$`),
    handler: ({ state, params, ids, emit }) => {
      const before = structuredClone(state.liveAccount(ids[0]!).account);
      const account = updateAccount(state, ids[0]!, params);
      emit('account.updated', account, { account: account.id, previousAttributes: previousAttributes(before, account) });
      return account;
    },
  },
  { method: 'DELETE', pattern: new RegExp(`^/v1/accounts/${ID}$`), allow: [], handler: ({ state, ids }) => deleteAccount(state, ids[0]!) },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/accounts/${ID}/capabilities$`),
    allow: [],
    handler: ({ state, ids }) => {
      const record = state.liveAccount(ids[0]!);
      const data = (Object.keys(record.account.capabilities ?? {}) as CapabilityName[]).map((name) => capabilityObject(record, name));
      return { object: 'list', data, has_more: false, url: `/v1/accounts/${record.account.id}/capabilities` } satisfies Stripe.ApiList<Stripe.Capability>;
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/accounts/${ID}/capabilities/${ID}$`),
    allow: [],
    handler: ({ state, ids }) => capabilityObject(state.liveAccount(ids[0]!), capabilityName(ids[1]!, ids[0]!)),
  },
  { method: 'POST', pattern: /^\/v1\/account_links$/, handler: ({ state, params }) => createAccountLink(state, params) },
  {
    method: 'POST',
    pattern: /^\/v1\/transfers$/,
    handler: ({ state, params, emit }) => {
      const transfer = createTransfer(state, params);
      emit('transfer.created', transfer);
      return transfer;
    },
  },
  { method: 'GET', pattern: /^\/v1\/transfers$/, handler: ({ state, params }) => listTransfers(state, params) },
  { method: 'GET', pattern: new RegExp(`^/v1/transfers/${ID}$`), allow: [], handler: ({ state, ids }) => state.transfer(ids[0]!) },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/transfers/${ID}$`),
    handler: ({ state, params, ids, emit }) => {
      const transfer = updateTransfer(state, ids[0]!, params);
      emit('transfer.updated', transfer);
      return transfer;
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/transfers/${ID}/reversals$`),
    handler: ({ state, params, ids, emit }) => {
      const reversal = createReversal(state, ids[0]!, params);
      emit('transfer.reversed', state.transfer(ids[0]!));
      return reversal;
    },
  },
  { method: 'GET', pattern: new RegExp(`^/v1/transfers/${ID}/reversals$`), handler: ({ state, params, ids }) => listReversals(state, ids[0]!, params) },
  {
    method: 'POST',
    pattern: /^\/v1\/payment_intents$/,
    handler: ({ state, params, emit }) => {
      const intent = createPaymentIntent(state, params);
      emit('payment_intent.created', intent);
      return intent;
    },
  },
  { method: 'GET', pattern: new RegExp(`^/v1/payment_intents/${ID}$`), allow: ['client_secret'], handler: ({ state, ids }) => state.paymentIntent(ids[0]!) },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/payment_intents/${ID}/cancel$`),
    handler: ({ state, params, ids, emit }) => {
      const intent = cancelPaymentIntent(state, ids[0]!, params);
      emit('payment_intent.canceled', intent);
      return intent;
    },
  },
  { method: 'GET', pattern: /^\/v1\/balance$/, allow: [], handler: ({ state }) => state.balanceObject() },
  { method: 'GET', pattern: new RegExp(`^/v1/events/${ID}$`), allow: [], handler: ({ state, ids }) => state.event(ids[0]!) },
  {
    method: 'GET',
    pattern: /^\/v1\/events$/,
    handler: ({ state, params }) => {
      params.allowOnly('limit', 'starting_after', 'ending_before', 'created', 'type');
      const type = params.string('type');
      return listPage(state.events.values(), params, '/v1/events', (event) => type === undefined || event.type === type);
    },
  },
];

/** The handler for a request, bound to the ids in its path; unknown URLs answer like Stripe (404). */
export function findRoute(method: string, path: string): (ctx: Omit<RouteContext, 'ids'>) => object {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match === null) continue;
    const ids = match.slice(1).map((id) => decodeURIComponent(id));
    return (ctx) => {
      if (route.allow !== undefined) ctx.params.allowOnly(...route.allow);
      return route.handler({ ...ctx, ids });
    };
  }
  throw stripeErrors.unrecognizedUrl(method, path);
}

import type Stripe from 'stripe';
import { isTrue, Params } from './form-body.js';
import { nowSeconds, randomToken, stripeId } from './ids.js';
import { type AccountRecord, CAPABILITY_NAMES, type CapabilityName, type StripeFakeState } from './state.js';
import { stripeErrors } from './stripe-errors.js';

/** What Stripe asks a new individual recipient for before its capabilities go active. */
const ONBOARDING_REQUIREMENTS = [
  'business_type',
  'external_account',
  'individual.dob.day',
  'individual.dob.month',
  'individual.dob.year',
  'individual.email',
  'individual.first_name',
  'individual.last_name',
  'tos_acceptance.date',
  'tos_acceptance.ip',
];

const CURRENCY_BY_COUNTRY: Record<string, string> = { US: 'usd', GB: 'gbp', CA: 'cad', AU: 'aud', CH: 'chf', SE: 'sek', DK: 'dkk', NO: 'nok', JP: 'jpy' };
const EURO_COUNTRIES = new Set(['AT', 'BE', 'CY', 'DE', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PT', 'SI', 'SK']);

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], param: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw stripeErrors.parameterInvalid(param, `Invalid ${param}: must be one of ${allowed.join(', ')}`);
  return value as T;
}

function nested(params: Params, name: string): Params {
  return new Params(params.object(name) ?? {});
}

/**
 * Controller properties as Stripe reports them, and the legacy `type` they amount to
 * (express dashboard → 'express', full → 'standard', no dashboard with the platform
 * collecting requirements → 'custom', anything else → 'none').
 */
function controllerFor(params: Params): { controller: Stripe.Account.Controller; type: Stripe.Account.Type } {
  const legacy = params.string('type');
  if (legacy !== undefined && params.has('controller')) throw stripeErrors.parameterInvalid('type', 'You cannot specify both `type` and `controller` when creating an account.');
  if (legacy !== undefined) {
    const type = oneOf(legacy, ['express', 'standard', 'custom'] as const, 'type', 'standard');
    const shapes = {
      express: { payer: 'application_express', losses: 'application', collection: 'stripe', dashboard: 'express' },
      standard: { payer: 'account', losses: 'stripe', collection: 'stripe', dashboard: 'full' },
      custom: { payer: 'application_custom', losses: 'application', collection: 'application', dashboard: 'none' },
    } as const;
    const shape = shapes[type];
    return {
      type,
      controller: { fees: { payer: shape.payer }, is_controller: true, losses: { payments: shape.losses }, requirement_collection: shape.collection, stripe_dashboard: { type: shape.dashboard }, type: 'application' },
    };
  }
  const given = nested(params, 'controller');
  const payer = oneOf(nested(given, 'fees').string('payer'), ['account', 'application'] as const, 'controller[fees][payer]', 'account');
  const losses = oneOf(nested(given, 'losses').string('payments'), ['application', 'stripe'] as const, 'controller[losses][payments]', 'stripe');
  const collection = oneOf(given.string('requirement_collection'), ['application', 'stripe'] as const, 'controller[requirement_collection]', 'stripe');
  const dashboard = oneOf(nested(given, 'stripe_dashboard').string('type'), ['express', 'full', 'none'] as const, 'controller[stripe_dashboard][type]', 'full');
  if (collection === 'application' && dashboard !== 'none') {
    throw stripeErrors.parameterInvalid('controller[requirement_collection]', 'When `requirement_collection` is `application`, `stripe_dashboard[type]` must be `none`.');
  }
  const type = dashboard === 'express' ? 'express' : dashboard === 'full' ? 'standard' : collection === 'application' ? 'custom' : 'none';
  return {
    type,
    controller: { fees: { payer }, is_controller: true, losses: { payments: losses }, requirement_collection: collection, stripe_dashboard: { type: dashboard }, type: 'application' },
  };
}

function requirements(due: string[], disabledReason: Stripe.Account.Requirements.DisabledReason | null): Stripe.Account.Requirements {
  return { alternatives: [], current_deadline: null, currently_due: [...due], disabled_reason: disabledReason, errors: [], eventually_due: [...due], past_due: [...due], pending_verification: [] };
}

function requestedCapabilities(params: Params): CapabilityName[] {
  const given = params.object('capabilities') ?? {};
  return Object.entries(given).flatMap(([name, value]) => {
    if (!(CAPABILITY_NAMES as readonly string[]).includes(name)) throw stripeErrors.parameterUnknown(`capabilities[${name}]`);
    return typeof value === 'object' && !Array.isArray(value) && isTrue(value.requested) ? [name as CapabilityName] : [];
  });
}

function businessProfile(current: Stripe.Account.BusinessProfile | null | undefined, given: Params): Stripe.Account.BusinessProfile {
  const base: Stripe.Account.BusinessProfile = current ?? {
    annual_revenue: null,
    estimated_worker_count: null,
    mcc: null,
    minority_owned_business_designation: null,
    name: null,
    product_description: null,
    specified_commercial_transactions_act_url: null,
    support_address: null,
    support_email: null,
    support_phone: null,
    support_url: null,
    url: null,
  };
  return {
    ...base,
    mcc: given.string('mcc') ?? base.mcc,
    name: given.string('name') ?? base.name,
    product_description: given.string('product_description') ?? base.product_description ?? null,
    support_email: given.string('support_email') ?? base.support_email,
    support_url: given.string('support_url') ?? base.support_url,
    url: given.string('url') ?? base.url,
  };
}

function tosAcceptance(current: Stripe.Account.TosAcceptance | undefined, given: Params): Stripe.Account.TosAcceptance {
  return {
    date: given.integer('date') ?? current?.date ?? null,
    ip: given.string('ip') ?? current?.ip ?? null,
    service_agreement: oneOf(given.string('service_agreement'), ['full', 'recipient'] as const, 'tos_acceptance[service_agreement]', (current?.service_agreement as 'full' | 'recipient' | undefined) ?? 'full'),
    user_agent: given.string('user_agent') ?? current?.user_agent ?? null,
  };
}

function requestCapabilities(record: AccountRecord, names: CapabilityName[]): void {
  const capabilities = (record.account.capabilities ??= {});
  for (const name of names) {
    if (capabilities[name] !== undefined) continue;
    capabilities[name] = record.account.details_submitted && record.account.requirements?.disabled_reason === null ? 'active' : 'pending';
    record.capabilityRequestedAt[name] = nowSeconds();
  }
}

const CREATE_PARAMS = ['type', 'controller', 'country', 'email', 'business_type', 'business_profile', 'capabilities', 'tos_acceptance', 'metadata', 'default_currency', 'settings', 'individual', 'company', 'external_account', 'groups', 'documents', 'account_token'];

export function createAccount(state: StripeFakeState, params: Params): Stripe.Account {
  params.allowOnly(...CREATE_PARAMS);
  const { controller, type } = controllerFor(params);
  const country = (params.string('country') ?? 'US').toUpperCase();
  const id = stripeId('acct');
  const tos = tosAcceptance(undefined, nested(params, 'tos_acceptance'));
  const due = ONBOARDING_REQUIREMENTS.filter((field) => !(field.startsWith('tos_acceptance.') && tos.date !== null && tos.ip !== null));
  const account = {
    id,
    object: 'account',
    business_profile: businessProfile(undefined, nested(params, 'business_profile')),
    business_type: oneOf(params.string('business_type'), ['company', 'government_entity', 'individual', 'non_profit'] as const, 'business_type', 'individual'),
    capabilities: {},
    charges_enabled: false,
    controller,
    country,
    created: nowSeconds(),
    default_currency: params.string('default_currency')?.toLowerCase() ?? CURRENCY_BY_COUNTRY[country] ?? (EURO_COUNTRIES.has(country) ? 'eur' : 'usd'),
    details_submitted: false,
    email: params.string('email') ?? null,
    external_accounts: { object: 'list', data: [], has_more: false, url: `/v1/accounts/${id}/external_accounts` },
    future_requirements: requirements([], null),
    metadata: params.mergeMetadata({}),
    payouts_enabled: false,
    requirements: requirements(due, 'requirements.past_due'),
    settings: {
      bacs_debit_payments: { display_name: null, service_user_number: null },
      branding: { icon: null, logo: null, primary_color: null, secondary_color: null },
      card_issuing: { tos_acceptance: { date: null, ip: null } },
      card_payments: { decline_on: { avs_failure: false, cvc_failure: false }, statement_descriptor_prefix: null, statement_descriptor_prefix_kana: null, statement_descriptor_prefix_kanji: null },
      dashboard: { display_name: nested(params, 'business_profile').string('name') ?? null, timezone: 'Etc/UTC' },
      invoices: { default_account_tax_ids: null, hosted_payment_method_save: 'offer' },
      payments: { statement_descriptor: null, statement_descriptor_kana: null, statement_descriptor_kanji: null, statement_descriptor_prefix_kana: null, statement_descriptor_prefix_kanji: null },
      payouts: { debit_negative_balances: true, schedule: { delay_days: 2, interval: 'daily' }, statement_descriptor: null },
      sepa_debit_payments: {},
    },
    tos_acceptance: tos,
    type,
  } satisfies Stripe.Account;
  const record: AccountRecord = { account, deleted: false, capabilityRequestedAt: {} };
  requestCapabilities(record, requestedCapabilities(params));
  state.accounts.set(id, record);
  return account;
}

export function updateAccount(state: StripeFakeState, id: string, params: Params): Stripe.Account {
  params.allowOnly('email', 'business_type', 'business_profile', 'capabilities', 'tos_acceptance', 'metadata', 'default_currency', 'settings', 'individual', 'company', 'external_account', 'groups', 'documents', 'account_token');
  const record = state.liveAccount(id);
  const { account } = record;
  if (params.has('email')) account.email = params.string('email') ?? null;
  if (params.has('business_type')) account.business_type = params.string('business_type') ?? null;
  if (params.has('business_profile')) account.business_profile = businessProfile(account.business_profile, nested(params, 'business_profile'));
  if (params.has('tos_acceptance')) account.tos_acceptance = tosAcceptance(account.tos_acceptance, nested(params, 'tos_acceptance'));
  if (params.has('default_currency')) account.default_currency = params.string('default_currency')?.toLowerCase();
  account.metadata = params.mergeMetadata(account.metadata ?? {});
  requestCapabilities(record, requestedCapabilities(params));
  return account;
}

export function deleteAccount(state: StripeFakeState, id: string): Stripe.DeletedAccount {
  state.liveAccount(id).deleted = true;
  return { id, object: 'account', deleted: true } satisfies Stripe.DeletedAccount;
}

/** Onboarding done: everything requested goes active, nothing is due. */
export function completeOnboarding(record: AccountRecord): void {
  const { account } = record;
  const requested = Object.keys(account.capabilities ?? {}) as CapabilityName[];
  for (const name of requested) account.capabilities![name] = 'active';
  account.details_submitted = true;
  account.charges_enabled = requested.includes('card_payments');
  account.payouts_enabled = true;
  account.requirements = requirements([], null);
  account.tos_acceptance = { ...account.tos_acceptance, date: account.tos_acceptance?.date ?? nowSeconds(), ip: account.tos_acceptance?.ip ?? '203.0.113.7' };
}

/** Requirements went past due: every capability inactive, charges and payouts off. */
export function restrictAccount(record: AccountRecord, disabledReason: Stripe.Account.Requirements.DisabledReason): void {
  const { account } = record;
  for (const name of Object.keys(account.capabilities ?? {}) as CapabilityName[]) account.capabilities![name] = 'inactive';
  account.charges_enabled = false;
  account.payouts_enabled = false;
  account.requirements = requirements(['individual.verification.document'], disabledReason);
}

export function capabilityObject(record: AccountRecord, name: CapabilityName): Stripe.Capability {
  const status = record.account.capabilities?.[name] ?? 'unrequested';
  const due = status === 'active' ? [] : (record.account.requirements?.currently_due ?? []);
  const disabledReason = status === 'active' ? null : status === 'pending' ? 'pending.onboarding' : 'requirements.fields_needed';
  const empty = { alternatives: [], current_deadline: null, currently_due: [], disabled_reason: null, errors: [], eventually_due: [], past_due: [], pending_verification: [] };
  return {
    id: name,
    object: 'capability',
    account: record.account.id,
    future_requirements: empty,
    requested: status !== 'unrequested',
    requested_at: record.capabilityRequestedAt[name] ?? null,
    requirements: { ...empty, currently_due: [...due], eventually_due: [...due], past_due: [...due], disabled_reason: disabledReason },
    status,
  } satisfies Stripe.Capability;
}

export function createAccountLink(state: StripeFakeState, params: Params): Stripe.AccountLink {
  params.allowOnly('account', 'type', 'refresh_url', 'return_url', 'collect', 'collection_options');
  const accountId = params.requiredString('account');
  const type = oneOf(params.requiredString('type'), ['account_onboarding', 'account_update'] as const, 'type', 'account_onboarding');
  for (const url of ['refresh_url', 'return_url']) {
    const value = params.string(url);
    if (value !== undefined && !/^https?:\/\//.test(value)) throw stripeErrors.parameterInvalid(url, `Invalid URL: ${value}`, 'url_invalid');
  }
  const record = state.accounts.get(accountId);
  if (record === undefined || record.deleted) throw stripeErrors.parameterInvalid('account', `No such account: '${accountId}'`, 'account_invalid');
  const created = nowSeconds();
  const link = { object: 'account_link', created, expires_at: created + 300, url: `https://connect.stripe.test/setup/e/${accountId}/${randomToken(12)}` } satisfies Stripe.AccountLink;
  state.accountLinks.push({ account: accountId, type, link });
  return link;
}

/** Top-level fields that differ, with their earlier values: Stripe's `previous_attributes`. */
export function previousAttributes<T extends object>(before: T, after: T): Partial<T> {
  const previous: Partial<T> = {};
  for (const key of Object.keys(before) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) previous[key] = before[key];
  }
  return previous;
}


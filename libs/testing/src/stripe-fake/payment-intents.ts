import type Stripe from 'stripe';
import { type Params } from './form-body.js';
import { nowSeconds, randomToken, stripeId } from './ids.js';
import { type StripeFakeState } from './state.js';
import { StripeFakeError, stripeErrors } from './stripe-errors.js';

const CANCELABLE: Stripe.PaymentIntent.Status[] = ['requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action', 'processing'];

export function createPaymentIntent(state: StripeFakeState, params: Params): Stripe.PaymentIntent {
  params.allowOnly('amount', 'currency', 'metadata', 'description', 'transfer_group', 'receipt_email', 'automatic_payment_methods', 'payment_method_types', 'customer', 'statement_descriptor_suffix', 'capture_method', 'confirm', 'payment_method');
  const amount = params.requiredInteger('amount');
  const currency = params.currency();
  if (amount < 1) throw stripeErrors.parameterInvalid('amount', 'This value must be greater than or equal to 1.', 'parameter_invalid_integer');
  const methodTypes = params.raw.payment_method_types;
  const id = stripeId('pi');
  const intent = {
    id,
    object: 'payment_intent',
    allowed_payment_method_types: null,
    amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: Array.isArray(methodTypes) ? null : { allow_redirects: 'always', enabled: true },
    canceled_at: null,
    cancellation_reason: null,
    capture_method: params.string('capture_method') ?? 'automatic_async',
    client_secret: `${id}_secret_${randomToken(25)}`,
    confirmation_method: 'automatic',
    created: nowSeconds(),
    currency,
    customer: params.string('customer') ?? null,
    customer_account: null,
    description: params.string('description') ?? null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: params.mergeMetadata({}),
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: Array.isArray(methodTypes) ? null : { id: stripeId('pmc'), parent: null },
    payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: Array.isArray(methodTypes) ? methodTypes.filter((type): type is string => typeof type === 'string') : ['card'],
    payment_record: null,
    processing: null,
    receipt_email: params.string('receipt_email') ?? null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: params.string('statement_descriptor_suffix') ?? null,
    status: 'requires_payment_method',
    transfer_data: null,
    transfer_group: params.string('transfer_group') ?? null,
  } satisfies Stripe.PaymentIntent;
  state.paymentIntents.set(id, intent);
  return intent;
}

export function cancelPaymentIntent(state: StripeFakeState, id: string, params: Params): Stripe.PaymentIntent {
  params.allowOnly('cancellation_reason');
  const intent = state.paymentIntent(id);
  if (!CANCELABLE.includes(intent.status)) {
    throw new StripeFakeError(
      400,
      'invalid_request_error',
      `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
      'payment_intent_unexpected_state',
    );
  }
  intent.status = 'canceled';
  intent.canceled_at = nowSeconds();
  intent.cancellation_reason = params.string('cancellation_reason') ?? null;
  return intent;
}

/** The customer paid by card: the money lands in the platform's available balance. */
export function succeedPaymentIntent(state: StripeFakeState, id: string): Stripe.PaymentIntent {
  const intent = state.paymentIntent(id);
  if (intent.status === 'succeeded' || intent.status === 'canceled') throw new Error(`PaymentIntent ${id} is ${intent.status} and cannot succeed`);
  intent.status = 'succeeded';
  intent.amount_received = intent.amount;
  intent.latest_charge = stripeId('ch');
  intent.payment_method = stripeId('pm');
  intent.last_payment_error = null;
  state.addBalance(intent.currency, intent.amount);
  return intent;
}

/** A declined card: the intent waits for another payment method, as Stripe leaves it. */
export function failPaymentIntent(state: StripeFakeState, id: string): Stripe.PaymentIntent {
  const intent = state.paymentIntent(id);
  if (intent.status === 'succeeded' || intent.status === 'canceled') throw new Error(`PaymentIntent ${id} is ${intent.status} and cannot fail`);
  intent.status = 'requires_payment_method';
  intent.latest_charge = stripeId('ch');
  intent.payment_method = null;
  intent.last_payment_error = {
    charge: intent.latest_charge,
    code: 'card_declined',
    decline_code: 'generic_decline',
    doc_url: 'https://docs.stripe.com/error-codes/card-declined',
    message: 'Your card was declined.',
    payment_method_type: 'card',
    type: 'card_error',
    advice_code: 'try_again_later',
    network_decline_code: '05',
  };
  return intent;
}

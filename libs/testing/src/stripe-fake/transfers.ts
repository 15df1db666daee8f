import type Stripe from 'stripe';
import { type Params } from './form-body.js';
import { nowSeconds, stripeId } from './ids.js';
import { listPage, type StripeFakeState } from './state.js';
import { StripeFakeError, stripeErrors } from './stripe-errors.js';

export const TRANSFER_ERROR_MESSAGES = {
  balanceInsufficient:
    'You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance by creating Charges using the 4000000000000077 test card. See: https://stripe.com/docs/testing#available-balance',
  capabilityInactive: 'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments',
};

function transferError(message: string, code: string, param?: string): StripeFakeError {
  return new StripeFakeError(400, 'invalid_request_error', message, code, param);
}

/** The checks Stripe makes before moving money to a connected account, in its order. */
function checkDestination(state: StripeFakeState, destination: string): void {
  const record = state.accounts.get(destination);
  if (record === undefined) throw transferError(`No such destination: '${destination}'`, 'resource_missing', 'destination');
  if (record.deleted) throw transferError(`The account ${destination} has been deleted, so we can't complete this action.`, 'account_invalid', 'destination');
  if (record.account.capabilities?.transfers !== 'active') throw transferError(TRANSFER_ERROR_MESSAGES.capabilityInactive, 'insufficient_capabilities_for_transfer', 'destination');
}

export function createTransfer(state: StripeFakeState, params: Params): Stripe.Transfer {
  params.allowOnly('amount', 'currency', 'destination', 'description', 'metadata', 'transfer_group', 'source_transaction', 'source_type');
  const amount = params.requiredInteger('amount');
  const currency = params.currency();
  const destination = params.requiredString('destination');
  if (amount < 1) throw stripeErrors.parameterInvalid('amount', 'This value must be greater than or equal to 1.', 'parameter_invalid_integer');
  const metadata = params.mergeMetadata({});
  checkDestination(state, destination);
  if (state.balance(currency) < amount) throw transferError(TRANSFER_ERROR_MESSAGES.balanceInsufficient, 'balance_insufficient');
  state.addBalance(currency, -amount);
  const id = stripeId('tr');
  const transfer = {
    id,
    object: 'transfer',
    amount,
    amount_reversed: 0,
    balance_transaction: stripeId('txn'),
    created: nowSeconds(),
    currency,
    description: params.string('description') ?? null,
    destination,
    destination_payment: stripeId('py'),
    livemode: false,
    metadata,
    reversals: { object: 'list', data: [], has_more: false, url: `/v1/transfers/${id}/reversals` },
    reversed: false,
    source_transaction: params.string('source_transaction') ?? null,
    source_type: params.string('source_type') ?? 'card',
    transfer_group: params.string('transfer_group') ?? null,
  } satisfies Stripe.Transfer;
  state.transfers.set(id, transfer);
  return transfer;
}

export function listTransfers(state: StripeFakeState, params: Params): Stripe.ApiList<Stripe.Transfer> {
  params.allowOnly('transfer_group', 'destination', 'limit', 'starting_after', 'ending_before', 'created');
  const group = params.string('transfer_group');
  const destination = params.string('destination');
  return listPage(state.transfers.values(), params, '/v1/transfers', (transfer) => (group === undefined || transfer.transfer_group === group) && (destination === undefined || transfer.destination === destination));
}

export function updateTransfer(state: StripeFakeState, id: string, params: Params): Stripe.Transfer {
  params.allowOnly('description', 'metadata');
  const transfer = state.transfer(id);
  if (params.has('description')) transfer.description = params.string('description') ?? null;
  transfer.metadata = params.mergeMetadata(transfer.metadata);
  return transfer;
}

/** Money comes back from the connected account to the platform balance. */
export function reverseTransfer(state: StripeFakeState, id: string, amount: number | undefined, metadata: Record<string, string> = {}): Stripe.TransferReversal {
  const transfer = state.transfer(id);
  const remaining = transfer.amount - transfer.amount_reversed;
  if (remaining === 0) throw transferError(`Transfer ${id} has already been fully reversed.`, 'transfer_already_reversed');
  const reversed = amount ?? remaining;
  if (reversed < 1) throw stripeErrors.parameterInvalid('amount', 'This value must be greater than or equal to 1.', 'parameter_invalid_integer');
  if (reversed > remaining) {
    throw stripeErrors.parameterInvalid('amount', `Attempted to reverse ${reversed} ${transfer.currency} from transfer ${id}, but only ${remaining} ${transfer.currency} remains.`, 'amount_too_large');
  }
  const reversal = {
    id: stripeId('trr'),
    object: 'transfer_reversal',
    amount: reversed,
    balance_transaction: stripeId('txn'),
    created: nowSeconds(),
    currency: transfer.currency,
    destination_payment_refund: stripeId('pyr'),
    metadata,
    source_refund: null,
    transfer: id,
  } satisfies Stripe.TransferReversal;
  transfer.amount_reversed += reversed;
  transfer.reversed = transfer.amount_reversed === transfer.amount;
  transfer.reversals.data.unshift(reversal);
  state.addBalance(transfer.currency, reversed);
  return reversal;
}

export function createReversal(state: StripeFakeState, id: string, params: Params): Stripe.TransferReversal {
  params.allowOnly('amount', 'description', 'metadata', 'refund_application_fee');
  state.transfer(id);
  return reverseTransfer(state, id, params.integer('amount'), params.mergeMetadata({}));
}

export function listReversals(state: StripeFakeState, id: string, params: Params): Stripe.ApiList<Stripe.TransferReversal> {
  params.allowOnly('limit', 'starting_after', 'ending_before');
  return listPage([...state.transfer(id).reversals.data].reverse(), params, `/v1/transfers/${id}/reversals`);
}

import { CustomerKeys } from '../orders/customer-keys.js';
import { OrderEventSource } from './order-event-record.entity.js';

/**
 * Marks a customer identifier already replaced by its keyed hash in a stored body: reading
 * the body again gives the hash, and {@link CustomerKeys} passes it through unchanged.
 */
export const HASHED_IDENTIFIER_PREFIX = 'hashed:';

/** Shopify order fields that describe the shopper and that no rule reads: dropped before storing. */
const SHOPIFY_PERSONAL_FIELDS = ['phone', 'billing_address', 'shipping_address', 'browser_ip', 'client_details', 'customer_locale', 'note'];
/** Found at any depth of a Shopify body (a refund's card holder name sits in its transactions). */
const SHOPIFY_NESTED_PERSONAL_FIELDS = new Set(['credit_card_name', 'first_name', 'last_name', 'phone', 'default_address', 'addresses', 'browser_ip']);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The inbox body as it may be kept: the customer's email and shop customer id replaced by
 * their keyed hashes (what orders keep), and the shopper's other details (name, phone,
 * addresses, IP) removed. The parsers read the hashes where they read the identifiers, so
 * the worker decides the same from the sealed body as from the original. A body with
 * nothing to seal (or that is not JSON) is kept as it came.
 */
export function sealCustomerIdentifiers(source: OrderEventSource, rawBody: string, organizationId: string, keys: CustomerKeys): string {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return rawBody;
  }
  if (!isObject(body)) return rawBody;
  let changed = source === OrderEventSource.SHOPIFY && dropNested(body);
  const order = source === OrderEventSource.SHOPIFY ? body : body.order;
  if (!isObject(order)) return changed ? JSON.stringify(body) : rawBody;
  const email = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? hashedEmail(value, keys) : value);

  if (isObject(order.customer)) {
    const customer = order.customer;
    const sealed: Json = {};
    if (customer.id !== undefined && customer.id !== null) sealed.id = hashedCustomerId(organizationId, String(customer.id), keys);
    if (customer.email !== undefined) sealed.email = email(customer.email);
    order.customer = sealed;
    changed = true;
  }
  if (source === OrderEventSource.SHOPIFY) {
    for (const field of ['email', 'contact_email']) {
      if (typeof order[field] === 'string') {
        order[field] = email(order[field]);
        changed = true;
      }
    }
    for (const field of SHOPIFY_PERSONAL_FIELDS) {
      if (field in order) {
        delete order[field];
        changed = true;
      }
    }
  }
  return changed ? JSON.stringify(body) : rawBody;
}

/** Removes the personal fields found at any depth of `value`; true when any was there. */
function dropNested(value: unknown): boolean {
  let dropped = false;
  if (Array.isArray(value)) {
    for (const item of value) dropped = dropNested(item) || dropped;
  } else if (isObject(value)) {
    for (const key of Object.keys(value)) {
      if (SHOPIFY_NESTED_PERSONAL_FIELDS.has(key)) {
        delete value[key];
        dropped = true;
      } else {
        dropped = dropNested(value[key]) || dropped;
      }
    }
  }
  return dropped;
}

function hashedEmail(email: string, keys: CustomerKeys): string | null {
  if (email.startsWith(HASHED_IDENTIFIER_PREFIX)) return email;
  const hash = keys.email(email);
  return hash === null ? null : `${HASHED_IDENTIFIER_PREFIX}${hash}`;
}

function hashedCustomerId(organizationId: string, id: string, keys: CustomerKeys): string | null {
  if (id.startsWith(HASHED_IDENTIFIER_PREFIX)) return id;
  const hash = keys.customerId(organizationId, id);
  return hash === null ? null : `${HASHED_IDENTIFIER_PREFIX}${hash}`;
}

import { type CatalogueLine, catalogueLines, centsText, orderTotals, type PayloadObject, type PayloadShape, SAMPLE_CLICK_ID, withOverrides } from './order-payloads.js';

/**
 * Shopify webhook bodies as Shopify posts them (REST Admin API 2025-01 shape): amounts as
 * decimal strings beside `*_set` objects in shop and presentment money, numeric ids, nulls
 * for everything unset, `line_item.total_discount` at "0.00" while the code sits in
 * `discount_allocations` (as the online store sends it).
 */
export const SHOPIFY_ORDER_ID = 5_912_345_678_901;
export const SHOPIFY_CUSTOMER_ID = 7_204_518_936_113;
export const SHOPIFY_REFUND_ID = 1_042_775_670_989;

const CREATED_AT = '2026-01-15T10:20:30-05:00';
const REFUNDED_AT = '2026-01-20T04:00:00-05:00';

function moneySet(cents: number, currency = 'USD'): PayloadObject {
  const amount = centsText(cents);
  return { shop_money: { amount, currency_code: currency }, presentment_money: { amount, currency_code: currency } };
}

function address(kind: 'billing' | 'shipping'): PayloadObject {
  return {
    first_name: 'Ada',
    address1: '12 Analytical Row',
    phone: kind === 'billing' ? '+1 503-555-0142' : null,
    city: 'Portland',
    zip: '97205',
    province: 'Oregon',
    country: 'United States',
    last_name: 'Lovelace',
    address2: kind === 'shipping' ? 'Apt 3' : null,
    company: null,
    latitude: kind === 'shipping' ? 45.5152 : null,
    longitude: kind === 'shipping' ? -122.6784 : null,
    name: 'Ada Lovelace',
    country_code: 'US',
    province_code: 'OR',
  };
}

function taxLine(cents: number): PayloadObject {
  return { channel_liable: false, price: centsText(cents), price_set: moneySet(cents), rate: 0.08, title: 'Oregon State Tax' };
}

function shopifyLineItem(line: CatalogueLine): PayloadObject {
  return {
    id: line.lineItemId,
    admin_graphql_api_id: `gid://shopify/LineItem/${line.lineItemId}`,
    attributed_staffs: [],
    current_quantity: line.quantity,
    fulfillable_quantity: line.quantity,
    fulfillment_service: 'manual',
    fulfillment_status: null,
    gift_card: false,
    grams: line.grams,
    name: `${line.title} - ${line.variantTitle}`,
    price: centsText(line.priceCents),
    price_set: moneySet(line.priceCents),
    product_exists: true,
    product_id: line.productId,
    properties: [],
    quantity: line.quantity,
    requires_shipping: true,
    sales_line_item_group_id: null,
    sku: line.sku,
    taxable: true,
    title: line.title,
    total_discount: '0.00',
    total_discount_set: moneySet(0),
    variant_id: line.variantId,
    variant_inventory_management: 'shopify',
    variant_title: line.variantTitle,
    vendor: 'Northwind Apparel',
    tax_lines: [taxLine(line.taxCents)],
    duties: [],
    discount_allocations: [{ amount: centsText(line.discountCents), amount_set: moneySet(line.discountCents), discount_application_index: 0 }],
  };
}

const CUSTOMER = {
  id: SHOPIFY_CUSTOMER_ID,
  email: 'ada.lovelace@example.com',
  created_at: '2025-11-02T08:14:55-05:00',
  updated_at: CREATED_AT,
  first_name: 'Ada',
  last_name: 'Lovelace',
  state: 'enabled',
  note: null,
  verified_email: true,
  multipass_identifier: null,
  tax_exempt: false,
  phone: null,
  email_marketing_consent: { state: 'not_subscribed', opt_in_level: 'single_opt_in', consent_updated_at: null },
  sms_marketing_consent: null,
  tags: '',
  currency: 'USD',
  tax_exemptions: [],
  admin_graphql_api_id: `gid://shopify/Customer/${SHOPIFY_CUSTOMER_ID}`,
  default_address: { id: 9_318_204_551_297, customer_id: SHOPIFY_CUSTOMER_ID, ...address('shipping'), country_name: 'United States', default: true },
};

/**
 * An `orders/create` body: three lines (or `shape.lineItems`), the SUMMER10 code allocated
 * across them, 8% tax, paid standard shipping, and a landing page that carried the
 * redirector's `cid`.
 */
export function shopifyOrderPayload(overrides: PayloadObject = {}, shape: PayloadShape = {}): PayloadObject {
  const lines = catalogueLines(shape.lineItems);
  const totals = orderTotals(lines);
  const base = {
    id: SHOPIFY_ORDER_ID,
    admin_graphql_api_id: `gid://shopify/Order/${SHOPIFY_ORDER_ID}`,
    app_id: 580_111,
    browser_ip: '203.0.113.24',
    buyer_accepts_marketing: false,
    cancel_reason: null,
    cancelled_at: null,
    cart_token: 'Z2NwLXVzLWVhc3QxOjAxSkg4UTRUMlc2WEszTTlCN0M1RDFFMEZB',
    checkout_id: 36_421_589_745_921,
    checkout_token: 'b1946ac92492d2347c6235b4d2611184',
    client_details: {
      accept_language: 'en-US,en;q=0.9',
      browser_height: null,
      browser_ip: '203.0.113.24',
      browser_width: null,
      session_hash: null,
      user_agent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Mobile/15E148 Safari/604.1',
    },
    closed_at: null,
    company: null,
    confirmation_number: 'K7XQ2M9PA',
    confirmed: true,
    contact_email: 'ada.lovelace@example.com',
    created_at: CREATED_AT,
    currency: 'USD',
    current_shipping_price_set: moneySet(totals.shippingCents),
    current_subtotal_price: centsText(totals.subtotalCents),
    current_subtotal_price_set: moneySet(totals.subtotalCents),
    current_total_additional_fees_set: null,
    current_total_discounts: centsText(totals.discountCents),
    current_total_discounts_set: moneySet(totals.discountCents),
    current_total_duties_set: null,
    current_total_price: centsText(totals.totalCents),
    current_total_price_set: moneySet(totals.totalCents),
    current_total_tax: centsText(totals.taxCents),
    current_total_tax_set: moneySet(totals.taxCents),
    customer_locale: 'en-US',
    device_id: null,
    discount_codes: [{ code: 'SUMMER10', amount: centsText(totals.discountCents), type: 'percentage' }],
    duties_included: false,
    email: 'ada.lovelace@example.com',
    estimated_taxes: false,
    financial_status: 'paid',
    fulfillment_status: null,
    landing_site: `/products/organic-cotton-tee?utm_source=creator&utm_medium=referral&cid=${SAMPLE_CLICK_ID}`,
    landing_site_ref: null,
    location_id: null,
    merchant_business_entity_id: 'MTU5MTIzNDU2Nzg5',
    merchant_of_record_app_id: null,
    name: '#1001',
    note: null,
    note_attributes: [],
    number: 1,
    order_number: 1001,
    order_status_url: 'https://shop.example/61234567890/orders/b1946ac92492d2347c6235b4d2611184/authenticate?key=0f3a9c',
    original_total_additional_fees_set: null,
    original_total_duties_set: null,
    payment_gateway_names: ['shopify_payments'],
    phone: null,
    po_number: null,
    presentment_currency: 'USD',
    processed_at: CREATED_AT,
    reference: null,
    referring_site: 'https://l.instagram.com/',
    source_identifier: null,
    source_name: 'web',
    source_url: null,
    subtotal_price: centsText(totals.subtotalCents),
    subtotal_price_set: moneySet(totals.subtotalCents),
    tags: '',
    tax_exempt: false,
    tax_lines: [taxLine(totals.taxCents)],
    taxes_included: false,
    test: false,
    token: 'b1946ac92492d2347c6235b4d2611184',
    total_cash_rounding_payment_adjustment_set: moneySet(0),
    total_cash_rounding_refund_adjustment_set: moneySet(0),
    total_discounts: centsText(totals.discountCents),
    total_discounts_set: moneySet(totals.discountCents),
    total_line_items_price: centsText(totals.lineItemsCents),
    total_line_items_price_set: moneySet(totals.lineItemsCents),
    total_outstanding: '0.00',
    total_price: centsText(totals.totalCents),
    total_price_set: moneySet(totals.totalCents),
    total_shipping_price_set: moneySet(totals.shippingCents),
    total_tax: centsText(totals.taxCents),
    total_tax_set: moneySet(totals.taxCents),
    total_tip_received: '0.00',
    total_weight: lines.reduce((sum, line) => sum + line.grams * line.quantity, 0),
    updated_at: '2026-01-15T10:20:32-05:00',
    user_id: null,
    billing_address: address('billing'),
    customer: CUSTOMER,
    discount_applications: [
      { target_type: 'line_item', type: 'discount_code', value: '10.0', value_type: 'percentage', allocation_method: 'across', target_selection: 'all', code: 'SUMMER10' },
    ],
    fulfillments: [],
    line_items: lines.map(shopifyLineItem),
    payment_terms: null,
    refunds: [],
    shipping_address: address('shipping'),
    shipping_lines: [
      {
        id: 4_811_530_420_481,
        carrier_identifier: null,
        code: 'Standard',
        discounted_price: centsText(totals.shippingCents),
        discounted_price_set: moneySet(totals.shippingCents),
        is_removed: false,
        phone: null,
        price: centsText(totals.shippingCents),
        price_set: moneySet(totals.shippingCents),
        requested_fulfillment_service_id: null,
        source: 'shopify',
        title: 'Standard',
        tax_lines: [],
        discount_allocations: [],
      },
    ],
  };
  return withOverrides(base, overrides);
}

/**
 * A `refunds/create` body: one of the two tees returned, 22.50 net of its share of the code
 * (Shopify sends `subtotal` as a JSON number beside the exact `subtotal_set`), refunded with
 * its 1.80 tax as a 24.30 card refund.
 */
export function shopifyRefundPayload(overrides: PayloadObject = {}): PayloadObject {
  const tee = catalogueLines(1)[0]!;
  const netCents = tee.priceCents - tee.discountCents / tee.quantity;
  const taxCents = Math.round((netCents * 8) / 100);
  const base = {
    id: SHOPIFY_REFUND_ID,
    order_id: SHOPIFY_ORDER_ID,
    created_at: REFUNDED_AT,
    note: 'Wrong size',
    user_id: 101_246_238_913,
    processed_at: REFUNDED_AT,
    restock: true,
    duties: [],
    total_duties_set: moneySet(0),
    return: null,
    admin_graphql_api_id: `gid://shopify/Refund/${SHOPIFY_REFUND_ID}`,
    refund_shipping_lines: [],
    order_adjustments: [],
    refund_line_items: [
      {
        id: 690_933_842_177,
        quantity: 1,
        line_item_id: tee.lineItemId,
        location_id: 73_201_238_273,
        restock_type: 'return',
        subtotal: netCents / 100,
        total_tax: taxCents / 100,
        subtotal_set: moneySet(netCents),
        total_tax_set: moneySet(taxCents),
        line_item: shopifyLineItem(tee),
      },
    ],
    transactions: [
      {
        id: 7_812_935_450_881,
        order_id: SHOPIFY_ORDER_ID,
        kind: 'refund',
        gateway: 'shopify_payments',
        status: 'success',
        message: 'Transaction approved',
        created_at: REFUNDED_AT,
        test: false,
        authorization: 're_3QhZ2bLk8aF1xYcD0m4nQ7tR',
        location_id: null,
        user_id: 101_246_238_913,
        parent_id: 7_801_422_188_801,
        processed_at: REFUNDED_AT,
        device_id: null,
        error_code: null,
        source_name: 'web',
        payment_details: { credit_card_bin: '424242', avs_result_code: null, cvv_result_code: null, credit_card_number: '•••• •••• •••• 4242', credit_card_company: 'Visa', buyer_action_info: null, credit_card_name: 'Ada Lovelace', credit_card_wallet: 'apple_pay', credit_card_expiration_month: 12, credit_card_expiration_year: 2028, payment_method_name: 'visa' },
        receipt: {},
        amount: centsText(netCents + taxCents),
        currency: 'USD',
        payment_id: 'c29841320132225.2',
        total_unsettled_set: moneySet(0),
        manual_payment_gateway: false,
        amount_rounding: null,
        admin_graphql_api_id: 'gid://shopify/OrderTransaction/7812935450881',
      },
    ],
  };
  return withOverrides(base, overrides);
}

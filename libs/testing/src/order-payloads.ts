/**
 * Webhook bodies for tests and benchmarks, as senders post them (before parsing). Every
 * builder takes `overrides` merged deeply into its default: objects merge key by key, arrays
 * and other values replace, and `undefined` removes a key, so a test can leave a field out.
 * Default totals add up; overrides are applied after them, so a test can break that too.
 */
export type PayloadObject = Record<string, any>;

export interface PayloadShape {
  /** Line items to generate, cycling through a small catalogue (default 3). */
  lineItems?: number;
}

/** A valid redirector click id (UUID v7) the default payloads carry. */
export const SAMPLE_CLICK_ID = '0194a3f2-7c1e-7b3a-9d2f-4e8a1c6b5d70';

export interface CatalogueLine {
  index: number;
  sku: string;
  productId: number;
  variantId: number;
  lineItemId: number;
  title: string;
  variantTitle: string;
  grams: number;
  quantity: number;
  /** Unit price, cents. */
  priceCents: number;
  /** The line's share of the 10% SUMMER10 code, cents. */
  discountCents: number;
  /** 8% state tax on the discounted line, cents. */
  taxCents: number;
}

const CATALOGUE = [
  { sku: 'TEE-ORG-M-BLK', title: 'Organic Cotton Tee', variantTitle: 'M / Black', grams: 200, quantity: 2, priceCents: 2500 },
  { sku: 'TOTE-CNV-NAT', title: 'Canvas Tote', variantTitle: 'Natural', grams: 350, quantity: 1, priceCents: 1850 },
  { sku: 'STK-PACK-5', title: 'Sticker Pack', variantTitle: '5 pack', grams: 20, quantity: 3, priceCents: 400 },
];

/** The catalogue lines of a default order, with their discount and tax in cents. */
export function catalogueLines(count = 3): CatalogueLine[] {
  return Array.from({ length: count }, (_, index) => {
    const item = CATALOGUE[index % CATALOGUE.length]!;
    const round = Math.floor(index / CATALOGUE.length);
    const gross = item.priceCents * item.quantity;
    const discountCents = Math.round(gross / 10);
    return {
      ...item,
      index,
      sku: round === 0 ? item.sku : `${item.sku}-${round}`,
      productId: 7_513_594_200_321 + index,
      variantId: 42_851_063_505_153 + index,
      lineItemId: 13_911_020_896_513 + index,
      taxCents: Math.round(((gross - discountCents) * 8) / 100),
      discountCents,
    };
  });
}

export interface OrderTotals {
  lineItemsCents: number;
  discountCents: number;
  subtotalCents: number;
  shippingCents: number;
  taxCents: number;
  totalCents: number;
}

export function orderTotals(lines: readonly CatalogueLine[], shippingCents = 599): OrderTotals {
  const lineItemsCents = lines.reduce((sum, line) => sum + line.priceCents * line.quantity, 0);
  const discountCents = lines.reduce((sum, line) => sum + line.discountCents, 0);
  const taxCents = lines.reduce((sum, line) => sum + line.taxCents, 0);
  const subtotalCents = lineItemsCents - discountCents;
  return { lineItemsCents, discountCents, subtotalCents, shippingCents, taxCents, totalCents: subtotalCents + shippingCents + taxCents };
}

/** Cents as a two-digit decimal string: 8423 → "84.23". */
export function centsText(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

/** `overrides` merged into `base` as the builders describe; neither is changed. */
export function withOverrides<T extends PayloadObject>(base: T, overrides: PayloadObject): T {
  const merged: PayloadObject = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete merged[key];
    else if (isPlainObject(value) && isPlainObject(merged[key])) merged[key] = withOverrides(merged[key], value);
    else merged[key] = value;
  }
  return merged as T;
}

function isPlainObject(value: unknown): value is PayloadObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A generic `order.created` body (major-unit decimal strings), with a click id and a code. */
export function genericOrderPayload(overrides: PayloadObject = {}, shape: PayloadShape = {}): PayloadObject {
  const lines = catalogueLines(shape.lineItems);
  const totals = orderTotals(lines);
  const base = {
    id: 'evt_01JH8Q4T2W6XK3M9B7C5D1E0FA',
    type: 'order.created',
    order: {
      id: 'ord_1001',
      createdAt: '2026-01-15T15:20:30Z',
      updatedAt: '2026-01-15T15:20:31Z',
      currency: 'USD',
      subtotal: centsText(totals.lineItemsCents),
      discountTotal: centsText(totals.discountCents),
      shipping: centsText(totals.shippingCents),
      tax: centsText(totals.taxCents),
      total: centsText(totals.totalCents),
      discountCodes: ['SUMMER10'],
      clickId: SAMPLE_CLICK_ID,
      landingUrl: `https://shop.example/products/organic-cotton-tee?utm_source=creator&cid=${SAMPLE_CLICK_ID}`,
      customer: { id: 'cus_5001', email: 'ada.lovelace@example.com' },
      lineItems: lines.map((line) => ({
        sku: line.sku,
        productId: String(line.productId),
        quantity: line.quantity,
        price: centsText(line.priceCents),
        discount: centsText(line.discountCents),
      })),
    },
    refund: null,
  };
  return withOverrides(base, overrides);
}

/**
 * A generic `order.refunded` body naming its order by id only: one of two tees back, 22.50
 * net of its share of the code.
 */
export function genericRefundPayload(overrides: PayloadObject = {}): PayloadObject {
  const [tee] = catalogueLines(1);
  const base = {
    id: 'evt_01JH9R7V3X8YL4N0C8D6E2F1GB',
    type: 'order.refunded',
    order: { id: 'ord_1001', currency: 'USD' },
    refund: {
      id: 'ref_2001',
      createdAt: '2026-01-20T09:00:00Z',
      amount: '24.30',
      lineItems: [{ sku: tee!.sku, productId: String(tee!.productId), quantity: 1, amount: '22.50' }],
    },
  };
  return withOverrides(base, overrides);
}

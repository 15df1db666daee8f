/**
 * The commercial terms a commission is computed under: one version of a campaign's terms,
 * as it was in force at the order time. Amounts are minor units of `currency` (the campaign
 * currency).
 */
export interface CommissionTier {
  /** The tier applies once the creator's attributed net revenue in the calendar month reaches this. */
  fromNetMinor: bigint;
  /** Basis points of the net amount: 1,500 is 15%. */
  rateBps: number;
}

export interface CommissionOverride {
  /** Exactly one of `sku` and `productId`. A SKU override beats a product override. */
  sku: string | null;
  productId: string | null;
  /** Exactly one of `rateBps` and `flatPerUnitMinor`. */
  rateBps: number | null;
  flatPerUnitMinor: bigint | null;
}

export interface CommissionTerms {
  currency: string;
  /** Base rate on the net amount, or null for flat-only terms. */
  rateBps: number | null;
  /** Added once per order. */
  flatPerOrderMinor: bigint | null;
  /** Ascending by `fromNetMinor`; the highest reached replaces `rateBps`. */
  tiers: CommissionTier[];
  overrides: CommissionOverride[];
  /** Upper bound of one order's commission. */
  capPerOrderMinor: bigint | null;
}

/** What the math needs of an order: its net lines and totals in the order currency. */
export interface CommissionOrder {
  currency: string;
  subtotalMinor: bigint;
  /** Every discount on the order (line discounts included). */
  discountMinor: bigint;
  lineItems: { sku: string | null; productId: string | null; quantity: number; unitPriceMinor: bigint; discountMinor: bigint }[];
}

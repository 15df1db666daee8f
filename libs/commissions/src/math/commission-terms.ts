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

/** How an overridden line was priced; lines at the base rate are not listed one by one. */
export type CommissionQuoteLine = {
  sku: string | null;
  productId: string | null;
  quantity: number;
  /** The line's share of the order net: gross, less its own discount and its share of the order-level discount. */
  netMinor: bigint;
  /** Which key of the override matched: a SKU override wins over a product override. */
  matchedBy: 'SKU' | 'PRODUCT';
} & ({ rule: 'OVERRIDE_RATE'; rateBps: number } | { rule: 'OVERRIDE_FLAT'; flatPerUnitMinor: bigint });

/** One order's commission under one version of the terms, in the order currency, with the working shown. */
export interface CommissionQuote {
  amountMinor: bigint;
  /** `max(0, subtotal − discount)`: never tax or shipping. */
  netMinor: bigint;
  /** The rate applied to the net not priced by an override: the reached tier's, else the terms' (0 when null). */
  baseRateBps: number;
  /** The threshold of the tier that set `baseRateBps`, or null when no tier was reached (or tiers were ignored). */
  tierFromNetMinor: bigint | null;
  capped: boolean;
  /**
   * The order is not in the terms currency, so the amounts the terms state in their own currency
   * (flat per order, flat overrides, cap, tier thresholds) were left out: the quote is rates only
   * and should be held for finance.
   */
  currencyMismatch: boolean;
  lines: CommissionQuoteLine[];
  /** Short human-readable lines, e.g. "15% of $84.00 net at the base rate". */
  explanation: string[];
}

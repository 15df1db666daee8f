import type { CampaignTermsEntity } from '@app/campaigns';
import type { OrderEntity } from '@app/attribution';
import type { CommissionOrder, CommissionTerms } from './commission-terms.js';

/** A stored terms version as the commission math reads it; amounts are in the campaign currency. */
export function commissionTermsOf(terms: CampaignTermsEntity, campaignCurrency: string): CommissionTerms {
  return {
    currency: campaignCurrency,
    rateBps: terms.commissionRateBps,
    flatPerOrderMinor: terms.flatAmountMinor,
    tiers: terms.tiers.map((tier) => ({ fromNetMinor: BigInt(tier.fromNetMinor), rateBps: tier.rateBps })),
    overrides: terms.overrides.map((override) => ({
      sku: override.sku,
      productId: override.productId,
      rateBps: override.rateBps,
      flatPerUnitMinor: override.flatPerUnitMinor === null ? null : BigInt(override.flatPerUnitMinor),
    })),
    capPerOrderMinor: terms.capPerOrderMinor,
  };
}

/** An order as it stands, as the commission math reads it. */
export function commissionOrderOf(order: Pick<OrderEntity, 'currency' | 'subtotalMinor' | 'discountMinor' | 'lineItems'>): CommissionOrder {
  return {
    currency: order.currency,
    subtotalMinor: order.subtotalMinor,
    discountMinor: order.discountMinor,
    lineItems: order.lineItems.map((line) => ({
      sku: line.sku,
      productId: line.productId,
      quantity: line.quantity,
      unitPriceMinor: BigInt(line.unitPriceMinor),
      discountMinor: BigInt(line.discountMinor),
    })),
  };
}

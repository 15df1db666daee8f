import { AccountOwner, AccountPurpose } from '@app/ledger';
import type { EntityManager } from 'typeorm';

export interface UnfundedBalance {
  organizationId: string;
  currency: string;
  /** Positive when the brand owes money it has neither paid nor been asked to pay. */
  unfundedMinor: bigint;
}

/**
 * What brands owe for approved commissions and fees and have neither funded nor been asked
 * for: their payable plus their funding balance (signed postings), less the payment requests
 * still open. One statement for one brand and currency (a funding request) or every brand
 * (the finance summary); `owingOnly` keeps the positive ones, largest first.
 */
export async function unfundedBalances(
  manager: EntityManager,
  filter: { organizationId?: string; currency?: string; owingOnly?: boolean; limit?: number } = {},
): Promise<UnfundedBalance[]> {
  const rows = await manager.query<{ organization_id: string; currency: string; unfunded: string }[]>(
    `WITH balances AS (
       SELECT a.owner_id AS organization_id, a.currency, coalesce(sum(p.amount_minor), 0) AS balance
         FROM ledger_accounts a LEFT JOIN ledger_postings p ON p.account_id = a.id
        WHERE a.owner_type = $1 AND a.purpose IN ($2, $3)
          AND ($4::uuid IS NULL OR a.owner_id = $4::uuid) AND ($5::text IS NULL OR a.currency = $5)
        GROUP BY a.owner_id, a.currency
     ), open AS (
       SELECT organization_id, currency, sum(amount_minor) AS total
         FROM funding_requests
        WHERE status = 'REQUIRES_PAYMENT' AND ($4::uuid IS NULL OR organization_id = $4::uuid) AND ($5::text IS NULL OR currency = $5)
        GROUP BY organization_id, currency
     ), unfunded AS (
       SELECT coalesce(b.organization_id, r.organization_id) AS organization_id, coalesce(b.currency, r.currency) AS currency,
              coalesce(b.balance, 0) - coalesce(r.total, 0) AS unfunded
         FROM balances b FULL JOIN open r ON r.organization_id = b.organization_id AND r.currency = b.currency
     )
     SELECT organization_id, currency, unfunded::text AS unfunded FROM unfunded
      WHERE NOT $6::boolean OR unfunded > 0
      ORDER BY unfunded DESC, organization_id, currency
      LIMIT $7`,
    [AccountOwner.ORGANIZATION, AccountPurpose.BRAND_PAYABLE, AccountPurpose.BRAND_FUNDING, filter.organizationId ?? null, filter.currency ?? null, filter.owingOnly ?? false, filter.limit ?? null],
  );
  return rows.map((row) => ({ organizationId: row.organization_id, currency: row.currency, unfundedMinor: BigInt(row.unfunded) }));
}

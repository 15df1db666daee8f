import type { CommissionKind, CommissionStatus } from '@app/commissions';
import type { CommissionBookState } from './commission-recognition.js';

export interface BookRow {
  id: string;
  organization_id: string;
  creator_id: string;
  kind: CommissionKind;
  status: CommissionStatus;
  currency: string;
  amount_minor: string;
  platform_fee_bps: number;
  booked_minor: string;
  booked_fee_minor: string;
}

/**
 * Each commission with its terms' fee and what the ledger holds for it: the creator side and
 * the fee of its postings from commission entries (payout entries move the same accounts and
 * are not a commission's booking). Postings are credits there, hence the negation.
 */
export const COMMISSION_BOOKS_SQL = `
  SELECT c.id, c.organization_id, c.creator_id, c.kind, c.status, c.currency, c.amount_minor::text AS amount_minor, t.platform_fee_bps,
         COALESCE(b.booked_minor, 0)::text AS booked_minor, COALESCE(b.booked_fee_minor, 0)::text AS booked_fee_minor
    FROM commissions c
    JOIN campaign_terms t ON t.id = c.terms_id
    LEFT JOIN LATERAL (
      SELECT -SUM(p.amount_minor) FILTER (WHERE a.purpose IN ('CREATOR_PAYABLE', 'CREATOR_RECEIVABLE')) AS booked_minor,
             -SUM(p.amount_minor) FILTER (WHERE a.purpose = 'PLATFORM_FEES') AS booked_fee_minor
        FROM ledger_postings p
        JOIN journal_entries e ON e.id = p.entry_id
        JOIN ledger_accounts a ON a.id = p.account_id
       WHERE p.commission_id = c.id AND e.kind = ANY($2::text[])
    ) b ON true`;

export function toBookState(row: BookRow): CommissionBookState {
  return {
    id: row.id,
    organizationId: row.organization_id,
    creatorId: row.creator_id,
    kind: row.kind,
    status: row.status,
    currency: row.currency,
    amountMinor: BigInt(row.amount_minor),
    platformFeeBps: row.platform_fee_bps,
    bookedMinor: BigInt(row.booked_minor),
    bookedFeeMinor: BigInt(row.booked_fee_minor),
  };
}

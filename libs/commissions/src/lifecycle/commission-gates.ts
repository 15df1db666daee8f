import { disclosureStandings, DisclosureStanding } from '@app/disclosures';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { GateFacts } from './commission-blockers.js';

/** What the gates need to know about a commission. */
export interface GatedCommission {
  id: string;
  termsId: string;
  enrollmentId: string;
  creatorId: string;
}

/**
 * What the rest of the platform says about each commission's gates: whether its terms
 * require a disclosure and whether the enrollment has a compliant one, and whether the
 * creator can be paid. What creators are told (`blockedBy`) and what finance may approve
 * both read it here, so they never disagree.
 */
@Injectable()
export class CommissionGates {
  /** One query per fact, whatever the number of commissions; in `manager`'s transaction. */
  async factsFor(manager: EntityManager, commissions: readonly GatedCommission[]): Promise<Map<string, GateFacts>> {
    const termsIds = [...new Set(commissions.map((c) => c.termsId))];
    const rows: { id: string; disclosure_required: boolean }[] = termsIds.length
      ? await manager.query(`SELECT id, disclosure_required FROM campaign_terms WHERE id = ANY($1::uuid[])`, [termsIds])
      : [];
    const required = new Map(rows.map((row) => [row.id, row.disclosure_required]));
    // The disclosures domain answers for posts and their checks, in this transaction.
    const disclosures = await disclosureStandings(manager, commissions.map((c) => c.enrollmentId));
    const payable = await this.payableCreators(manager, [...new Set(commissions.map((c) => c.creatorId))]);
    return new Map(
      commissions.map((c) => [
        c.id,
        // Terms that cannot be read require a disclosure: a gate left open by mistake pays out.
        {
          disclosureRequired: required.get(c.termsId) ?? true,
          hasCompliantDisclosure: disclosures.get(c.enrollmentId) === DisclosureStanding.COMPLIANT,
          hasNonCompliantDisclosure: disclosures.get(c.enrollmentId) === DisclosureStanding.NON_COMPLIANT,
          payoutAccountReady: payable.has(c.creatorId),
        },
      ]),
    );
  }

  /**
   * The creators whose payout account can receive transfers (ACTIVE, transfers capability
   * active), read from `payout_accounts`, which the payouts library keeps (it sits above
   * commissions, so its table is read here rather than its service).
   */
  private async payableCreators(manager: EntityManager, creatorIds: readonly string[]): Promise<ReadonlySet<string>> {
    if (creatorIds.length === 0) return new Set();
    const rows: { creator_id: string }[] = await manager.query(
      `SELECT creator_id FROM payout_accounts WHERE creator_id = ANY($1::uuid[]) AND status = 'ACTIVE' AND transfers_capability = 'active'`,
      [creatorIds],
    );
    return new Set(rows.map((row) => row.creator_id));
  }
}

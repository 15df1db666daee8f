import { newId } from '@app/core';
import { Factories, type MadeBrand, type MadeCampaign, type StripeFake } from '@app/testing';
import type { DataSource } from 'typeorm';
import { ProgressBar } from '../bench-report.js';
import { inParallel } from '../orders/orders-fixture.js';

export interface SeededCreator {
  creatorId: string;
  enrollmentId: string;
  stripeAccountId: string;
}

export interface SeededPayouts {
  brand: MadeBrand;
  campaign: MadeCampaign;
  termsId: string;
  creators: SeededCreator[];
}

/**
 * One brand, one campaign (5 % platform fee, no disclosure gate) and `creators` creators
 * APPROVED in it, each with a Stripe account created at the fake through the SDK and
 * onboarded there, and the matching ACTIVE payout account row.
 */
export async function seedPayouts(db: DataSource, fake: StripeFake, creators: number): Promise<SeededPayouts> {
  const make = new Factories(db);
  const brand = await make.brand({ name: 'Bench Payouts Apparel' });
  const campaign = await make.campaign(brand, { title: 'Bench payouts', budgetMinor: null, terms: { disclosureRequired: false, platformFeeBps: 500 } });
  const [terms] = await db.query(`SELECT id FROM campaign_terms WHERE campaign_id = $1`, [campaign.campaignId]);
  const stripe = fake.client();
  const seeded: SeededCreator[] = new Array<SeededCreator>(creators);
  const progress = new ProgressBar('seeding creators and Stripe accounts', creators);
  let done = 0;
  await inParallel(
    Array.from({ length: creators }, (_, i) => i),
    8,
    async (i) => {
      const creator = await make.creatorProfile({ displayName: `Bench Payee ${i + 1}` });
      const enrollmentId = await make.enrollment(campaign, creator, 'APPROVED', { decidedAt: new Date(Date.now() - 40 * 86_400_000) });
      const account = await stripe.accounts.create({
        country: 'US',
        controller: { stripe_dashboard: { type: 'express' }, requirement_collection: 'stripe', fees: { payer: 'application' }, losses: { payments: 'application' } },
        capabilities: { transfers: { requested: true } },
        metadata: { creator_id: creator.creatorId },
      });
      await fake.completeOnboarding(account.id);
      await db.query(
        `INSERT INTO payout_accounts (id, creator_id, stripe_account_id, status, details_submitted, payouts_enabled, transfers_capability, requirements_due, country)
         VALUES ($1, $2, $3, 'ACTIVE', true, true, 'active', '{}', 'US')`,
        [newId(), creator.creatorId, account.id],
      );
      seeded[i] = { creatorId: creator.creatorId, enrollmentId, stripeAccountId: account.id };
      progress.update((done += 1));
    },
  );
  progress.finish();
  return { brand, campaign, termsId: terms.id, creators: seeded };
}

/** Two ELIGIBLE commissions per creator (amounts drawn from the index, so every run is the same); returns their ids. */
export async function insertEligibleCommissions(db: DataSource, seeded: SeededPayouts): Promise<{ ids: string[]; totalMinor: bigint }> {
  const ids: string[] = [];
  let totalMinor = 0n;
  const past = new Date(Date.now() - 35 * 86_400_000);
  const rows = seeded.creators.flatMap((creator, i) =>
    [1_200 + (i % 97) * 13, 800 + (i % 31) * 7].map((amount) => {
      const id = newId();
      ids.push(id);
      totalMinor += BigInt(amount);
      return [id, seeded.campaign.organizationId, seeded.campaign.campaignId, creator.enrollmentId, creator.creatorId, newId(), seeded.termsId, amount];
    }),
  );
  for (let start = 0; start < rows.length; start += 1_000) {
    const chunk = rows.slice(start, start + 1_000);
    const column = (index: number) => chunk.map((row) => row[index]);
    await db.query(
      `INSERT INTO commissions (id, organization_id, campaign_id, enrollment_id, creator_id, order_id, kind, terms_id, currency, amount_minor, quoted_amount_minor,
                                basis_net_minor, status, ordered_at, eligible_at, explanation)
       SELECT id, org, campaign, enrollment, creator, order_id, 'SALE', terms, 'USD', amount, amount, amount * 10, 'ELIGIBLE', $9, $9, ARRAY['bench']
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[], $8::bigint[])
              AS t(id, org, campaign, enrollment, creator, order_id, terms, amount)`,
      [column(0), column(1), column(2), column(3), column(4), column(5), column(6), column(7), past],
    );
  }
  return { ids, totalMinor };
}

/** The books as the ledger's own rules say they must be: every currency sums to zero, every entry balances, every cached balance equals its postings. */
export async function ledgerBalanced(db: DataSource): Promise<{ balanced: boolean; problems: string[] }> {
  const problems: string[] = [];
  for (const row of await db.query(`SELECT currency, sum(amount_minor)::text AS total FROM ledger_postings GROUP BY currency HAVING sum(amount_minor) <> 0`)) {
    problems.push(`${row.currency} postings sum to ${row.total}`);
  }
  const [entries] = await db.query(`SELECT count(*)::int AS n FROM (SELECT entry_id FROM ledger_postings GROUP BY entry_id, currency HAVING sum(amount_minor) <> 0) e`);
  if (entries.n > 0) problems.push(`${entries.n} unbalanced entries`);
  const [cached] = await db.query(
    `SELECT count(*)::int AS n FROM ledger_accounts a
      WHERE a.balance_minor <> coalesce((SELECT sum(p.amount_minor) FROM ledger_postings p WHERE p.account_id = a.id), 0)`,
  );
  if (cached.n > 0) problems.push(`${cached.n} cached balances differ from their postings`);
  return { balanced: problems.length === 0, problems };
}

import { type PayableCommission, planPayoutRun } from './payout-plan.js';
import { PayoutExclusionReason } from './payout-status.js';

let seq = 0;
function commission(creatorId: string, organizationId: string, amount: number, fee = 0, day = 1): PayableCommission {
  seq += 1;
  return { id: `c${String(seq).padStart(3, '0')}`, creatorId, organizationId, amountMinor: BigInt(amount), feeMinor: BigInt(fee), approvedAt: new Date(Date.UTC(2026, 10, day)) };
}

const funding = (entries: Record<string, number>) => new Map(Object.entries(entries).map(([org, amount]) => [org, BigInt(amount)]));

describe('planPayoutRun', () => {
  it('pays each ready creator once, with every funded commission', () => {
    const plan = planPayoutRun({
      commissions: [commission('ann', 'brand', 1_500, 150), commission('ann', 'brand', 500, 50), commission('bob', 'brand', 2_000, 200)],
      readyCreators: new Set(['ann', 'bob']),
      availableFunding: funding({ brand: 10_000 }),
      minimumPayoutMinor: 1_000n,
    });
    expect(plan.exclusions).toEqual([]);
    expect(plan.payouts.map((p) => [p.creatorId, p.amountMinor, p.items.length])).toEqual([
      ['ann', 2_000n, 2],
      ['bob', 2_000n, 1],
    ]);
    expect(plan.payouts[0]!.fundingByOrganization.get('brand')).toBe(2_200n);
  });

  it('nets open clawbacks against the next payout', () => {
    const plan = planPayoutRun({
      commissions: [commission('ann', 'brand', 5_000), commission('ann', 'brand', -1_200)],
      readyCreators: new Set(['ann']),
      availableFunding: funding({ brand: 5_000 }),
      minimumPayoutMinor: 1_000n,
    });
    expect(plan.payouts).toHaveLength(1);
    expect(plan.payouts[0]).toMatchObject({ grossMinor: 5_000n, clawbackMinor: 1_200n, amountMinor: 3_800n });
  });

  it('carries a clawback larger than what is owed, and nets nothing', () => {
    const plan = planPayoutRun({
      commissions: [commission('ann', 'brand', 1_000), commission('ann', 'brand', -3_000)],
      readyCreators: new Set(['ann']),
      availableFunding: funding({ brand: 1_000_000 }),
      minimumPayoutMinor: 1n,
    });
    expect(plan.payouts).toEqual([]);
    expect(plan.exclusions).toEqual([{ creatorId: 'ann', reason: PayoutExclusionReason.NOTHING_OWED, amountMinor: -2_000n, commissionCount: 2 }]);
  });

  it('leaves out creators without a ready account and below the minimum, and says why', () => {
    const plan = planPayoutRun({
      commissions: [commission('ann', 'brand', 900), commission('bob', 'brand', 5_000)],
      readyCreators: new Set(['ann']),
      availableFunding: funding({ brand: 1_000_000 }),
      minimumPayoutMinor: 1_000n,
    });
    expect(plan.payouts).toEqual([]);
    expect(plan.exclusions.map((e) => [e.creatorId, e.reason])).toEqual([
      ['bob', PayoutExclusionReason.NO_PAYOUT_ACCOUNT],
      ['ann', PayoutExclusionReason.BELOW_MINIMUM],
    ]);
  });

  it('funds the oldest commissions first and makes the rest wait for the brand', () => {
    const plan = planPayoutRun({
      commissions: [commission('ann', 'brand', 3_000, 300, 2), commission('bob', 'brand', 3_000, 300, 1), commission('cat', 'other', 3_000, 0, 1)],
      readyCreators: new Set(['ann', 'bob', 'cat']),
      availableFunding: funding({ brand: 4_000, other: 3_000 }),
      minimumPayoutMinor: 1_000n,
    });
    expect(plan.payouts.map((p) => p.creatorId).sort()).toEqual(['bob', 'cat']);
    expect(plan.exclusions).toEqual([{ creatorId: 'ann', reason: PayoutExclusionReason.AWAITING_BRAND_FUNDING, amountMinor: 3_000n, commissionCount: 1 }]);
  });

  it('gives a dropped creator’s funding to the next commission in line', () => {
    // bob's 500 is funded first but falls below the minimum; its funding then covers ann's.
    const plan = planPayoutRun({
      commissions: [commission('bob', 'brand', 500, 0, 1), commission('ann', 'brand', 2_000, 0, 2)],
      readyCreators: new Set(['ann', 'bob']),
      availableFunding: funding({ brand: 2_000 }),
      minimumPayoutMinor: 1_000n,
    });
    expect(plan.payouts.map((p) => [p.creatorId, p.amountMinor])).toEqual([['ann', 2_000n]]);
    expect(plan.exclusions.map((e) => [e.creatorId, e.reason])).toEqual([['bob', PayoutExclusionReason.BELOW_MINIMUM]]);
  });

  it('lets a clawback’s refund to the brand fund another creator’s commission', () => {
    const plan = planPayoutRun({
      commissions: [commission('ann', 'brand', 5_000, 0, 1), commission('ann', 'brand', -1_000, 0, 3), commission('bob', 'brand', 1_000, 0, 2)],
      readyCreators: new Set(['ann', 'bob']),
      availableFunding: funding({ brand: 5_000 }),
      minimumPayoutMinor: 1_000n,
    });
    expect(plan.payouts.map((p) => [p.creatorId, p.amountMinor]).sort()).toEqual([
      ['ann', 4_000n],
      ['bob', 1_000n],
    ]);
  });
});

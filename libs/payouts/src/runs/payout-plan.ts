import { PayoutExclusionReason } from './payout-status.js';

/** An approved commission (or open clawback, negative) a run may pay. */
export interface PayableCommission {
  id: string;
  creatorId: string;
  organizationId: string;
  /** Negative for a clawback. */
  amountMinor: bigint;
  /** The platform fee the brand owes on it (negative for a clawback's share). */
  feeMinor: bigint;
  /** Oldest first: funding goes to the commissions approved earliest. */
  approvedAt: Date;
}

export interface PlannedPayout {
  creatorId: string;
  items: PayableCommission[];
  grossMinor: bigint;
  clawbackMinor: bigint;
  amountMinor: bigint;
  /** Funding applied per brand: Σ(amount + fee) of that brand's items. */
  fundingByOrganization: Map<string, bigint>;
}

export interface PlannedExclusion {
  creatorId: string;
  reason: PayoutExclusionReason;
  amountMinor: bigint;
  commissionCount: number;
}

export interface PayoutPlan {
  payouts: PlannedPayout[];
  exclusions: PlannedExclusion[];
}

export interface PlanInput {
  commissions: readonly PayableCommission[];
  /** Creators whose payout account can receive transfers. */
  readyCreators: ReadonlySet<string>;
  /** Each brand's funding not yet applied. */
  availableFunding: ReadonlyMap<string, bigint>;
  minimumPayoutMinor: bigint;
}

const byAge = (a: PayableCommission, b: PayableCommission) => a.approvedAt.getTime() - b.approvedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function sum(items: readonly PayableCommission[], pick: (item: PayableCommission) => bigint): bigint {
  return items.reduce((total, item) => total + pick(item), 0n);
}

/**
 * Decides who a run pays and how much, with no I/O. Clawbacks are settled first (they give
 * their brand's share back to its funding); then commissions are funded oldest first while
 * their brand's funding lasts. A creator is paid when their account can receive transfers
 * and their net reaches the minimum; a creator left out gives their funding back, and the
 * plan is made again until nobody else drops out, so money is never held for a payout that
 * does not happen.
 */
export function planPayoutRun(input: PlanInput): PayoutPlan {
  const exclusions: PlannedExclusion[] = [];
  const noAccount = input.commissions.filter((c) => !input.readyCreators.has(c.creatorId));
  for (const [creatorId, items] of groupBy(noAccount, (c) => c.creatorId)) {
    exclusions.push({ creatorId, reason: PayoutExclusionReason.NO_PAYOUT_ACCOUNT, amountMinor: sum(items, (c) => c.amountMinor), commissionCount: items.length });
  }
  const dropped = new Set<string>(noAccount.map((c) => c.creatorId));
  for (;;) {
    const candidates = input.commissions.filter((c) => !dropped.has(c.creatorId));
    const { funded, unfunded } = allocateFunding(candidates, input.availableFunding);
    const fundedByCreator = groupBy(funded, (c) => c.creatorId);
    const newlyDropped: PlannedExclusion[] = [];
    for (const [creatorId, items] of fundedByCreator) {
      const net = sum(items, (c) => c.amountMinor);
      if (net <= 0n && items.some((c) => c.amountMinor < 0n)) {
        newlyDropped.push({ creatorId, reason: PayoutExclusionReason.NOTHING_OWED, amountMinor: net, commissionCount: items.length });
      } else if (net < input.minimumPayoutMinor) {
        newlyDropped.push({ creatorId, reason: PayoutExclusionReason.BELOW_MINIMUM, amountMinor: net, commissionCount: items.length });
      }
    }
    if (newlyDropped.length > 0) {
      // Their funding goes back to the pool; another creator's commission may now be funded.
      for (const exclusion of newlyDropped) dropped.add(exclusion.creatorId);
      exclusions.push(...newlyDropped);
      continue;
    }
    for (const [creatorId, items] of groupBy(unfunded, (c) => c.creatorId)) {
      exclusions.push({ creatorId, reason: PayoutExclusionReason.AWAITING_BRAND_FUNDING, amountMinor: sum(items, (c) => c.amountMinor), commissionCount: items.length });
    }
    const payouts = [...fundedByCreator].map(([creatorId, items]) => toPayout(creatorId, items));
    return { payouts, exclusions };
  }
}

function allocateFunding(candidates: readonly PayableCommission[], available: ReadonlyMap<string, bigint>) {
  const left = new Map(available);
  const funded: PayableCommission[] = [];
  const unfunded: PayableCommission[] = [];
  const clawbacks = candidates.filter((c) => c.amountMinor < 0n).sort(byAge);
  for (const clawback of clawbacks) {
    funded.push(clawback);
    left.set(clawback.organizationId, (left.get(clawback.organizationId) ?? 0n) - (clawback.amountMinor + clawback.feeMinor));
  }
  for (const commission of candidates.filter((c) => c.amountMinor >= 0n).sort(byAge)) {
    const cost = commission.amountMinor + commission.feeMinor;
    const remaining = left.get(commission.organizationId) ?? 0n;
    if (cost <= remaining) {
      funded.push(commission);
      left.set(commission.organizationId, remaining - cost);
    } else {
      unfunded.push(commission);
    }
  }
  return { funded, unfunded };
}

function toPayout(creatorId: string, items: PayableCommission[]): PlannedPayout {
  const grossMinor = sum(items, (c) => (c.amountMinor > 0n ? c.amountMinor : 0n));
  const clawbackMinor = -sum(items, (c) => (c.amountMinor < 0n ? c.amountMinor : 0n));
  const fundingByOrganization = new Map<string, bigint>();
  for (const item of items) fundingByOrganization.set(item.organizationId, (fundingByOrganization.get(item.organizationId) ?? 0n) + item.amountMinor + item.feeMinor);
  return { creatorId, items: [...items].sort(byAge), grossMinor, clawbackMinor, amountMinor: grossMinor - clawbackMinor, fundingByOrganization };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const group = groups.get(name);
    if (group) group.push(item);
    else groups.set(name, [item]);
  }
  return groups;
}

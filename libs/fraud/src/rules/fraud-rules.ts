import { FraudRule, type FraudSignal } from './fraud-signal.js';

/** The thresholds the rules judge by; an organization may tune them, so none is hard-wired. */
export interface FraudLimits {
  /** An order sooner than this after its click is faster than a person shops. */
  minClickToOrderSeconds: number;
  /** Orders one customer may place in 24 hours before they look like a burst. */
  maxOrdersPerCustomerPerDay: number;
  /** Clicks one visitor may make on one creator's links in an hour. */
  maxClicksPerVisitorPerHour: number;
  /** Basis points of a code's orders without a click trail from which the code counts as leaked: 8,000 is 80%. */
  couponLeakShare: number;
  /** A code is judged for leaking only from this many orders on: a handful proves nothing. */
  couponLeakMinOrders: number;
}

export const DEFAULT_FRAUD_LIMITS: Readonly<FraudLimits> = Object.freeze({
  minClickToOrderSeconds: 10,
  maxOrdersPerCustomerPerDay: 5,
  maxClicksPerVisitorPerHour: 30,
  couponLeakShare: 8_000,
  couponLeakMinOrders: 20,
});

/** What the rules need to know about one attributed order, gathered by the caller. */
export interface OrderFraudFacts {
  orderedAt: Date;
  /** `hashCustomerEmail` of the order's customer, or null when the order carried no email. */
  customerEmailHash: string | null;
  /** `hashCustomerEmail` of the creator's account email, under the same key. */
  creatorEmailHash: string | null;
  /** The visitor hash of the order's click, or null for an order without a click (a code). */
  clickVisitorHash: string | null;
  /**
   * The creator's own visitor hashes (their clicks while signed in), hashed under the same
   * day's salt as the click: visitor hashes of different days never match.
   */
  creatorVisitorHashes: readonly string[];
  /** When the order's click happened, or null without a click. */
  clickAt: Date | null;
  /** Orders by this customer in the 24 h up to and including this one. */
  customerOrdersSameDay: number;
  /** Clicks by the order's click visitor on this creator's links in the hour before the order; null without a click. */
  visitorClicksLastHour: number | null;
}

/** What the rules need to know about one discount code's use, over the window the caller chose. */
export interface CodeUsageFacts {
  code: string;
  ordersWithCode: number;
  /** Of those, the orders with no click on the creator's links within the attribution window. */
  ordersWithoutClickTrail: number;
}

/**
 * Every order rule that fires for `facts`, in the order of {@link FraudRule}. An empty list
 * is a clean order. Pure: the same facts and limits always give the same signals.
 */
export function evaluateOrder(facts: OrderFraudFacts, limits: FraudLimits): FraudSignal[] {
  return [selfReferral(facts), fastClickToOrder(facts, limits), customerOrderBurst(facts, limits), visitorClickBurst(facts, limits)].filter(
    (signal): signal is FraudSignal => signal !== null,
  );
}

/**
 * COUPON_LEAK when enough of a code's orders came without any click on the creator's links
 * (the code travels on coupon sites rather than with the creator's audience). Judged in
 * integers, so a share exactly at the limit always counts as a leak.
 */
export function evaluateCodeLeak(facts: CodeUsageFacts, limits: FraudLimits): FraudSignal | null {
  const { code, ordersWithCode, ordersWithoutClickTrail } = facts;
  // Counts that contradict each other mean the caller's query is wrong; a share above 100%
  // would otherwise hold commissions with a reason no one can believe.
  if (!isCount(ordersWithCode) || !isCount(ordersWithoutClickTrail) || ordersWithoutClickTrail > ordersWithCode) {
    throw new RangeError(
      `Code usage counts must be whole numbers, with no more orders without a click trail than orders (got ${ordersWithoutClickTrail} of ${ordersWithCode})`,
    );
  }
  if (ordersWithCode < limits.couponLeakMinOrders) return null;
  if (ordersWithoutClickTrail * 10_000 < limits.couponLeakShare * ordersWithCode) return null;
  const shareBps = Math.floor((ordersWithoutClickTrail * 10_000) / ordersWithCode);
  return {
    rule: FraudRule.CouponLeak,
    scope: 'CODE',
    reason:
      `${ordersWithoutClickTrail} of ${ordersWithCode} orders with code ${code} (${percent(shareBps)}) came with no click on the creator's links; ` +
      `the limit is ${percent(limits.couponLeakShare)} from ${limits.couponLeakMinOrders} orders`,
    detail: {
      code,
      ordersWithCode,
      ordersWithoutClickTrail,
      shareBps,
      limitShareBps: limits.couponLeakShare,
      minOrders: limits.couponLeakMinOrders,
    },
  };
}

function selfReferral(facts: OrderFraudFacts): FraudSignal | null {
  // An empty hash is no identity: two blanks must not make a customer the creator.
  const customer = facts.customerEmailHash;
  const visitor = facts.clickVisitorHash;
  const emailMatch = customer ? customer === facts.creatorEmailHash : false;
  const visitorMatch = visitor ? facts.creatorVisitorHashes.includes(visitor) : false;
  if (!emailMatch && !visitorMatch) return null;
  const reasons = [
    emailMatch ? "the customer's email is the creator's own" : null,
    visitorMatch ? "the order's click came from the creator's own browser" : null,
  ].filter((reason): reason is string => reason !== null);
  return {
    rule: FraudRule.SelfReferral,
    scope: 'ORDER',
    reason: reasons.join('; '),
    detail: { emailMatch, visitorMatch },
  };
}

function fastClickToOrder(facts: OrderFraudFacts, limits: FraudLimits): FraudSignal | null {
  if (!facts.clickAt) return null;
  const elapsedMs = facts.orderedAt.getTime() - facts.clickAt.getTime();
  const minMs = limits.minClickToOrderSeconds * 1_000;
  // A click after the order is an attribution problem (the touch is invalid), not a fast shopper.
  if (!(elapsedMs >= 0 && elapsedMs < minMs)) return null;
  return {
    rule: FraudRule.FastClickToOrder,
    scope: 'ORDER',
    reason: `the order came ${seconds(elapsedMs)} s after its click; the minimum is ${limits.minClickToOrderSeconds} s`,
    detail: { elapsedMs, minSeconds: limits.minClickToOrderSeconds },
  };
}

function customerOrderBurst(facts: OrderFraudFacts, limits: FraudLimits): FraudSignal | null {
  if (!(facts.customerOrdersSameDay > limits.maxOrdersPerCustomerPerDay)) return null;
  return {
    rule: FraudRule.CustomerOrderBurst,
    scope: 'ORDER',
    reason: `the customer placed ${facts.customerOrdersSameDay} orders in 24 h; the limit is ${limits.maxOrdersPerCustomerPerDay}`,
    detail: { ordersInDay: facts.customerOrdersSameDay, maxOrders: limits.maxOrdersPerCustomerPerDay },
  };
}

function visitorClickBurst(facts: OrderFraudFacts, limits: FraudLimits): FraudSignal | null {
  if (facts.visitorClicksLastHour === null || !(facts.visitorClicksLastHour > limits.maxClicksPerVisitorPerHour)) return null;
  return {
    rule: FraudRule.VisitorClickBurst,
    scope: 'ORDER',
    reason:
      `the order's visitor clicked the creator's links ${facts.visitorClicksLastHour} times in the hour before the order; ` +
      `the limit is ${limits.maxClicksPerVisitorPerHour}`,
    detail: { clicksInHour: facts.visitorClicksLastHour, maxClicks: limits.maxClicksPerVisitorPerHour },
  };
}

function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** Milliseconds as seconds, truncated to tenths: 9,990 ms reads "9.9", never "10.0" beside a minimum of 10. */
function seconds(ms: number): string {
  const tenths = Math.floor(ms / 100);
  return tenths % 10 === 0 ? `${tenths / 10}` : `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/** Basis points as a percentage without floating point: 8,000 is "80%", 8,333 is "83.33%". */
function percent(bps: number): string {
  const whole = Math.floor(bps / 100);
  const rest = bps % 100;
  return rest === 0 ? `${whole}%` : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}%`;
}

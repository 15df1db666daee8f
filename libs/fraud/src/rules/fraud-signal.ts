/** What a fraud rule saw. Signals hold commissions (`ON_HOLD`); they never delete anything. */
export enum FraudRule {
  /** The customer is the creator: same email hash, or the order's visitor is the creator's own. */
  SelfReferral = 'SELF_REFERRAL',
  /** The order followed the click faster than a person shops. */
  FastClickToOrder = 'FAST_CLICK_TO_ORDER',
  /** Most orders with this code came with no click on the creator's links: the code leaked to coupon sites. */
  CouponLeak = 'COUPON_LEAK',
  /** One customer placed more orders in a day than the limit. */
  CustomerOrderBurst = 'CUSTOMER_ORDER_BURST',
  /** The order's visitor clicked the creator's links faster than the limit. */
  VisitorClickBurst = 'VISITOR_CLICK_BURST',
}

export interface FraudSignal {
  rule: FraudRule;
  /** For people: "the order came 3 s after its click; the minimum is 10 s". */
  reason: string;
  /** The numbers behind it, kept with the signal. */
  detail: Record<string, string | number | boolean | null>;
  /** `CODE` for a signal about a discount code as a whole (a coupon leak), else `ORDER`. */
  scope: 'ORDER' | 'CODE';
}

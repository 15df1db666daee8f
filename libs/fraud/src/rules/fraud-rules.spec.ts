import { type CodeUsageFacts, DEFAULT_FRAUD_LIMITS, evaluateCodeLeak, evaluateOrder, type FraudLimits, type OrderFraudFacts } from './fraud-rules.js';
import { FraudRule } from './fraud-signal.js';

const ORDERED_AT = new Date('2026-11-02T10:00:00.000Z');
const before = (ms: number) => new Date(ORDERED_AT.getTime() - ms);

/** A clean order: a stranger who clicked five minutes before buying, once today. */
const clean: OrderFraudFacts = {
  orderedAt: ORDERED_AT,
  customerEmailHash: 'customer-hash',
  creatorEmailHash: 'creator-hash',
  clickVisitorHash: 'visitor-hash',
  creatorVisitorHashes: ['creator-visitor-1', 'creator-visitor-2'],
  clickAt: before(5 * 60_000),
  customerOrdersSameDay: 1,
  visitorClicksLastHour: 1,
};

const {
  SelfReferral: SELF,
  FastClickToOrder: FAST,
  CustomerOrderBurst: CUSTOMER_BURST,
  VisitorClickBurst: VISITOR_BURST,
} = FraudRule;

describe('evaluateOrder', () => {
  it.each<[string, Partial<OrderFraudFacts>, Partial<FraudLimits>, FraudRule[]]>([
    ['a clean order', {}, {}, []],
    ['the customer has the creator\'s email', { customerEmailHash: 'creator-hash' }, {}, [SELF]],
    ['neither side has an email', { customerEmailHash: null, creatorEmailHash: null }, {}, []],
    ['two empty email hashes', { customerEmailHash: '', creatorEmailHash: '' }, {}, []],
    ['the click came from the creator\'s own visitor', { clickVisitorHash: 'creator-visitor-2' }, {}, [SELF]],
    ['no click and no creator visitors', { clickVisitorHash: null, creatorVisitorHashes: [], clickAt: null, visitorClicksLastHour: null }, {}, []],
    ['the order 3 s after the click', { clickAt: before(3_000) }, {}, [FAST]],
    ['the order at the same instant as the click', { clickAt: before(0) }, {}, [FAST]],
    ['the order 1 ms short of the minimum', { clickAt: before(9_999) }, {}, [FAST]],
    ['the order exactly at the minimum', { clickAt: before(10_000) }, {}, []],
    ['a click after the order', { clickAt: before(-1_000) }, {}, []],
    ['an order without a click', { clickAt: null }, {}, []],
    ['a tighter minimum of 2 s, 3 s after the click', { clickAt: before(3_000) }, { minClickToOrderSeconds: 2 }, []],
    ['a customer exactly at the daily limit', { customerOrdersSameDay: 5 }, {}, []],
    ['a customer one order above the daily limit', { customerOrdersSameDay: 6 }, {}, [CUSTOMER_BURST]],
    ['a visitor exactly at the hourly click limit', { visitorClicksLastHour: 30 }, {}, []],
    ['a visitor one click above the hourly limit', { visitorClicksLastHour: 31 }, {}, [VISITOR_BURST]],
    ['no click count (no click)', { visitorClicksLastHour: null }, {}, []],
    ['a lower click limit', { visitorClicksLastHour: 4 }, { maxClicksPerVisitorPerHour: 3 }, [VISITOR_BURST]],
    [
      'everything at once, in rule order',
      { customerEmailHash: 'creator-hash', clickAt: before(1_000), customerOrdersSameDay: 9, visitorClicksLastHour: 99 },
      {},
      [SELF, FAST, CUSTOMER_BURST, VISITOR_BURST],
    ],
  ])('%s', (_name, facts, limits, rules) => {
    const signals = evaluateOrder({ ...clean, ...facts }, { ...DEFAULT_FRAUD_LIMITS, ...limits });
    expect(signals.map((signal) => signal.rule)).toEqual(rules);
    for (const signal of signals) {
      expect(signal.scope).toBe('ORDER');
      expect(signal.reason).not.toBe('');
    }
  });

  it('explains each signal for people, with the numbers behind it', () => {
    const signals = evaluateOrder(
      {
        ...clean,
        customerEmailHash: 'creator-hash',
        clickVisitorHash: 'creator-visitor-1',
        clickAt: before(3_400),
        customerOrdersSameDay: 7,
        visitorClicksLastHour: 45,
      },
      DEFAULT_FRAUD_LIMITS,
    );
    expect(signals).toEqual([
      {
        rule: SELF,
        scope: 'ORDER',
        reason: "the customer's email is the creator's own; the order's click came from the creator's own browser",
        detail: { emailMatch: true, visitorMatch: true },
      },
      { rule: FAST, scope: 'ORDER', reason: 'the order came 3.4 s after its click; the minimum is 10 s', detail: { elapsedMs: 3_400, minSeconds: 10 } },
      { rule: CUSTOMER_BURST, scope: 'ORDER', reason: 'the customer placed 7 orders in 24 h; the limit is 5', detail: { ordersInDay: 7, maxOrders: 5 } },
      {
        rule: VISITOR_BURST,
        scope: 'ORDER',
        reason: "the order's visitor clicked the creator's links 45 times in the hour before the order; the limit is 30",
        detail: { clicksInHour: 45, maxClicks: 30 },
      },
    ]);
  });

  it('never rounds a fast order up to the minimum in its reason', () => {
    const [signal] = evaluateOrder({ ...clean, clickAt: before(9_990) }, DEFAULT_FRAUD_LIMITS);
    expect(signal?.reason).toBe('the order came 9.9 s after its click; the minimum is 10 s');
  });

  it('is deterministic and leaves its inputs alone', () => {
    const facts = Object.freeze({ ...clean, customerEmailHash: 'creator-hash', creatorVisitorHashes: Object.freeze(['x']) });
    expect(evaluateOrder(facts, DEFAULT_FRAUD_LIMITS)).toEqual(evaluateOrder(facts, DEFAULT_FRAUD_LIMITS));
  });
});

describe('evaluateCodeLeak', () => {
  const usage = (ordersWithCode: number, ordersWithoutClickTrail: number): CodeUsageFacts => ({ code: 'MAYA15', ordersWithCode, ordersWithoutClickTrail });

  it.each<[string, CodeUsageFacts, Partial<FraudLimits>, boolean]>([
    ['too few orders to judge, all without clicks', usage(19, 19), {}, false],
    ['exactly the minimum orders, exactly at the share', usage(20, 16), {}, true],
    ['exactly the minimum orders, one below the share', usage(20, 15), {}, false],
    ['every order without a click', usage(100, 100), {}, true],
    ['no order without a click', usage(100, 0), {}, false],
    ['a share just under the limit (79.99%)', usage(10_000, 7_999), {}, false],
    ['a share that is not a whole percentage, above the limit', usage(3_000, 2_401), {}, true],
    ['a lower minimum and share', usage(5, 3), { couponLeakMinOrders: 5, couponLeakShare: 6_000 }, true],
    ['a share of 100% required, one order short', usage(50, 49), { couponLeakShare: 10_000 }, false],
  ])('%s', (_name, facts, limits, leaked) => {
    const signal = evaluateCodeLeak(facts, { ...DEFAULT_FRAUD_LIMITS, ...limits });
    expect(signal !== null).toBe(leaked);
    if (signal) expect(signal).toMatchObject({ rule: FraudRule.CouponLeak, scope: 'CODE' });
  });

  it('explains a leak for people, with the numbers behind it', () => {
    expect(evaluateCodeLeak(usage(24, 20), DEFAULT_FRAUD_LIMITS)).toEqual({
      rule: FraudRule.CouponLeak,
      scope: 'CODE',
      reason: "20 of 24 orders with code MAYA15 (83.33%) came with no click on the creator's links; the limit is 80% from 20 orders",
      detail: { code: 'MAYA15', ordersWithCode: 24, ordersWithoutClickTrail: 20, shareBps: 8_333, limitShareBps: 8_000, minOrders: 20 },
    });
  });

  it.each([
    ['more orders without a click than with the code', usage(20, 21)],
    ['a negative count', usage(-1, 0)],
    ['a fractional count', usage(20.5, 1)],
  ])('refuses counts that cannot be: %s', (_name, facts) => {
    expect(() => evaluateCodeLeak(facts, DEFAULT_FRAUD_LIMITS)).toThrow(RangeError);
  });
});

/**
 * SQL, for another domain's WHERE, that is true when the order whose id is `orderIdSql`
 * (a column of the caller's query, e.g. `c.order_id`) has a fraud signal nobody has
 * resolved. Every signal that held an order is kept against that order (a code signal
 * too), so this is the whole answer to "did fraud rules flag this order". Served by
 * `uq_fraud_signals_order_rule`.
 */
export function openFraudSignalOnOrderSql(orderIdSql: string): string {
  return `EXISTS (SELECT 1 FROM fraud_signals fraud_flag WHERE fraud_flag.order_id = ${orderIdSql} AND fraud_flag.scope = 'ORDER' AND fraud_flag.resolved_at IS NULL)`;
}

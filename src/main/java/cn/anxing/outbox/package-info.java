/**
 * A generic transactional outbox (发件箱) for webhooks to other organisations.
 *
 * <h2>How a feature uses it</h2>
 * <ol>
 *   <li>Register the receiving system once: {@link cn.anxing.outbox.Outbox#registerEndpoint}
 *       with a code such as {@code insurer:PICC}, its URL and an HMAC secret shared with it.</li>
 *   <li>In the same transaction as the business change, call
 *       {@link cn.anxing.outbox.Outbox#enqueue(io.vertx.sqlclient.SqlClient, OutboxMessage)}
 *       with a dedupe key that names the business fact (e.g.
 *       {@code agreement:<id>:insurer:PICC}). If the transaction rolls back, no message exists;
 *       if it commits, the message exists exactly once, whatever is retried.</li>
 *   <li>{@link cn.anxing.outbox.OutboxRelay} delivers it: it claims due rows with
 *       {@code FOR UPDATE SKIP LOCKED} and a lease, POSTs the body with the headers below, records
 *       every attempt in {@code outbox_attempt}, and retries failures with exponential backoff
 *       until {@code OUTBOX_MAX_ATTEMPTS}, after which the row is {@code FAILED} for an operator.
 *       </li>
 * </ol>
 *
 * <h2>What a receiver gets</h2>
 * <pre>
 * POST &lt;endpoint url&gt;
 * Content-Type: application/json; charset=utf-8
 * Idempotency-Key: &lt;dedupe key&gt;        the same on every retry of one message
 * X-Anxing-Topic: &lt;topic&gt;
 * X-Anxing-Signature: sha256=&lt;hex HMAC-SHA256 of the exact body with the endpoint secret&gt;
 * </pre>
 * A 2xx answer marks the message delivered. Delivery is at least once: if the server stops after
 * the receiver answered but before the row was marked, the message is sent again after the
 * restart with the same Idempotency-Key, which receivers use to ignore the repeat.
 */
package cn.anxing.outbox;

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
 *   <li>{@link cn.anxing.outbox.OutboxRelay}, a verticle the application deploys last and
 *       undeploys first, delivers it: it claims due rows with
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
 * restart with the same Idempotency-Key, which receivers use to ignore the repeat. A dedupe key
 * is unique per endpoint: two receivers may each get a message with the same key.
 *
 * <h2>Configuration and what it may not touch</h2>
 * One record, {@link cn.anxing.outbox.OutboxConfig}, read from {@code OUTBOX_POLL_INTERVAL_MS},
 * {@code OUTBOX_BACKOFF_BASE_MS} and {@code OUTBOX_MAX_ATTEMPTS}. A delivery whose result cannot
 * be recorded is logged and counted ({@code anxing.outbox.bookkeeping.failed}). The outbox knows
 * no feature: it owns {@code outbox_endpoint}, {@code outbox_message} and {@code outbox_attempt}
 * and imports nothing of {@code cn.anxing} but itself.
 */
package cn.anxing.outbox;

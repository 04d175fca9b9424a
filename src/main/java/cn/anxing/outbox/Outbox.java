package cn.anxing.outbox;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outbox tables: endpoints, messages and attempts. Features call {@link #enqueue} inside
 * their own transaction; {@link OutboxRelay} calls the claim and mark methods. See
 * {@code package-info.java} for the contract with receivers.
 */
public final class Outbox {

    private static final String UPSERT_ENDPOINT = """
            INSERT INTO outbox_endpoint (code, url, secret, description) VALUES ($1, $2, $3, $4)
            ON CONFLICT (code) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret,
                description = EXCLUDED.description, updated_at = now()""";
    private static final String INSERT_ENDPOINT_IF_ABSENT = """
            INSERT INTO outbox_endpoint (code, url, secret, description) VALUES ($1, $2, $3, $4)
            ON CONFLICT (code) DO NOTHING""";
    private static final String ENQUEUE = """
            INSERT INTO outbox_message (endpoint, topic, dedupe_key, body) VALUES ($1, $2, $3, $4)
            ON CONFLICT (endpoint, dedupe_key) DO NOTHING RETURNING id""";
    /*
     * Claims due rows for one round. SKIP LOCKED lets several relays (or servers) share the table
     * without waiting on each other; the lease keeps a claimed row from being taken again while
     * its HTTP request is in flight, and frees it if this server dies.
     */
    static final String CLAIM = """
            UPDATE outbox_message m SET locked_until = now() + $2 * interval '1 millisecond'
            FROM outbox_endpoint e
            WHERE m.endpoint = e.code AND m.id IN (
                SELECT id FROM outbox_message
                WHERE status = 'PENDING' AND next_attempt_at <= now()
                  AND (locked_until IS NULL OR locked_until < now())
                ORDER BY next_attempt_at, id
                LIMIT $1
                FOR UPDATE SKIP LOCKED)
            RETURNING m.id, m.topic, m.dedupe_key, m.body, m.attempts, e.url, e.secret""";
    private static final String MARK_DELIVERED = """
            UPDATE outbox_message SET status = 'DELIVERED', attempts = attempts + 1,
                delivered_at = now(), locked_until = NULL, last_error = NULL
            WHERE id = $1 AND status = 'PENDING'""";
    private static final String MARK_FAILED_ATTEMPT = """
            UPDATE outbox_message SET attempts = attempts + 1, last_error = $2, locked_until = NULL,
                next_attempt_at = now() + $3 * interval '1 millisecond',
                status = CASE WHEN attempts + 1 >= $4 THEN 'FAILED' ELSE 'PENDING' END
            WHERE id = $1 AND status = 'PENDING'""";
    private static final String RECORD_ATTEMPT = """
            INSERT INTO outbox_attempt (message_id, http_status, error, duration_ms)
            VALUES ($1, $2, $3, $4)""";
    private static final String BY_KEY = """
            SELECT id, endpoint, topic, dedupe_key, status, attempts, last_error, created_at,
                delivered_at FROM outbox_message WHERE dedupe_key = $1 ORDER BY id LIMIT 1""";
    private static final String BY_KEY_PREFIX = """
            SELECT id, endpoint, topic, dedupe_key, status, attempts, last_error, created_at,
                delivered_at FROM outbox_message WHERE dedupe_key LIKE $1 || '%' ORDER BY id""";
    private static final String ATTEMPTS = """
            SELECT attempted_at, http_status, error, duration_ms FROM outbox_attempt
            WHERE message_id = $1 ORDER BY id""";
    private static final String ENDPOINT_SECRET =
            "SELECT secret FROM outbox_endpoint WHERE code = $1";
    private static final String COUNT_BY_STATUS =
            "SELECT status, count(*) FROM outbox_message GROUP BY status";

    /** A message as stored, for status pages and tests. */
    public record StoredMessage(long id, String endpoint, String topic, String dedupeKey,
            String status, int attempts, String lastError, Instant createdAt,
            Instant deliveredAt) {
    }

    /** One recorded attempt: the HTTP status (null when no answer came) or the error. */
    public record Attempt(Instant at, Integer httpStatus, String error, int durationMs) {
    }

    /** A claimed message with where and how to send it. */
    record Claimed(long id, String topic, String dedupeKey, String body, int attempts, String url,
            String secret) {
    }

    private final Pool pool;

    public Outbox(Pool pool) {
        this.pool = pool;
    }

    /** Creates or updates a receiving system; the URL and secret apply to waiting messages. */
    public Future<Void> registerEndpoint(SqlClient client, String code, String url, String secret,
            String description) {
        return client.preparedQuery(UPSERT_ENDPOINT)
                .execute(Tuple.of(code, url, secret, description)).mapEmpty();
    }

    /** Registers an endpoint unless one with the code exists (for demo seeds). */
    public Future<Void> registerEndpointIfAbsent(String code, String url, String secret,
            String description) {
        return pool.preparedQuery(INSERT_ENDPOINT_IF_ABSENT)
                .execute(Tuple.of(code, url, secret, description)).mapEmpty();
    }

    /** The endpoint's secret, for a receiver in this same server (the demo's insurer inbox). */
    public Future<Optional<String>> secretOf(String code) {
        return pool.preparedQuery(ENDPOINT_SECRET).execute(Tuple.of(code)).map(rows -> {
            var it = rows.iterator();
            return it.hasNext() ? Optional.of(it.next().getString(0)) : Optional.empty();
        });
    }

    /**
     * Adds a message in the caller's transaction ({@code tx} is the connection of
     * {@code pool.withTransaction}). True if it was added, false if a message to the same endpoint
     * with the same dedupe key exists already, which is how "never enqueued twice" holds under
     * retries and races.
     */
    public Future<Boolean> enqueue(SqlClient tx, OutboxMessage message) {
        return tx.preparedQuery(ENQUEUE)
                .execute(Tuple.of(message.endpoint(), message.topic(), message.dedupeKey(),
                        message.body().encode()))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The first message stored with this dedupe key (keys are unique per endpoint). */
    public Future<Optional<StoredMessage>> find(String dedupeKey) {
        return pool.preparedQuery(BY_KEY).execute(Tuple.of(dedupeKey)).map(rows -> {
            var it = rows.iterator();
            return it.hasNext() ? Optional.of(stored(it.next())) : Optional.empty();
        });
    }

    /** Messages whose dedupe key starts with {@code prefix}, e.g. every one of an agreement. */
    public Future<List<StoredMessage>> findByKeyPrefix(String prefix) {
        return pool.preparedQuery(BY_KEY_PREFIX).execute(Tuple.of(prefix)).map(rows -> {
            List<StoredMessage> list = new ArrayList<>();
            rows.forEach(r -> list.add(stored(r)));
            return list;
        });
    }

    public Future<List<Attempt>> attempts(long messageId) {
        return pool.preparedQuery(ATTEMPTS).execute(Tuple.of(messageId)).map(rows -> {
            List<Attempt> list = new ArrayList<>();
            rows.forEach(r -> list.add(new Attempt(instant(r, "attempted_at"),
                    r.getInteger("http_status"), r.getString("error"),
                    r.getInteger("duration_ms"))));
            return list;
        });
    }

    /** How many messages are PENDING, DELIVERED and FAILED, for /metrics. */
    public Future<java.util.Map<String, Long>> countByStatus() {
        return pool.query(COUNT_BY_STATUS).execute().map(rows -> {
            java.util.Map<String, Long> counts = new java.util.TreeMap<>();
            rows.forEach(r -> counts.put(r.getString(0), r.getLong(1)));
            return counts;
        });
    }

    Future<List<Claimed>> claim(int limit, long leaseMillis) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(limit, leaseMillis)).map(rows -> {
            List<Claimed> list = new ArrayList<>();
            rows.forEach(r -> list.add(new Claimed(r.getLong("id"), r.getString("topic"),
                    r.getString("dedupe_key"), r.getString("body"), r.getInteger("attempts"),
                    r.getString("url"), r.getString("secret"))));
            return list;
        });
    }

    Future<Void> delivered(long id, int httpStatus, int durationMs) {
        return pool.withTransaction(tx -> tx.preparedQuery(RECORD_ATTEMPT)
                .execute(Tuple.of(id, httpStatus, null, durationMs))
                .compose(x -> tx.preparedQuery(MARK_DELIVERED).execute(Tuple.of(id)))
                .mapEmpty());
    }

    Future<Void> failed(long id, Integer httpStatus, String error, int durationMs,
            long retryInMillis, int maxAttempts) {
        return pool.withTransaction(tx -> tx.preparedQuery(RECORD_ATTEMPT)
                .execute(Tuple.of(id, httpStatus, error, durationMs))
                .compose(x -> tx.preparedQuery(MARK_FAILED_ATTEMPT)
                        .execute(Tuple.of(id, error, retryInMillis, maxAttempts)))
                .mapEmpty());
    }

    private static StoredMessage stored(Row r) {
        return new StoredMessage(r.getLong("id"), r.getString("endpoint"), r.getString("topic"),
                r.getString("dedupe_key"), r.getString("status"), r.getInteger("attempts"),
                r.getString("last_error"), instant(r, "created_at"), instant(r, "delivered_at"));
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }
}

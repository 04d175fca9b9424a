package cn.anxing.insight;

import cn.anxing.insight.InsightRepository.CaseToSnap;
import cn.anxing.insight.InsightRepository.Segment;
import cn.anxing.insight.InsightRepository.Snapped;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One instance's turn at snapping: a session lock on one pooled connection, held while it looks
 * for unsnapped cases and stores their segments, released with {@link #release} (or with the
 * connection, if the instance dies). Several instances on one database would otherwise each snap
 * the same new cases every tick and wait on each other's uncommitted rows to insert them.
 *
 * <p>A session lock, not a transaction's: the graph lookups between the read and the write run
 * on a worker that a plan's matrix may hold for a while, and no transaction stays open meanwhile.
 */
public final class SnapClaim {

    // two keys: apart from the one-key locks taken on phone numbers (AccountService)
    private static final String TRY_LOCK =
            "SELECT pg_try_advisory_lock(hashtext('anxing'), hashtext('insight.snap'))";
    private static final String UNLOCK =
            "SELECT pg_advisory_unlock(hashtext('anxing'), hashtext('insight.snap'))";
    /* Cases without a segment row. */
    private static final String UNSNAPPED = """
            SELECT c.id, c.lat, c.lon, c.occurred_at FROM accident_case c
            WHERE NOT EXISTS (SELECT 1 FROM insight_case_segment s WHERE s.case_id = c.id)
            ORDER BY c.reported_at LIMIT $1""";
    /*
     * The open cases reported since $1 without a segment row: what a hotspot answer snaps first.
     * A new report is open, and the accident feature's partial index on open cases' report time
     * keeps this a short range scan however many cases there are; a case closed before it was
     * snapped is left to the timer.
     */
    private static final String UNSNAPPED_RECENT = """
            SELECT c.id, c.lat, c.lon, c.occurred_at FROM accident_case c
            WHERE c.state <> 'CLOSED' AND c.reported_at >= $1
              AND NOT EXISTS (SELECT 1 FROM insight_case_segment s WHERE s.case_id = c.id)
            ORDER BY c.reported_at LIMIT $2""";
    /*
     * A batch's segments (each edge once) and its cases in one statement, so one round trip and
     * all or nothing; the segments first, in the CTE, for the cases' foreign key. A row already
     * there (the batch raced an earlier claim's) is left as it is.
     */
    private static final String SAVE = """
            WITH segment AS (
                INSERT INTO insight_segment (edge_id, way_id, road_name, road_class, geometry)
                SELECT e, w, n, c, g::jsonb
                FROM unnest($1::int[], $2::bigint[], $3::text[], $4::text[], $5::text[])
                    AS s(e, w, n, c, g)
                ON CONFLICT (edge_id) DO NOTHING)
            INSERT INTO insight_case_segment (case_id, edge_id, occurred_at, local_minute)
            SELECT * FROM unnest($6::uuid[], $7::int[], $8::timestamptz[], $9::smallint[])
            ON CONFLICT (case_id) DO NOTHING""";

    private final SqlConnection connection;

    private SnapClaim(SqlConnection connection) {
        this.connection = connection;
    }

    /** The claim, or none (the connection given back) while another instance holds it. */
    static Future<Optional<SnapClaim>> claim(Pool pool) {
        return pool.getConnection().compose(connection -> connection.query(TRY_LOCK).execute()
                .transform(locked -> {
                    if (locked.succeeded() && locked.result().iterator().next().getBoolean(0)) {
                        return Future.succeededFuture(Optional.of(new SnapClaim(connection)));
                    }
                    Future<Optional<SnapClaim>> none = locked.succeeded()
                            ? Future.succeededFuture(Optional.empty())
                            : Future.failedFuture(locked.cause());
                    return connection.close().transform(x -> none);
                }));
    }

    /**
     * Up to {@code limit} cases with no segment, oldest report first: all of them, or with
     * {@code since} the open ones reported since then.
     */
    public Future<List<CaseToSnap>> unsnapped(Instant since, int limit) {
        var query = since == null ? connection.preparedQuery(UNSNAPPED).execute(Tuple.of(limit))
                : connection.preparedQuery(UNSNAPPED_RECENT).execute(
                        Tuple.of(InsightRepository.utc(since), limit));
        return query.map(rows -> InsightRepository.list(rows, r -> new CaseToSnap(
                r.getUUID("id"), r.getDouble("lat"), r.getDouble("lon"),
                InsightRepository.instant(r, "occurred_at"))));
    }

    public Future<Void> save(List<Snapped> snapped) {
        if (snapped.isEmpty()) {
            return Future.succeededFuture();
        }
        Map<Integer, Segment> segments = new LinkedHashMap<>();
        int n = snapped.size();
        UUID[] cases = new UUID[n];
        Integer[] edges = new Integer[n];
        OffsetDateTime[] occurred = new OffsetDateTime[n];
        Short[] minutes = new Short[n];
        for (int i = 0; i < n; i++) {
            Snapped s = snapped.get(i);
            s.segment().ifPresent(g -> segments.putIfAbsent(g.edgeId(), g));
            cases[i] = s.caseId();
            edges[i] = s.segment().map(Segment::edgeId).orElse(null);
            occurred[i] = InsightRepository.utc(s.occurredAt());
            minutes[i] = (short) s.localMinute();
        }
        List<Segment> distinct = List.copyOf(segments.values());
        return connection.preparedQuery(SAVE).execute(Tuple.from(List.of(
            distinct.stream().map(Segment::edgeId).toArray(Integer[]::new),
            distinct.stream().map(Segment::wayId).toArray(Long[]::new),
            distinct.stream().map(Segment::roadName).toArray(String[]::new),
            distinct.stream().map(Segment::roadClass).toArray(String[]::new),
            distinct.stream().map(g -> g.coordinates().encode()).toArray(String[]::new),
            cases, edges, occurred, minutes))).mapEmpty();
    }

    /** Gives the turn to the next instance and the connection back to the pool. */
    public Future<Void> release() {
        return connection.query(UNLOCK).execute().<Void>mapEmpty()
                .eventually(connection::close);
    }
}

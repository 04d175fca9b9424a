package cn.anxing.insight;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The insight read model's own SQL: the snapped segments (V50 tables, the only ones it
 * writes) and the traffic map's queries. The dashboard's and metrics' counts are in
 * {@link DashboardRepository}. The accident, payment and bus tables are read, never written
 * (see package-info).
 */
public final class InsightRepository {

    // ------------------------------------------------------------ snapping (own tables)

    private static final String GRAPH_FINGERPRINT =
            "SELECT fingerprint FROM insight_graph WHERE id";
    private static final String FORGET_CASE_SEGMENTS = "DELETE FROM insight_case_segment";
    private static final String FORGET_SEGMENTS = "DELETE FROM insight_segment";
    private static final String SET_GRAPH = """
            INSERT INTO insight_graph (id, fingerprint) VALUES (true, $1)
            ON CONFLICT (id) DO UPDATE SET fingerprint = EXCLUDED.fingerprint""";
    // ------------------------------------------------------------ the map

    /*
     * Counts per segment in the period ($1..$2) and the previous one ($3..$4) in the band
     * ($5..$6 minutes of the local day; 0..1440 the whole day, from after to wraps past
     * midnight); the busiest $7 segments of the period.
     */
    static final String HOTSPOTS = """
            WITH cur AS (
                SELECT edge_id, count(*) AS n FROM insight_case_segment
                WHERE occurred_at >= $1 AND occurred_at < $2 AND edge_id IS NOT NULL
                  AND (($5::int = 0 AND $6::int = 1440)
                      OR ($5::int < $6::int AND local_minute >= $5 AND local_minute < $6)
                      OR ($5::int > $6::int AND (local_minute >= $5 OR local_minute < $6)))
                GROUP BY edge_id),
            prev AS (
                SELECT edge_id, count(*) AS n FROM insight_case_segment
                WHERE occurred_at >= $3 AND occurred_at < $4 AND edge_id IS NOT NULL
                  AND (($5::int = 0 AND $6::int = 1440)
                      OR ($5::int < $6::int AND local_minute >= $5 AND local_minute < $6)
                      OR ($5::int > $6::int AND (local_minute >= $5 OR local_minute < $6)))
                GROUP BY edge_id)
            SELECT s.edge_id, s.way_id, s.road_name, s.road_class, s.geometry,
                cur.n AS count, coalesce(prev.n, 0) AS previous_count
            FROM cur JOIN insight_segment s ON s.edge_id = cur.edge_id
            LEFT JOIN prev ON prev.edge_id = cur.edge_id
            ORDER BY cur.n DESC, previous_count DESC, s.edge_id LIMIT $7""";
    private static final String TOTALS = """
            SELECT count(*) FILTER (WHERE occurred_at >= $1 AND edge_id IS NOT NULL) AS total,
                count(*) FILTER (WHERE occurred_at < $1 AND edge_id IS NOT NULL) AS previous_total,
                count(*) FILTER (WHERE occurred_at >= $1 AND edge_id IS NULL) AS off_road
            FROM insight_case_segment
            WHERE occurred_at >= $2 AND occurred_at < $3
              AND (($4::int = 0 AND $5::int = 1440)
                      OR ($4::int < $5::int AND local_minute >= $4 AND local_minute < $5)
                      OR ($4::int > $5::int AND (local_minute >= $4 OR local_minute < $5)))""";
    private static final String SEGMENT = """
            SELECT edge_id, way_id, road_name, road_class, geometry FROM insight_segment
            WHERE edge_id = $1""";
    private static final String SEGMENT_CASES = """
            SELECT c.id, c.case_no, c.occurred_at, c.state FROM insight_case_segment s
            JOIN accident_case c ON c.id = s.case_id
            WHERE s.edge_id = $1 AND s.occurred_at >= $2 AND s.occurred_at < $3
              AND (($4::int = 0 AND $5::int = 1440)
                      OR ($4::int < $5::int AND s.local_minute >= $4 AND s.local_minute < $5)
                      OR ($4::int > $5::int AND (s.local_minute >= $4 OR s.local_minute < $5)))
            ORDER BY s.occurred_at DESC, c.case_no LIMIT $6""";
    private static final String OPEN_CASES = """
            SELECT id, case_no, lat, lon, state, reported_at FROM accident_case
            WHERE state <> 'CLOSED' ORDER BY reported_at DESC LIMIT $1""";
    private static final String DUPLICATE_CASES = """
            SELECT c.id, c.case_no, c.lat, c.lon, count(*) AS offered,
                count(o.accepted_at) AS joined
            FROM accident_duplicate_offer o JOIN accident_case c ON c.id = o.case_id
            WHERE o.offered_at >= $1 AND o.offered_at < $2
            GROUP BY c.id, c.case_no, c.lat, c.lon ORDER BY joined DESC, offered DESC LIMIT $3""";
    /* Every school with the stops and evening and morning lines of its latest plan, if any. */
    private static final String SCHOOLS_WITH_LATEST_PLAN = """
            SELECT s.id, s.name, s.lat, s.lon, p.id AS plan_id, p.created_at AS plan_at,
                p.plan -> 'summary' AS summary, p.plan -> 'stops' AS stops,
                p.plan -> 'evening' -> 'lines' AS evening, p.plan -> 'morning' -> 'lines' AS morning
            FROM bus_school s
            LEFT JOIN LATERAL (SELECT id, created_at, plan FROM bus_plan
                WHERE school_id = s.id ORDER BY created_at DESC LIMIT 1) p ON true
            ORDER BY s.name, s.id""";

    private final Pool pool;

    public InsightRepository(Pool pool) {
        this.pool = pool;
    }

    // ------------------------------------------------------------ snapping

    /** A case to snap: its id, reported point and time of the accident. */
    public record CaseToSnap(UUID id, double lat, double lon, Instant occurredAt) {
    }

    /**
     * A case snapped: the segment it lies on, or none when no road is near, and the minute of
     * the local day it happened at.
     */
    public record Snapped(UUID caseId, Instant occurredAt, int localMinute,
                          Optional<Segment> segment) {
    }

    /** A stored segment: edge id, OSM way, name, class and GeoJSON coordinates. */
    public record Segment(int edgeId, long wayId, String roadName, String roadClass,
                          JsonArray coordinates) {
    }

    public Future<Optional<String>> graphFingerprint() {
        return pool.query(GRAPH_FINGERPRINT).execute().map(rows -> rows.size() == 0
                ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
    }

    /** Forgets every snap: they belong to another graph. */
    public Future<Void> startGraph(String fingerprint) {
        return pool.withTransaction(tx -> tx.query(FORGET_CASE_SEGMENTS).execute()
                .compose(x -> tx.query(FORGET_SEGMENTS).execute())
                .compose(x -> tx.preparedQuery(SET_GRAPH).execute(Tuple.of(fingerprint))))
                .mapEmpty();
    }

    /**
     * The snapping claim, or none while another instance holds it: one instance snaps at a time,
     * so no two snap the same cases and race to insert their rows.
     */
    public Future<Optional<SnapClaim>> claimSnapping() {
        return SnapClaim.claim(pool);
    }

    // ------------------------------------------------------------ the map

    /** One segment of the ranking: counts in the period and the previous one. */
    public record SegmentCount(Segment segment, long count, long previousCount) {
    }

    /** Cases on a road and off it in a period, and on a road in the previous period. */
    public record Totals(long total, long previousTotal, long offRoad) {
    }

    public Future<List<SegmentCount>> hotspots(Window window, int limit) {
        return pool.preparedQuery(HOTSPOTS).execute(Tuple.from(List.of(utc(window.start()),
                utc(window.end()), utc(window.previousStart()), utc(window.start()),
                window.band().fromMinute(), window.band().toMinute(), limit)))
                .map(rows -> list(rows, r -> new SegmentCount(segment(r),
                        r.getLong("count"), r.getLong("previous_count"))));
    }

    public Future<Totals> totals(Window window) {
        return pool.preparedQuery(TOTALS).execute(Tuple.from(List.of(utc(window.start()),
                utc(window.previousStart()), utc(window.end()), window.band().fromMinute(),
                window.band().toMinute()))).map(rows -> {
                    Row r = rows.iterator().next();
                    return new Totals(r.getLong("total"), r.getLong("previous_total"),
                            r.getLong("off_road"));
                });
    }

    public Future<Optional<Segment>> segment(int edgeId) {
        return pool.preparedQuery(SEGMENT).execute(Tuple.of(edgeId)).map(rows ->
                rows.size() == 0 ? Optional.empty()
                        : Optional.of(segment(rows.iterator().next())));
    }

    /** A case on a segment: id, number, time of the accident, state code. */
    public record CaseOnSegment(UUID id, String caseNo, Instant occurredAt, String state) {
    }

    public Future<List<CaseOnSegment>> segmentCases(int edgeId, Window window, int limit) {
        return pool.preparedQuery(SEGMENT_CASES).execute(Tuple.from(List.of(edgeId,
                utc(window.start()), utc(window.end()), window.band().fromMinute(),
                window.band().toMinute(), limit))).map(rows ->
                list(rows, r -> new CaseOnSegment(r.getUUID("id"), r.getString("case_no"),
                        instant(r, "occurred_at"), r.getString("state"))));
    }

    /** A case on the map: where it was reported and its state now. */
    public record CasePoint(UUID id, String caseNo, double lat, double lon, String state,
                            Instant reportedAt, long offered, long joined) {
    }

    public Future<List<CasePoint>> openCases(int limit) {
        return pool.preparedQuery(OPEN_CASES).execute(Tuple.of(limit)).map(rows -> list(rows,
                r -> new CasePoint(r.getUUID("id"), r.getString("case_no"), r.getDouble("lat"),
                        r.getDouble("lon"), r.getString("state"), instant(r, "reported_at"),
                        0, 0)));
    }

    public Future<List<CasePoint>> duplicateCases(Instant from, Instant to, int limit) {
        return pool.preparedQuery(DUPLICATE_CASES).execute(Tuple.of(utc(from), utc(to), limit))
                .map(rows -> list(rows, r -> new CasePoint(r.getUUID("id"), r.getString("case_no"),
                        r.getDouble("lat"), r.getDouble("lon"), null, null, r.getLong("offered"),
                        r.getLong("joined"))));
    }

    /** A school and, if it has one, its latest plan's summary, stops and lines (JSON). */
    public record SchoolPlan(UUID schoolId, String name, double lat, double lon, UUID planId,
                             Instant planAt, JsonObject summary, JsonArray stops,
                             JsonArray evening, JsonArray morning) {
    }

    public Future<List<SchoolPlan>> schoolsWithLatestPlan() {
        return pool.query(SCHOOLS_WITH_LATEST_PLAN).execute().map(rows -> list(rows, r ->
                new SchoolPlan(r.getUUID("id"), r.getString("name"), r.getDouble("lat"),
                        r.getDouble("lon"), r.getUUID("plan_id"), instant(r, "plan_at"),
                        (JsonObject) r.getValue("summary"), (JsonArray) r.getValue("stops"),
                        (JsonArray) r.getValue("evening"), (JsonArray) r.getValue("morning"))));
    }

    // ------------------------------------------------------------ helpers

    private static Segment segment(Row r) {
        return new Segment(r.getInteger("edge_id"), r.getLong("way_id"), r.getString("road_name"),
                r.getString("road_class"), (JsonArray) r.getValue("geometry"));
    }

    static <T> List<T> list(RowSet<Row> rows, Function<Row, T> map) {
        List<T> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(map.apply(row));
        }
        return out;
    }

    static Instant instant(Row r, String column) {
        OffsetDateTime at = r.getOffsetDateTime(column);
        return at == null ? null : at.toInstant();
    }

    static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}

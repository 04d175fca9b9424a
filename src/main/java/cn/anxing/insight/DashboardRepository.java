package cn.anxing.insight;

import static cn.anxing.insight.InsightRepository.instant;
import static cn.anxing.insight.InsightRepository.list;
import static cn.anxing.insight.InsightRepository.utc;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * The dashboard's and the metrics' SQL (看板与指标): counts and durations read from the
 * accident, payment and bus tables, never written (see package-info). Apart from
 * {@link InsightRepository}, which keeps the insight tables and the map's queries, because
 * these read other features' tables by period and share nothing with the segments.
 */
public final class DashboardRepository {

    // ------------------------------------------------------------ the dashboard

    private static final String CASES_PER_DAY = """
            SELECT (reported_at AT TIME ZONE $3)::date AS day, count(*) AS n FROM accident_case
            WHERE reported_at >= $1 AND reported_at < $2 GROUP BY day ORDER BY day""";
    /*
     * For the cases reported in the period: how many reached an agreement online (AGREED never
     * follows POLICE_REVIEW, so those are settled without the police), how many went to the
     * police, and the durations from report to agreement and from review to decision.
     */
    private static final String OUTCOMES = """
            WITH c AS (
                SELECT c.id, c.reported_at,
                    (SELECT min(t.at) FROM accident_transition t
                        WHERE t.case_id = c.id AND t.to_state = 'AGREED') AS agreed_at,
                    (SELECT min(t.at) FROM accident_transition t
                        WHERE t.case_id = c.id AND t.to_state = 'POLICE_REVIEW') AS review_at,
                    (SELECT min(t.at) FROM accident_transition t
                        WHERE t.case_id = c.id AND t.to_state = 'DECIDED') AS decided_at
                FROM accident_case c WHERE c.reported_at >= $1 AND c.reported_at < $2),
            d AS (
                SELECT *, extract(epoch FROM agreed_at - reported_at)::float8 AS to_agreement,
                    extract(epoch FROM decided_at - review_at)::float8 AS to_decision FROM c)
            SELECT count(*) AS reported,
                count(agreed_at) AS agreed,
                count(review_at) AS police,
                count(to_agreement) AS agreement_n,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY to_agreement) AS agreement_p50,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY to_agreement) AS agreement_p90,
                count(to_decision) AS decision_n,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY to_decision) AS decision_p50,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY to_decision) AS decision_p90
            FROM d""";
    private static final String DUPLICATES = """
            SELECT count(*) FILTER (WHERE offered_at >= $1 AND offered_at < $2) AS offered,
                count(*) FILTER (WHERE accepted_at >= $1 AND accepted_at < $2) AS avoided
            FROM accident_duplicate_offer""";
    /* Cases in the police queue now, since they entered it (the last entry, if several). */
    private static final String REVIEW_WAITING = """
            SELECT c.id, c.case_no, coalesce((SELECT max(t.at) FROM accident_transition t
                    WHERE t.case_id = c.id AND t.to_state = 'POLICE_REVIEW'), c.updated_at)
                AS since
            FROM accident_case c WHERE c.state = 'POLICE_REVIEW' ORDER BY since, c.case_no""";
    /* Advances approved in the period per payer, a reversed advance not counted. */
    private static final String ADVANCES = """
            SELECT p.id, p.name, p.kind,
                count(a.id) FILTER (WHERE r.id IS NULL) AS advances,
                coalesce(sum(a.amount_fen) FILTER (WHERE r.id IS NULL), 0) AS advanced_fen,
                (SELECT count(*) FROM ledger_posting d WHERE d.payer_id = p.id
                    AND d.kind = 'DISBURSED' AND d.posted_at >= $1 AND d.posted_at < $2)
                    AS disbursements,
                (SELECT coalesce(sum(d.amount_fen), 0) FROM ledger_posting d
                    WHERE d.payer_id = p.id AND d.kind = 'DISBURSED' AND d.posted_at >= $1
                    AND d.posted_at < $2) AS disbursed_fen
            FROM payment_payer p
            LEFT JOIN ledger_posting a ON a.payer_id = p.id AND a.kind = 'ADVANCE_APPROVED'
                AND a.posted_at >= $1 AND a.posted_at < $2
            LEFT JOIN ledger_posting r ON r.reversal_of = a.id
            GROUP BY p.id, p.name, p.kind ORDER BY p.kind DESC, p.name""";
    /* The same tests as the payment feature's /overdue: police notices and fund reviews due. */
    private static final String OVERDUE = """
            SELECT (SELECT count(*) FROM advance_application
                    WHERE state = 'APPLIED' AND notice_due_at <= $1) AS notices,
                (SELECT count(*) FROM bill b
                    JOIN advance_application a ON a.id = b.application_id
                    JOIN application_payer ap ON ap.application_id = b.application_id
                    JOIN payment_payer p ON p.id = ap.payer_id AND p.kind = 'ASSISTANCE_FUND'
                    WHERE b.review_due_at <= $1
                      AND a.state NOT IN ('REJECTED', 'WITHDRAWN', 'CLOSED')
                      AND NOT EXISTS (SELECT 1 FROM payment_instruction i
                          WHERE i.bill_id = b.id AND i.payer_id = ap.payer_id)) AS reviews""";

    // ------------------------------------------------------------ metrics

    private static final String CASES_BY_STATE =
            "SELECT state, count(*) AS n FROM accident_case GROUP BY state";
    private static final String CASES_EVER = "SELECT count(*) AS n FROM accident_case";
    private static final String POSTINGS = """
            SELECT payer_id, kind, count(*) AS n, sum(amount_fen) AS fen FROM ledger_posting
            GROUP BY payer_id, kind""";
    private static final String FINISHED_JOBS = """
            SELECT id, status, matrix_ms, solve_ms, paths_ms,
                extract(epoch FROM finished_at - coalesce(started_at, created_at)) AS seconds,
                finished_at
            FROM bus_plan_job WHERE finished_at IS NOT NULL AND status IN ('done', 'failed')
              AND finished_at > $1 ORDER BY finished_at LIMIT 1000""";

    private final Pool pool;

    public DashboardRepository(Pool pool) {
        this.pool = pool;
    }

    // ------------------------------------------------------------ the dashboard

    public record DayCount(LocalDate day, long count) {
    }

    public Future<List<DayCount>> casesPerDay(Instant from, Instant to, ZoneId zone) {
        return pool.preparedQuery(CASES_PER_DAY).execute(Tuple.of(utc(from), utc(to),
                zone.getId())).map(rows -> list(rows, r -> new DayCount(r.getLocalDate("day"),
                        r.getLong("n"))));
    }

    /** Median and 90th percentile of a duration in seconds over {@code count} cases. */
    public record Durations(long count, Double medianSeconds, Double p90Seconds) {
    }

    public record Outcomes(long reported, long agreed, long police, Durations toAgreement,
                           Durations toDecision) {
    }

    public Future<Outcomes> outcomes(Instant from, Instant to) {
        return pool.preparedQuery(OUTCOMES).execute(Tuple.of(utc(from), utc(to))).map(rows -> {
            Row r = rows.iterator().next();
            return new Outcomes(r.getLong("reported"), r.getLong("agreed"), r.getLong("police"),
                    new Durations(r.getLong("agreement_n"), r.getDouble("agreement_p50"),
                            r.getDouble("agreement_p90")),
                    new Durations(r.getLong("decision_n"), r.getDouble("decision_p50"),
                            r.getDouble("decision_p90")));
        });
    }

    public record DuplicateCounts(long offered, long avoided) {
    }

    public Future<DuplicateCounts> duplicates(Instant from, Instant to) {
        return pool.preparedQuery(DUPLICATES).execute(Tuple.of(utc(from), utc(to))).map(rows -> {
            Row r = rows.iterator().next();
            return new DuplicateCounts(r.getLong("offered"), r.getLong("avoided"));
        });
    }

    public record Waiting(UUID caseId, String caseNo, Instant since) {
    }

    public Future<List<Waiting>> reviewWaiting() {
        return pool.query(REVIEW_WAITING).execute().map(rows -> list(rows, r ->
                new Waiting(r.getUUID("id"), r.getString("case_no"), instant(r, "since"))));
    }

    public record PayerAdvances(String payerId, String name, String kind, long advances,
                                long advancedFen, long disbursements, long disbursedFen) {
    }

    public Future<List<PayerAdvances>> advances(Instant from, Instant to) {
        return pool.preparedQuery(ADVANCES).execute(Tuple.of(utc(from), utc(to))).map(rows ->
                list(rows, r -> new PayerAdvances(r.getString("id"), r.getString("name"),
                        r.getString("kind"), r.getLong("advances"), r.getLong("advanced_fen"),
                        r.getLong("disbursements"), r.getLong("disbursed_fen"))));
    }

    public record Overdue(long notices, long reviews) {
    }

    public Future<Overdue> overdue(Instant now) {
        return pool.preparedQuery(OVERDUE).execute(Tuple.of(utc(now))).map(rows -> {
            Row r = rows.iterator().next();
            return new Overdue(r.getLong("notices"), r.getLong("reviews"));
        });
    }

    // ------------------------------------------------------------ metrics

    public record StateCount(String state, long count) {
    }

    public Future<List<StateCount>> casesByState() {
        return pool.query(CASES_BY_STATE).execute().map(rows -> list(rows,
                r -> new StateCount(r.getString("state"), r.getLong("n"))));
    }

    public Future<Long> casesEver() {
        return pool.query(CASES_EVER).execute().map(rows -> rows.iterator().next().getLong("n"));
    }

    public record PostingTotal(String payerId, String kind, long count, long fen) {
    }

    public Future<List<PostingTotal>> postings() {
        return pool.query(POSTINGS).execute().map(rows -> list(rows, r -> new PostingTotal(
                r.getString("payer_id"), r.getString("kind"), r.getLong("n"), r.getLong("fen"))));
    }

    /** A planning job that finished: its phases' and whole wall-clock durations. */
    public record FinishedJob(UUID id, String status, Long matrixMs, Long solveMs, Long pathsMs,
                              double seconds, Instant finishedAt) {
    }

    public Future<List<FinishedJob>> jobsFinishedAfter(Instant after) {
        return pool.preparedQuery(FINISHED_JOBS).execute(Tuple.of(utc(after))).map(rows ->
                list(rows, r -> new FinishedJob(r.getUUID("id"), r.getString("status"),
                        r.getLong("matrix_ms"), r.getLong("solve_ms"), r.getLong("paths_ms"),
                        r.getNumeric("seconds") == null ? 0
                                : r.getNumeric("seconds").doubleValue(),
                        instant(r, "finished_at"))));
    }
}

package cn.anxing.accident;

import cn.anxing.accident.cases.PlateNumber;
import cn.anxing.routing.LatLon;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Repeated reports (重复报警) in PostgreSQL: the open cases a new report may repeat, the offers
 * made to reporters and which of them joined the offered case instead of opening another.
 */
public final class DuplicateOffers {

    /* only cases sharing a plate can be repeats, so the database filters on that first */
    private static final String OPEN_CASES_SINCE = """
            SELECT id, reported_at, lat, lon, plates FROM accident_case
            WHERE state <> 'CLOSED' AND reported_at >= $1 AND plates && $2""";
    private static final String OFFER = """
            INSERT INTO accident_duplicate_offer (case_id, account_id) VALUES ($1, $2)
            ON CONFLICT (case_id, account_id) DO NOTHING""";
    private static final String ACCEPT_OFFER = """
            UPDATE accident_duplicate_offer SET accepted_at = now()
            WHERE case_id = $1 AND account_id = $2 AND accepted_at IS NULL""";
    private static final String HAS_OFFER =
            "SELECT 1 FROM accident_duplicate_offer WHERE case_id = $1 AND account_id = $2";
    private static final String DUPLICATE_COUNTS = """
            SELECT count(*) AS offered, count(accepted_at) AS avoided FROM accident_duplicate_offer""";

    /** An open case for the repeated-report rule. */
    public record OpenCaseRow(UUID id, Instant reportedAt, LatLon position,
            List<PlateNumber> plates) {
    }

    private final Pool pool;

    public DuplicateOffers(Pool pool) {
        this.pool = pool;
    }

    /** Open cases reported since {@code since} that share one of {@code plates}. */
    public Future<List<OpenCaseRow>> openCasesSince(Instant since, List<PlateNumber> plates) {
        return pool.preparedQuery(OPEN_CASES_SINCE)
                .execute(Tuple.tuple().addOffsetDateTime(AccidentRepository.utc(since))
                        .addArrayOfString(AccidentRepository.plateValues(plates)))
                .map(rows -> {
                    List<OpenCaseRow> open = new ArrayList<>();
                    rows.forEach(r -> open.add(new OpenCaseRow(r.getUUID("id"),
                            AccidentRepository.instant(r, "reported_at"),
                            new LatLon(r.getDouble("lat"), r.getDouble("lon")),
                            AccidentRepository.plates(r))));
                    return open;
                });
    }

    public Future<Void> offer(UUID caseId, UUID accountId) {
        return pool.preparedQuery(OFFER).execute(Tuple.of(caseId, accountId)).mapEmpty();
    }

    public Future<Boolean> hasOffer(SqlClient client, UUID caseId, UUID accountId) {
        return client.preparedQuery(HAS_OFFER).execute(Tuple.of(caseId, accountId))
                .map(rows -> rows.iterator().hasNext());
    }

    /** Marks the offer taken; true if this is the first time (one repeated report avoided). */
    public Future<Boolean> acceptOffer(SqlClient tx, UUID caseId, UUID accountId) {
        return tx.preparedQuery(ACCEPT_OFFER).execute(Tuple.of(caseId, accountId))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Repeated reports offered an open case, and those that joined it, over all time. */
    public record DuplicateCounts(long offered, long avoided) {
    }

    public Future<DuplicateCounts> duplicateCounts() {
        return pool.query(DUPLICATE_COUNTS).execute().map(rows -> {
            Row r = rows.iterator().next();
            return new DuplicateCounts(r.getLong("offered"), r.getLong("avoided"));
        });
    }
}

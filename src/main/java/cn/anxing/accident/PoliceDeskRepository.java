package cn.anxing.accident;

import cn.anxing.accident.cases.PlateNumber;
import cn.anxing.accident.police.SendBack;
import cn.anxing.audit.AuditLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The police desk's tables: claims ({@code police_claim}), officer actions in the append-only
 * {@code audit_log} (V70, through {@link AuditLog}), send-back requests and review marks on {@code accident_case},
 * determinations ({@code accident_determination}) and the photo fingerprints the reuse signal
 * compares.
 */
final class PoliceDeskRepository {

    /** Who holds a case, until when. */
    record Claim(UUID caseId, UUID officerId, String officerName, Instant claimedAt,
            Instant expiresAt) {
    }

    /** An officer's name and the unit they act for (its id null for an admin without one). */
    record Officer(UUID id, String name, String unit, UUID unitId) {
    }

    /** One audit row. */
    record AuditRow(long id, Instant at, UUID officerId, String officerName, String action,
            UUID caseId, String caseNo, String detail, JsonObject before, JsonObject after) {
    }

    /** A stored determination. */
    record StoredDetermination(UUID id, UUID caseId, String code, JsonObject content,
            Instant createdAt, Instant supersededAt) {
    }

    /** A photo of another case that looks like the new one. */
    record SimilarPhoto(UUID caseId, String caseNo, String slot, boolean exact, int distance) {
    }

    /*
     * Taking a claim is this one statement: the row is inserted, or updated only where the lease
     * lapsed, is the taker's own, or a supervisor takes it over. Concurrent takers serialise on
     * the row; the losers see the winner's row, match no WHERE and get no row back.
     */
    private static final String TAKE = """
            INSERT INTO police_claim (case_id, officer_id, officer_name, claimed_at, expires_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (case_id) DO UPDATE SET officer_id = EXCLUDED.officer_id,
                officer_name = EXCLUDED.officer_name,
                claimed_at = CASE WHEN police_claim.officer_id = EXCLUDED.officer_id
                    AND police_claim.expires_at > EXCLUDED.claimed_at
                    THEN police_claim.claimed_at ELSE EXCLUDED.claimed_at END,
                expires_at = EXCLUDED.expires_at
            WHERE police_claim.officer_id = EXCLUDED.officer_id
                OR police_claim.expires_at <= EXCLUDED.claimed_at OR $6
            RETURNING case_id, officer_id, officer_name, claimed_at, expires_at""";
    private static final String HOLDER = """
            SELECT case_id, officer_id, officer_name, claimed_at, expires_at FROM police_claim
            WHERE case_id = $1 AND expires_at > $2""";
    private static final String HOLDERS = """
            SELECT case_id, officer_id, officer_name, claimed_at, expires_at FROM police_claim
            WHERE case_id = ANY($1) AND expires_at > $2""";
    private static final String RELEASE =
            "DELETE FROM police_claim WHERE case_id = $1 AND officer_id = $2 RETURNING case_id";
    private static final String OFFICER =
            "SELECT a.id, a.display_name, COALESCE(o.name_zh, a.organisation) AS organisation,"
            + " a.organisation_id FROM account a"
            + " LEFT JOIN organisation o ON o.id = a.organisation_id"
            + " WHERE a.id = $1";
    /** The audit subject of every officer action on a case. */
    static final String SUBJECT = "accident_case";
    private static final String AUDIT_COLUMNS = """
            SELECT a.id, a.at, a.actor_id, coalesce(acc.display_name, '') AS officer_name,
                a.action, a.subject_id, c.case_no, a.before, a.after
            FROM audit_log a LEFT JOIN account acc ON acc.id = a.actor_id
                LEFT JOIN accident_case c ON c.id::text = a.subject_id""";
    private static final String AUDIT_OF_CASE = AUDIT_COLUMNS
            + " WHERE a.subject_type = 'accident_case' AND a.subject_id = $1 ORDER BY a.id";
    private static final String AUDIT_OF_OFFICER = AUDIT_COLUMNS
            + " WHERE a.actor_id = $1 AND a.action LIKE 'police.%' ORDER BY a.id DESC LIMIT 500";
    private static final String SEND_BACK = "SELECT send_back FROM accident_case WHERE id = $1";
    private static final String SET_SEND_BACK =
            "UPDATE accident_case SET send_back = $2 WHERE id = $1";
    private static final String REVIEW_MARK = """
            SELECT review_requested_at, review_requested_by FROM accident_case WHERE id = $1""";
    private static final String SET_REVIEW = """
            UPDATE accident_case SET review_requested_at = $2, review_requested_by = $3
            WHERE id = $1""";
    private static final String DETERMINATION_COLUMNS =
            "SELECT id, case_id, verification_code, content, created_at, superseded_at"
                    + " FROM accident_determination";
    private static final String CURRENT_DETERMINATION = DETERMINATION_COLUMNS
            + " WHERE case_id = $1 AND superseded_at IS NULL";
    private static final String DETERMINATION_BY_CODE = DETERMINATION_COLUMNS
            + " WHERE verification_code = $1";
    private static final String SUPERSEDE = """
            UPDATE accident_determination SET superseded_at = $2
            WHERE case_id = $1 AND superseded_at IS NULL""";
    private static final String INSERT_DETERMINATION = """
            INSERT INTO accident_determination (case_id, verification_code, content, created_at)
            VALUES ($1, $2, $3, $4) RETURNING id""";
    private static final String SET_DHASH = """
            UPDATE accident_photo SET dhash = $3 WHERE case_id = $1 AND slot = $2""";
    /* Hamming distance in SQL: the XOR as 64 bits, its ones counted */
    private static final String SIMILAR_PHOTOS = """
            SELECT p.case_id, c.case_no, p.slot, p.sha256 = $2 AS exact,
                CASE WHEN p.dhash IS NULL OR $3::bigint IS NULL THEN 64 ELSE
                    length(replace(((p.dhash # $3::bigint)::bit(64))::text, '0', '')) END AS distance
            FROM accident_photo p JOIN accident_case c ON c.id = p.case_id
            WHERE p.case_id <> $1 AND (p.sha256 = $2 OR ($3::bigint IS NOT NULL
                AND p.dhash IS NOT NULL AND length(replace(((p.dhash # $3::bigint)::bit(64))::text,
                    '0', '')) <= $4))
            ORDER BY exact DESC, distance LIMIT 5""";
    /** For each plate in order, the open cases with it since $2, and case $3 (the new one). */
    private static final String CASES_WITH_PLATES = """
            SELECT (SELECT count(*) FROM accident_case
                    WHERE plates @> ARRAY[plate] AND reported_at > $2 AND state <> 'CLOSED'
                        OR id = $3)
            FROM unnest($1::text[]) WITH ORDINALITY AS given(plate, n) ORDER BY n""";
    private static final String WAITING_SINCE = """
            SELECT case_id, max(at) FROM accident_transition
            WHERE case_id = ANY($1) AND to_state = 'POLICE_REVIEW' GROUP BY case_id""";

    private final Pool pool;

    PoliceDeskRepository(Pool pool) {
        this.pool = pool;
    }

    Pool pool() {
        return pool;
    }

    /** The claim taken, or empty when another officer holds a live one. */
    Future<Optional<Claim>> take(SqlClient tx, UUID caseId, Officer officer, Instant now,
            Instant until, boolean takeOver) {
        return tx.preparedQuery(TAKE).execute(Tuple.of(caseId, officer.id(), officer.name(),
                AccidentRepository.utc(now), AccidentRepository.utc(until), takeOver))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(claim(rows.iterator().next())) : Optional.empty());
    }

    Future<Optional<Claim>> holder(SqlClient client, UUID caseId, Instant now) {
        return client.preparedQuery(HOLDER).execute(Tuple.of(caseId, AccidentRepository.utc(now)))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(claim(rows.iterator().next())) : Optional.empty());
    }

    Future<Map<UUID, Claim>> holders(List<UUID> caseIds, Instant now) {
        return pool.preparedQuery(HOLDERS).execute(Tuple.of(caseIds.toArray(UUID[]::new),
                AccidentRepository.utc(now))).map(rows -> {
                    Map<UUID, Claim> map = new HashMap<>();
                    rows.forEach(r -> map.put(r.getUUID("case_id"), claim(r)));
                    return map;
                });
    }

    Future<Map<UUID, Instant>> waitingSince(List<UUID> caseIds) {
        return pool.preparedQuery(WAITING_SINCE).execute(Tuple.of(caseIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Instant> map = new HashMap<>();
                    rows.forEach(r -> map.put(r.getUUID(0), r.getOffsetDateTime(1).toInstant()));
                    return map;
                });
    }

    Future<Boolean> release(SqlClient tx, UUID caseId, UUID officerId) {
        return tx.preparedQuery(RELEASE).execute(Tuple.of(caseId, officerId))
                .map(rows -> rows.rowCount() > 0);
    }

    Future<Officer> officer(SqlClient client, UUID id) {
        return client.preparedQuery(OFFICER).execute(Tuple.of(id)).map(rows -> {
            Row r = rows.iterator().next();
            String unit = r.getString("organisation");
            return new Officer(id, r.getString("display_name"), unit == null ? "" : unit,
                    r.getUUID("organisation_id"));
        });
    }

    /**
     * One officer action in {@code audit_log}, in the caller's transaction; {@code action} is
     * the short name (claim, decide...) written as police.claim. The detail goes with after.
     */
    Future<Void> audit(SqlClient client, Officer officer, String action, UUID caseId,
            String detail, JsonObject before, JsonObject after, Instant at) {
        JsonObject afterWithDetail = after == null ? new JsonObject() : after.copy();
        if (detail != null && !detail.isBlank()) {
            afterWithDetail.put("detail", detail);
        }
        return AuditLog.record(client, new AuditLog.AuditEntry(officer.id(), "police",
                officer.unitId(),
                "police." + action.toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                SUBJECT, caseId.toString(), before == null ? null : before.getMap(),
                afterWithDetail.isEmpty() ? null : afterWithDetail.getMap(), null));
    }

    Future<List<AuditRow>> auditOfCase(UUID caseId) {
        return pool.preparedQuery(AUDIT_OF_CASE).execute(Tuple.of(caseId.toString()))
                .map(this::auditRows);
    }

    Future<List<AuditRow>> auditOfOfficer(UUID officerId) {
        return pool.preparedQuery(AUDIT_OF_OFFICER).execute(Tuple.of(officerId))
                .map(this::auditRows);
    }

    private List<AuditRow> auditRows(io.vertx.sqlclient.RowSet<Row> rows) {
        List<AuditRow> list = new ArrayList<>();
        rows.forEach(r -> {
            JsonObject after = (JsonObject) r.getJson("after");
            list.add(new AuditRow(r.getLong("id"), AccidentRepository.instant(r, "at"),
                    r.getUUID("actor_id"), r.getString("officer_name"), r.getString("action"),
                    UUID.fromString(r.getString("subject_id")), r.getString("case_no"),
                    after == null ? "" : after.getString("detail", ""),
                    (JsonObject) r.getJson("before"), after));
        });
        return list;
    }

    Future<Optional<SendBack>> sendBack(SqlClient client, UUID caseId) {
        return client.preparedQuery(SEND_BACK).execute(Tuple.of(caseId)).map(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return Optional.empty();
            }
            Object json = it.next().getJson("send_back");
            return json instanceof JsonObject o ? Optional.of(sendBack(o)) : Optional.empty();
        });
    }

    Future<Void> setSendBack(SqlClient tx, UUID caseId, SendBack s) {
        return tx.preparedQuery(SET_SEND_BACK).execute(Tuple.of(caseId,
                s == null ? null : sendBackJson(s))).mapEmpty();
    }

    /** When and by whom review was asked for; empty when never. */
    Future<Optional<Map.Entry<Instant, String>>> reviewMark(SqlClient client, UUID caseId) {
        return client.preparedQuery(REVIEW_MARK).execute(Tuple.of(caseId)).map(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return Optional.empty();
            }
            Row r = it.next();
            Instant at = AccidentRepository.instant(r, "review_requested_at");
            return at == null ? Optional.empty()
                    : Optional.of(Map.entry(at, r.getString("review_requested_by")));
        });
    }

    Future<Void> markReview(SqlClient tx, UUID caseId, Instant at, String by) {
        return tx.preparedQuery(SET_REVIEW).execute(Tuple.of(caseId,
                at == null ? null : AccidentRepository.utc(at), by)).mapEmpty();
    }

    Future<Optional<StoredDetermination>> currentDetermination(SqlClient client, UUID caseId) {
        return client.preparedQuery(CURRENT_DETERMINATION).execute(Tuple.of(caseId))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(determination(rows.iterator().next())) : Optional.empty());
    }

    Future<Optional<StoredDetermination>> determinationByCode(String code) {
        return pool.preparedQuery(DETERMINATION_BY_CODE).execute(Tuple.of(code))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(determination(rows.iterator().next())) : Optional.empty());
    }

    Future<UUID> insertDetermination(SqlClient tx, UUID caseId, String code, JsonObject content,
            Instant at) {
        return tx.preparedQuery(SUPERSEDE).execute(Tuple.of(caseId, AccidentRepository.utc(at)))
                .compose(x -> tx.preparedQuery(INSERT_DETERMINATION).execute(Tuple.of(caseId,
                        code, content, AccidentRepository.utc(at))))
                .map(rows -> rows.iterator().next().getUUID(0));
    }

    Future<Void> setDhash(SqlClient tx, UUID caseId, String slotKey, Long dhash) {
        return tx.preparedQuery(SET_DHASH).execute(Tuple.of(caseId, slotKey, dhash)).mapEmpty();
    }

    Future<List<SimilarPhoto>> similarPhotos(SqlClient client, UUID caseId, String sha256,
            Long dhash, int maxDistance) {
        return client.preparedQuery(SIMILAR_PHOTOS).execute(Tuple.of(caseId, sha256, dhash,
                maxDistance)).map(rows -> {
                    List<SimilarPhoto> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new SimilarPhoto(r.getUUID("case_id"),
                            r.getString("case_no"), r.getString("slot"), r.getBoolean("exact"),
                            r.getInteger("distance"))));
                    return list;
                });
    }

    /**
     * How many cases have each of {@code plates} (in the same order): those reported since
     * {@code since} and not closed, and {@code caseId}. One statement for all the plates.
     */
    Future<List<Long>> casesWithPlates(SqlClient client, List<PlateNumber> plates,
            Instant since, UUID caseId) {
        return client.preparedQuery(CASES_WITH_PLATES).execute(Tuple.of(
                AccidentRepository.plateValues(plates), AccidentRepository.utc(since), caseId))
                .map(rows -> AccidentRepository.list(rows, r -> r.getLong(0)));
    }

    private static Claim claim(Row r) {
        return new Claim(r.getUUID("case_id"), r.getUUID("officer_id"),
                r.getString("officer_name"), AccidentRepository.instant(r, "claimed_at"),
                AccidentRepository.instant(r, "expires_at"));
    }

    private static StoredDetermination determination(Row r) {
        return new StoredDetermination(r.getUUID("id"), r.getUUID("case_id"),
                r.getString("verification_code"), (JsonObject) r.getJson("content"),
                AccidentRepository.instant(r, "created_at"),
                AccidentRepository.instant(r, "superseded_at"));
    }

    static JsonObject sendBackJson(SendBack s) {
        return new JsonObject().put("note", s.note()).put("officer", s.officer().toString())
                .put("officerName", s.officerName())
                .put("requestedAt", s.requestedAt().toString())
                .put("items", new JsonArray(s.items().stream().map(i -> new JsonObject()
                        .put("kind", i.kind().name()).put("target", i.target())
                        .put("party", i.party()).put("done", i.done())).toList()));
    }

    static SendBack sendBack(JsonObject j) {
        List<SendBack.Item> items = new ArrayList<>();
        j.getJsonArray("items").forEach(o -> {
            JsonObject i = (JsonObject) o;
            items.add(new SendBack.Item(SendBack.Kind.valueOf(i.getString("kind")),
                    i.getString("target"), i.getString("party"), i.getBoolean("done")));
        });
        return new SendBack(items, j.getString("note"), UUID.fromString(j.getString("officer")),
                j.getString("officerName"), Instant.parse(j.getString("requestedAt")));
    }
}

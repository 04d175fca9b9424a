package cn.anxing.accident;

import cn.anxing.accident.cases.*;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.routing.LatLon;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Accident cases in PostgreSQL: the case row, its parties, photos, transitions and agreement.
 * Every change to a case goes through {@link #bump}, which is where optimistic concurrency is
 * enforced.
 */
public final class AccidentRepository {

    private static final String CASE_COLUMNS = """
            id, case_no, share_code, state, version, reporter_id, occurred_at, reported_at, lat,
            lon, road_lat, road_lon, road_name, road_class, expressway, weather, accident_form,
            plates, checklist, eligibility, decision, police_decision, flags, medical_advance""";
    private static final String PARTY_COLUMNS = """
            id, case_id, label, account_id, joined_at, name, phone, plate, vehicle_type,
            licence_no_enc, licence_masked, insurer_code, policy_no, collision_part, statement,
            stated_at, signature, signed_at""";
    private static final String PHOTO_COLUMNS = """
            id, case_id, slot, idempotency_key, sha256, content_type, size_bytes, taken_at, lat, lon,
            flags, uploaded_by, uploaded_at""";

    private static final String INSERT_CASE = """
            INSERT INTO accident_case (share_code, state, reporter_id, occurred_at, lat, lon,
                road_lat, road_lon, road_name, road_class, expressway, weather, accident_form,
                plates)
            VALUES ($1, 'DRAFT', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            RETURNING id""";
    private static final String CASE_BY_ID =
            "SELECT " + CASE_COLUMNS + " FROM accident_case WHERE id = $1";
    private static final String CASE_BY_SHARE_CODE =
            "SELECT id FROM accident_case WHERE share_code = $1";
    private static final String PARTIES_OF_CASE =
            "SELECT " + PARTY_COLUMNS + " FROM accident_party WHERE case_id = $1 ORDER BY label";
    private static final String PHOTOS_OF_CASE =
            "SELECT " + PHOTO_COLUMNS + " FROM accident_photo WHERE case_id = $1 ORDER BY uploaded_at";
    private static final String CASES_OF_ACCOUNT = """
            SELECT c.id FROM accident_case c JOIN accident_party p ON p.case_id = c.id
            WHERE p.account_id = $1 ORDER BY c.reported_at DESC LIMIT 50""";
    /* only cases sharing a plate can be repeats, so the database filters on that first */
    private static final String OPEN_CASES_SINCE = """
            SELECT id, reported_at, lat, lon, plates FROM accident_case
            WHERE state <> 'CLOSED' AND reported_at >= $1 AND plates && $2""";
    /*
     * The optimistic lock: the change applies only if nobody changed the case since it was read.
     * A concurrent writer blocks on the row, then finds the version moved and updates nothing.
     */
    private static final String BUMP = """
            UPDATE accident_case SET version = version + 1, state = $3, updated_at = now()
            WHERE id = $1 AND version = $2""";
    private static final String INSERT_TRANSITION = """
            INSERT INTO accident_transition (case_id, from_state, event, to_state, actor, at)
            VALUES ($1, $2, $3, $4, $5, $6)""";
    private static final String TRANSITIONS = """
            SELECT from_state, event, to_state, actor, at FROM accident_transition
            WHERE case_id = $1 ORDER BY id""";
    private static final String SET_CHECKLIST = """
            UPDATE accident_case SET checklist = $2, eligibility = $3, medical_advance = $4
            WHERE id = $1""";
    private static final String SET_DECISION = "UPDATE accident_case SET decision = $2 WHERE id = $1";
    private static final String SET_POLICE_DECISION =
            "UPDATE accident_case SET police_decision = $2 WHERE id = $1";
    private static final String SET_FLAGS = "UPDATE accident_case SET flags = $2 WHERE id = $1";
    /* the account's display name is the default name; the phone is the contact the agreement needs */
    private static final String INSERT_PARTY = """
            INSERT INTO accident_party (case_id, label, account_id, name, phone, plate)
            SELECT $1, $2, a.id, a.display_name, a.phone, $4 FROM account a WHERE a.id = $3""";
    private static final String UPDATE_PARTY = """
            UPDATE accident_party SET name = $3, plate = $4, vehicle_type = $5,
                licence_no_enc = $6, licence_masked = $7, insurer_code = $8, policy_no = $9,
                collision_part = $10
            WHERE case_id = $1 AND id = $2""";
    private static final String SET_STATEMENT = """
            UPDATE accident_party SET statement = $3, stated_at = $4 WHERE case_id = $1 AND id = $2""";
    private static final String SET_SIGNATURE = """
            UPDATE accident_party SET signature = $3, signed_at = $4 WHERE case_id = $1 AND id = $2""";
    private static final String PHOTO_BY_KEY = "SELECT " + PHOTO_COLUMNS
            + " FROM accident_photo WHERE case_id = $1 AND idempotency_key = $2";
    private static final String PHOTO_BY_ID = "SELECT " + PHOTO_COLUMNS
            + " FROM accident_photo WHERE case_id = $1 AND id = $2";
    private static final String UPSERT_PHOTO = """
            INSERT INTO accident_photo (case_id, slot, idempotency_key, sha256, content_type,
                size_bytes, taken_at, lat, lon, flags, uploaded_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (case_id, slot) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key,
                sha256 = EXCLUDED.sha256, content_type = EXCLUDED.content_type,
                size_bytes = EXCLUDED.size_bytes, taken_at = EXCLUDED.taken_at,
                lat = EXCLUDED.lat, lon = EXCLUDED.lon, flags = EXCLUDED.flags,
                uploaded_by = EXCLUDED.uploaded_by, uploaded_at = now()""";
    private static final String INSERT_AGREEMENT = """
            INSERT INTO accident_agreement (case_id, verification_code, summary) VALUES ($1, $2, $3)
            RETURNING id""";
    private static final String AGREEMENT_OF_CASE =
            "SELECT id, verification_code, summary, created_at FROM accident_agreement WHERE case_id = $1";
    private static final String AGREEMENT_BY_CODE = """
            SELECT id, case_id, verification_code, summary, created_at FROM accident_agreement
            WHERE verification_code = $1""";
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
    private static final String COUNT_BY_STATE =
            "SELECT state, count(*) FROM accident_case GROUP BY state";
    private static final String POLICE_QUEUE = """
            SELECT id FROM accident_case
            WHERE state = 'POLICE_REVIEW' OR (jsonb_array_length(flags) > 0 AND state <> 'CLOSED')
            ORDER BY (state = 'POLICE_REVIEW') DESC, reported_at LIMIT 200""";
    private static final String INSURERS = """
            SELECT i.code, i.name_zh, i.name_en, i.active, e.url FROM insurer i
            JOIN outbox_endpoint e ON e.code = i.endpoint ORDER BY i.code""";
    private static final String UPSERT_INSURER = """
            INSERT INTO insurer (code, name_zh, name_en, endpoint) VALUES ($1, $2, $3, $4)
            ON CONFLICT (code) DO UPDATE SET name_zh = EXCLUDED.name_zh,
                name_en = EXCLUDED.name_en, endpoint = EXCLUDED.endpoint, active = true""";

    /** The case row. */
    public record CaseRow(UUID id, String caseNo, String shareCode, CaseState state, int version,
            UUID reporterId, Instant occurredAt, Instant reportedAt, double lat, double lon,
            Double roadLat, Double roadLon, String roadName, String roadClass, boolean expressway,
            String weather, String accidentForm, List<String> plates, JsonObject checklist,
            JsonObject eligibility, JsonObject decision, JsonObject policeDecision,
            JsonArray flags, boolean medicalAdvance) {
    }

    /** A party: who, their vehicle and papers, their statement and signature. */
    public record PartyRow(UUID id, String label, UUID accountId, Instant joinedAt, String name,
            String phone, String plate, String vehicleType, byte[] licenceEncrypted,
            String licenceMasked, String insurerCode, String policyNo, String collisionPart,
            JsonObject statement, Instant statedAt, String signature, Instant signedAt) {

        /** Everything the agreement needs from this party is there. */
        public boolean complete() {
            return name != null && plate != null && vehicleType != null
                    && licenceEncrypted != null && insurerCode != null && policyNo != null
                    && collisionPart != null;
        }
    }

    /** A stored photo's metadata; the bytes are in the photo store under {@code sha256}. */
    public record PhotoRow(UUID id, String slot, String idempotencyKey, String sha256,
            String contentType, int sizeBytes, Instant takenAt, Double lat, Double lon,
            JsonArray flags, UUID uploadedBy, Instant uploadedAt) {
    }

    /** A case with everything on it. */
    public record AccidentCase(CaseRow row, List<PartyRow> parties, List<PhotoRow> photos) {

        public Optional<PartyRow> partyOf(UUID accountId) {
            return parties.stream().filter(p -> p.accountId().equals(accountId)).findFirst();
        }
    }

    /** A new case, before it has an id. */
    public record NewCase(String shareCode, UUID reporterId, Instant occurredAt, double lat,
            double lon, Double roadLat, Double roadLon, String roadName, String roadClass,
            boolean expressway, String weather, String accidentForm, List<String> plates) {
    }

    /** A party's details as they will be stored (licence already encrypted). */
    public record PartyDetails(String name, String plate, String vehicleType,
            byte[] licenceEncrypted, String licenceMasked, String insurerCode, String policyNo,
            String collisionPart) {
    }

    /** An insurer with its webhook URL (never its secret). */
    public record InsurerRow(String code, String nameZh, String nameEn, boolean active,
            String webhookUrl) {
    }

    /** An agreement row. */
    public record AgreementRow(UUID id, UUID caseId, String verificationCode, JsonObject summary,
            Instant createdAt) {
    }

    /** An open case for the repeated-report rule. */
    public record OpenCaseRow(UUID id, Instant reportedAt, double lat, double lon,
            List<String> plates) {
    }

    private final Pool pool;

    public AccidentRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    public Future<UUID> insertCase(SqlClient tx, NewCase c) {
        return tx.preparedQuery(INSERT_CASE).execute(Tuple.from(new Object[] {c.shareCode(),
                c.reporterId(), utc(c.occurredAt()), c.lat(), c.lon(), c.roadLat(), c.roadLon(),
                c.roadName(), c.roadClass(), c.expressway(), c.weather(), c.accidentForm(),
                c.plates().toArray(String[]::new)}))
                .map(rows -> rows.iterator().next().getUUID("id"));
    }

    public Future<Optional<AccidentCase>> load(SqlClient client, UUID id) {
        return client.preparedQuery(CASE_BY_ID).execute(Tuple.of(id)).compose(rows -> {
            if (!rows.iterator().hasNext()) {
                return Future.succeededFuture(Optional.empty());
            }
            CaseRow row = caseRow(rows.iterator().next());
            Future<List<PartyRow>> parties = client.preparedQuery(PARTIES_OF_CASE)
                    .execute(Tuple.of(id)).map(r -> list(r, AccidentRepository::partyRow));
            Future<List<PhotoRow>> photos = parties.compose(x -> client
                    .preparedQuery(PHOTOS_OF_CASE).execute(Tuple.of(id))
                    .map(r -> list(r, AccidentRepository::photoRow)));
            return photos.map(ph -> Optional.of(new AccidentCase(row, parties.result(), ph)));
        });
    }

    public Future<Optional<UUID>> caseIdByShareCode(String shareCode) {
        return pool.preparedQuery(CASE_BY_SHARE_CODE).execute(Tuple.of(shareCode))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(rows.iterator().next().getUUID(0)) : Optional.empty());
    }

    public Future<List<UUID>> caseIdsOf(UUID accountId) {
        return pool.preparedQuery(CASES_OF_ACCOUNT).execute(Tuple.of(accountId))
                .map(rows -> list(rows, r -> r.getUUID(0)));
    }

    public Future<List<UUID>> policeQueue() {
        return pool.query(POLICE_QUEUE).execute().map(rows -> list(rows, r -> r.getUUID(0)));
    }

    /** Open cases reported since {@code since} that share one of {@code plates}. */
    public Future<List<OpenCaseRow>> openCasesSince(Instant since, List<String> plates) {
        return pool.preparedQuery(OPEN_CASES_SINCE)
                .execute(Tuple.tuple().addOffsetDateTime(utc(since))
                        .addArrayOfString(plates.toArray(String[]::new)))
                .map(rows -> list(rows, r -> new OpenCaseRow(r.getUUID("id"),
                        instant(r, "reported_at"), r.getDouble("lat"), r.getDouble("lon"),
                        Arrays.asList(r.getArrayOfStrings("plates")))));
    }

    /** Moves the case to {@code state} and bumps its version; false if it was changed since. */
    public Future<Boolean> bump(SqlClient tx, UUID id, int version, CaseState state) {
        return tx.preparedQuery(BUMP).execute(Tuple.of(id, version, state.name()))
                .map(rows -> rows.rowCount() == 1);
    }

    public Future<Void> recordTransition(SqlClient tx, UUID caseId, CaseTransition t) {
        return tx.preparedQuery(INSERT_TRANSITION).execute(Tuple.of(caseId, t.from().name(),
                t.event().name(), t.to().name(), t.actor(), utc(t.at()))).mapEmpty();
    }

    public Future<List<JsonObject>> transitions(UUID caseId) {
        return pool.preparedQuery(TRANSITIONS).execute(Tuple.of(caseId))
                .map(rows -> list(rows, r -> new JsonObject()
                        .put("from", r.getString("from_state"))
                        .put("event", r.getString("event"))
                        .put("to", r.getString("to_state"))
                        .put("actor", r.getString("actor"))
                        .put("at", instant(r, "at").toString())));
    }

    public Future<Void> setChecklist(SqlClient tx, UUID id, JsonObject checklist,
            JsonObject eligibility, boolean medicalAdvance) {
        return tx.preparedQuery(SET_CHECKLIST)
                .execute(Tuple.of(id, checklist, eligibility, medicalAdvance)).mapEmpty();
    }

    public Future<Void> setDecision(SqlClient tx, UUID id, JsonObject decision) {
        return tx.preparedQuery(SET_DECISION).execute(Tuple.of(id, decision)).mapEmpty();
    }

    public Future<Void> setPoliceDecision(SqlClient tx, UUID id, JsonObject decision) {
        return tx.preparedQuery(SET_POLICE_DECISION).execute(Tuple.of(id, decision)).mapEmpty();
    }

    public Future<Void> setFlags(SqlClient tx, UUID id, JsonArray flags) {
        return tx.preparedQuery(SET_FLAGS).execute(Tuple.of(id, flags)).mapEmpty();
    }

    public Future<Void> insertParty(SqlClient tx, UUID caseId, String label, UUID accountId,
            String plate) {
        return tx.preparedQuery(INSERT_PARTY)
                .execute(Tuple.of(caseId, label, accountId, plate)).mapEmpty();
    }

    public Future<Void> updateParty(SqlClient tx, UUID caseId, UUID partyId, PartyDetails d) {
        return tx.preparedQuery(UPDATE_PARTY).execute(Tuple.from(new Object[] {caseId, partyId,
                d.name(), d.plate(), d.vehicleType(), Buffer.buffer(d.licenceEncrypted()),
                d.licenceMasked(), d.insurerCode(), d.policyNo(), d.collisionPart()})).mapEmpty();
    }

    public Future<Void> setStatement(SqlClient tx, UUID caseId, UUID partyId, JsonObject statement,
            Instant at) {
        return tx.preparedQuery(SET_STATEMENT)
                .execute(Tuple.of(caseId, partyId, statement, utc(at))).mapEmpty();
    }

    public Future<Void> setSignature(SqlClient tx, UUID caseId, UUID partyId, String pngBase64,
            Instant at) {
        return tx.preparedQuery(SET_SIGNATURE)
                .execute(Tuple.of(caseId, partyId, pngBase64, utc(at))).mapEmpty();
    }

    public Future<Optional<PhotoRow>> photoByKey(SqlClient client, UUID caseId, String key) {
        return client.preparedQuery(PHOTO_BY_KEY).execute(Tuple.of(caseId, key))
                .map(rows -> first(rows, AccidentRepository::photoRow));
    }

    public Future<Optional<PhotoRow>> photo(UUID caseId, UUID photoId) {
        return pool.preparedQuery(PHOTO_BY_ID).execute(Tuple.of(caseId, photoId))
                .map(rows -> first(rows, AccidentRepository::photoRow));
    }

    public Future<Void> upsertPhoto(SqlClient tx, UUID caseId, PhotoRow p) {
        return tx.preparedQuery(UPSERT_PHOTO).execute(Tuple.from(new Object[] {caseId, p.slot(),
                p.idempotencyKey(), p.sha256(), p.contentType(), p.sizeBytes(),
                p.takenAt() == null ? null : utc(p.takenAt()), p.lat(), p.lon(), p.flags(),
                p.uploadedBy()})).mapEmpty();
    }

    public Future<UUID> insertAgreement(SqlClient tx, UUID caseId, String code, JsonObject summary) {
        return tx.preparedQuery(INSERT_AGREEMENT).execute(Tuple.of(caseId, code, summary))
                .map(rows -> rows.iterator().next().getUUID(0));
    }

    public Future<Optional<AgreementRow>> agreementOfCase(UUID caseId) {
        return pool.preparedQuery(AGREEMENT_OF_CASE).execute(Tuple.of(caseId))
                .map(rows -> first(rows, r -> new AgreementRow(r.getUUID("id"), caseId,
                        r.getString("verification_code"), r.getJsonObject("summary"),
                        instant(r, "created_at"))));
    }

    public Future<Optional<AgreementRow>> agreementByCode(String code) {
        return pool.preparedQuery(AGREEMENT_BY_CODE).execute(Tuple.of(code))
                .map(rows -> first(rows, r -> new AgreementRow(r.getUUID("id"),
                        r.getUUID("case_id"), r.getString("verification_code"),
                        r.getJsonObject("summary"), instant(r, "created_at"))));
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

    /** {offered, avoided} over all time. */
    public Future<long[]> duplicateCounts() {
        return pool.query(DUPLICATE_COUNTS).execute().map(rows -> {
            Row r = rows.iterator().next();
            return new long[] {r.getLong("offered"), r.getLong("avoided")};
        });
    }

    public Future<Map<String, Long>> countByState() {
        return pool.query(COUNT_BY_STATE).execute().map(rows -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (CaseState s : CaseState.values()) {
                counts.put(s.name(), 0L);
            }
            rows.forEach(r -> counts.put(r.getString(0), r.getLong(1)));
            return counts;
        });
    }

    public Future<List<InsurerRow>> insurers() {
        return insurers(pool);
    }

    /** Inside a transaction, on its connection: never wait for a second one from the pool. */
    public Future<List<InsurerRow>> insurers(SqlClient client) {
        return client.query(INSURERS).execute().map(rows -> list(rows, r -> new InsurerRow(
                r.getString("code"), r.getString("name_zh"), r.getString("name_en"),
                r.getBoolean("active"), r.getString("url"))));
    }

    public Future<Void> upsertInsurer(SqlClient tx, String code, String nameZh, String nameEn,
            String endpoint) {
        return tx.preparedQuery(UPSERT_INSURER).execute(Tuple.of(code, nameZh, nameEn, endpoint))
                .mapEmpty();
    }

    private static CaseRow caseRow(Row r) {
        return new CaseRow(r.getUUID("id"), r.getString("case_no"), r.getString("share_code"),
                CaseState.valueOf(r.getString("state")), r.getInteger("version"),
                r.getUUID("reporter_id"), instant(r, "occurred_at"), instant(r, "reported_at"),
                r.getDouble("lat"), r.getDouble("lon"), r.getDouble("road_lat"),
                r.getDouble("road_lon"), r.getString("road_name"), r.getString("road_class"),
                r.getBoolean("expressway"), r.getString("weather"), r.getString("accident_form"),
                Arrays.asList(r.getArrayOfStrings("plates")), (JsonObject) r.getValue("checklist"),
                (JsonObject) r.getValue("eligibility"), (JsonObject) r.getValue("decision"),
                (JsonObject) r.getValue("police_decision"), (JsonArray) r.getValue("flags"),
                r.getBoolean("medical_advance"));
    }

    private static PartyRow partyRow(Row r) {
        Buffer licence = r.getBuffer("licence_no_enc");
        return new PartyRow(r.getUUID("id"), r.getString("label"), r.getUUID("account_id"),
                instant(r, "joined_at"), r.getString("name"), r.getString("phone"),
                r.getString("plate"), r.getString("vehicle_type"),
                licence == null ? null : licence.getBytes(), r.getString("licence_masked"),
                r.getString("insurer_code"), r.getString("policy_no"),
                r.getString("collision_part"), (JsonObject) r.getValue("statement"),
                instant(r, "stated_at"), r.getString("signature"), instant(r, "signed_at"));
    }

    private static PhotoRow photoRow(Row r) {
        return new PhotoRow(r.getUUID("id"), r.getString("slot"), r.getString("idempotency_key"),
                r.getString("sha256"), r.getString("content_type"), r.getInteger("size_bytes"),
                instant(r, "taken_at"), r.getDouble("lat"), r.getDouble("lon"),
                (JsonArray) r.getValue("flags"), r.getUUID("uploaded_by"),
                instant(r, "uploaded_at"));
    }

    private static <T> List<T> list(RowSet<Row> rows, java.util.function.Function<Row, T> map) {
        List<T> list = new ArrayList<>();
        rows.forEach(r -> list.add(map.apply(r)));
        return list;
    }

    private static <T> Optional<T> first(RowSet<Row> rows,
            java.util.function.Function<Row, T> map) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(map.apply(it.next())) : Optional.empty();
    }

    static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

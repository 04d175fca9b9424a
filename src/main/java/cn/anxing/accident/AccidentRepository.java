package cn.anxing.accident;

import cn.anxing.accident.agreement.AccidentForm;
import cn.anxing.accident.agreement.Signature;
import cn.anxing.accident.agreement.Weather;
import cn.anxing.accident.cases.CaseEvent;
import cn.anxing.accident.cases.CaseState;
import cn.anxing.accident.cases.CaseTransition;
import cn.anxing.accident.cases.PlateNumber;
import cn.anxing.accident.eligibility.ChecklistAnswers;
import cn.anxing.accident.eligibility.EligibilityResult;
import cn.anxing.accident.liability.PartyStatement;
import cn.anxing.accident.photo.PhotoType;
import cn.anxing.accident.photo.RequiredPhotos;
import cn.anxing.routing.LatLon;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Accident cases in PostgreSQL: the case row, its parties, photos, transitions and agreement,
 * read into {@link AccidentCase} and its records (the JSONB columns are parsed by
 * {@link CaseJson} here, never looked into by key elsewhere). Every change to a case goes through
 * {@link #bump}, which is where optimistic concurrency is enforced.
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
    private static final String COUNT_BY_STATE =
            "SELECT state, count(*) FROM accident_case GROUP BY state";
    private static final String POLICE_QUEUE = """
            SELECT id FROM accident_case
            WHERE state = 'POLICE_REVIEW' OR (jsonb_array_length(flags) > 0 AND state <> 'CLOSED')
            ORDER BY (state = 'POLICE_REVIEW') DESC, reported_at LIMIT 200""";

    /** A new case, before it has an id. */
    public record NewCase(String shareCode, UUID reporterId, Instant occurredAt, LatLon position,
            AccidentCase.Road road, Weather weather, AccidentForm accidentForm,
            List<PlateNumber> plates) {
    }

    private final Pool pool;

    public AccidentRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** The insert failed because another case already has the share code it drew. */
    static boolean shareCodeTaken(Throwable failure) {
        return failure instanceof io.vertx.pgclient.PgException pg
                && "23505".equals(pg.getSqlState()) && pg.getMessage() != null
                && pg.getMessage().contains("share_code");
    }

    public Future<UUID> insertCase(SqlClient tx, NewCase c) {
        LatLon road = c.road().point();
        return tx.preparedQuery(INSERT_CASE).execute(Tuple.from(new Object[] {c.shareCode(),
                c.reporterId(), utc(c.occurredAt()), c.position().lat(), c.position().lon(),
                road == null ? null : road.lat(), road == null ? null : road.lon(),
                c.road().name(), c.road().roadClass(), c.road().expressway(), c.weather().name(),
                c.accidentForm().name(), plateValues(c.plates())}))
                .map(rows -> rows.iterator().next().getUUID("id"));
    }

    public Future<Optional<AccidentCase>> load(SqlClient client, UUID id) {
        return load(client, id, true);
    }

    /** A case stored in {@code tx} a moment ago: it has no photos yet, so none are read. */
    Future<Optional<AccidentCase>> loadJustStored(SqlClient tx, UUID id) {
        return load(tx, id, false);
    }

    private Future<Optional<AccidentCase>> load(SqlClient client, UUID id, boolean withPhotos) {
        return client.preparedQuery(CASE_BY_ID).execute(Tuple.of(id)).compose(rows -> {
            if (!rows.iterator().hasNext()) {
                return Future.succeededFuture(Optional.empty());
            }
            Row row = rows.iterator().next();
            Future<List<CaseParty>> parties = client.preparedQuery(PARTIES_OF_CASE)
                    .execute(Tuple.of(id)).map(r -> list(r, AccidentRepository::party));
            Future<List<CasePhoto>> photos = !withPhotos ? parties.map(x -> List.of())
                    : parties.compose(x -> client.preparedQuery(PHOTOS_OF_CASE)
                            .execute(Tuple.of(id)).map(r -> list(r, AccidentRepository::photo)));
            return photos.map(ph -> Optional.of(accidentCase(row, parties.result(), ph)));
        });
    }

    public Future<Optional<UUID>> caseIdByShareCode(String shareCode) {
        return pool.preparedQuery(CASE_BY_SHARE_CODE).execute(Tuple.of(shareCode))
                .map(rows -> first(rows, r -> r.getUUID(0)));
    }

    public Future<List<UUID>> caseIdsOf(UUID accountId) {
        return pool.preparedQuery(CASES_OF_ACCOUNT).execute(Tuple.of(accountId))
                .map(rows -> list(rows, r -> r.getUUID(0)));
    }

    public Future<List<UUID>> policeQueue() {
        return pool.query(POLICE_QUEUE).execute().map(rows -> list(rows, r -> r.getUUID(0)));
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

    public Future<List<CaseTransition>> transitions(UUID caseId) {
        return pool.preparedQuery(TRANSITIONS).execute(Tuple.of(caseId))
                .map(rows -> list(rows, r -> new CaseTransition(
                        CaseState.valueOf(r.getString("from_state")),
                        CaseEvent.valueOf(r.getString("event")),
                        CaseState.valueOf(r.getString("to_state")), r.getString("actor"),
                        instant(r, "at"))));
    }

    public Future<Void> setChecklist(SqlClient tx, UUID id, ChecklistAnswers checklist,
            EligibilityResult eligibility) {
        return tx.preparedQuery(SET_CHECKLIST).execute(Tuple.of(id, CaseJson.checklist(checklist),
                CaseJson.eligibility(eligibility), eligibility.medicalAdvancePath())).mapEmpty();
    }

    public Future<Void> setDecision(SqlClient tx, UUID id, CaseDecision decision) {
        return tx.preparedQuery(SET_DECISION).execute(Tuple.of(id, CaseJson.decision(decision)))
                .mapEmpty();
    }

    public Future<Void> setPoliceDecision(SqlClient tx, UUID id, PoliceDecision decision) {
        return tx.preparedQuery(SET_POLICE_DECISION)
                .execute(Tuple.of(id, CaseJson.policeDecision(decision))).mapEmpty();
    }

    public Future<Void> setFlags(SqlClient tx, UUID id, List<CaseFlag> flags) {
        return tx.preparedQuery(SET_FLAGS).execute(Tuple.of(id, CaseJson.flags(flags)))
                .mapEmpty();
    }

    /** @param plate the reporter's; null for a joining party, who chooses later */
    public Future<Void> insertParty(SqlClient tx, UUID caseId, String label, UUID accountId,
            PlateNumber plate) {
        return tx.preparedQuery(INSERT_PARTY).execute(Tuple.of(caseId, label, accountId,
                plate == null ? null : plate.value())).mapEmpty();
    }

    public Future<Void> updateParty(SqlClient tx, UUID caseId, UUID partyId,
            CaseParty.Details d) {
        return tx.preparedQuery(UPDATE_PARTY).execute(Tuple.from(new Object[] {caseId, partyId,
                d.name(), d.plate().value(), d.vehicleType(), Buffer.buffer(d.licenceEncrypted()),
                d.licenceMasked(), d.insurerCode(), d.policyNo(), d.collisionPart()})).mapEmpty();
    }

    public Future<Void> setStatement(SqlClient tx, UUID caseId, UUID partyId,
            PartyStatement statement, Instant at) {
        return tx.preparedQuery(SET_STATEMENT).execute(Tuple.of(caseId, partyId,
                CaseJson.statement(statement), utc(at))).mapEmpty();
    }

    public Future<Void> setSignature(SqlClient tx, UUID caseId, UUID partyId,
            Signature signature) {
        return tx.preparedQuery(SET_SIGNATURE).execute(Tuple.of(caseId, partyId,
                Base64.getEncoder().encodeToString(signature.png()), utc(signature.signedAt())))
                .mapEmpty();
    }

    public Future<Optional<CasePhoto>> photoByKey(SqlClient client, UUID caseId, String key) {
        return client.preparedQuery(PHOTO_BY_KEY).execute(Tuple.of(caseId, key))
                .map(rows -> first(rows, AccidentRepository::photo));
    }

    public Future<Optional<CasePhoto>> photo(UUID caseId, UUID photoId) {
        return pool.preparedQuery(PHOTO_BY_ID).execute(Tuple.of(caseId, photoId))
                .map(rows -> first(rows, AccidentRepository::photo));
    }

    public Future<Void> upsertPhoto(SqlClient tx, UUID caseId, CasePhoto p) {
        LatLon at = p.position();
        return tx.preparedQuery(UPSERT_PHOTO).execute(Tuple.from(new Object[] {caseId,
                PhotoSlots.key(p.slot()), p.idempotencyKey(), p.sha256(),
                p.type().contentType(), p.sizeBytes(),
                p.takenAt() == null ? null : utc(p.takenAt()), at == null ? null : at.lat(),
                at == null ? null : at.lon(), CaseJson.flags(p.flags()), p.uploadedBy()}))
                .mapEmpty();
    }

    public Future<UUID> insertAgreement(SqlClient tx, UUID caseId, String code,
            AgreementRecord.Summary summary) {
        return tx.preparedQuery(INSERT_AGREEMENT)
                .execute(Tuple.of(caseId, code, CaseJson.summary(summary)))
                .map(rows -> rows.iterator().next().getUUID(0));
    }

    public Future<Optional<AgreementRecord>> agreementOfCase(UUID caseId) {
        return agreementOfCase(pool, caseId);
    }

    public Future<Optional<AgreementRecord>> agreementOfCase(SqlClient client, UUID caseId) {
        return client.preparedQuery(AGREEMENT_OF_CASE).execute(Tuple.of(caseId))
                .map(rows -> first(rows, r -> agreement(r, caseId)));
    }

    public Future<Optional<AgreementRecord>> agreementByCode(String code) {
        return pool.preparedQuery(AGREEMENT_BY_CODE).execute(Tuple.of(code))
                .map(rows -> first(rows, r -> agreement(r, r.getUUID("case_id"))));
    }

    public Future<Map<CaseState, Long>> countByState() {
        return pool.query(COUNT_BY_STATE).execute().map(rows -> {
            Map<CaseState, Long> counts = new LinkedHashMap<>();
            for (CaseState s : CaseState.values()) {
                counts.put(s, 0L);
            }
            rows.forEach(r -> counts.put(CaseState.valueOf(r.getString(0)), r.getLong(1)));
            return counts;
        });
    }

    private static AccidentCase accidentCase(Row r, List<CaseParty> parties,
            List<CasePhoto> photos) {
        Double roadLat = r.getDouble("road_lat");
        var road = new AccidentCase.Road(roadLat == null ? null
                : new LatLon(roadLat, r.getDouble("road_lon")), r.getString("road_name"),
                r.getString("road_class"), r.getBoolean("expressway"));
        return new AccidentCase(r.getUUID("id"), r.getString("case_no"),
                r.getString("share_code"), CaseState.valueOf(r.getString("state")),
                r.getInteger("version"), r.getUUID("reporter_id"), instant(r, "occurred_at"),
                instant(r, "reported_at"), new LatLon(r.getDouble("lat"), r.getDouble("lon")),
                road, Weather.valueOf(r.getString("weather")),
                AccidentForm.valueOf(r.getString("accident_form")), plates(r),
                CaseJson.column(r, "checklist", CaseJson::checklist),
                CaseJson.column(r, "eligibility", CaseJson::eligibility),
                CaseJson.column(r, "decision", CaseJson::decision),
                CaseJson.column(r, "police_decision", CaseJson::policeDecision),
                CaseJson.flags(r.getJsonArray("flags")), r.getBoolean("medical_advance"),
                parties, photos);
    }

    private static CaseParty party(Row r) {
        Buffer licence = r.getBuffer("licence_no_enc");
        String plate = r.getString("plate");
        String label = r.getString("label");
        String signature = r.getString("signature");
        return new CaseParty(r.getUUID("id"), label, r.getUUID("account_id"),
                instant(r, "joined_at"), r.getString("name"), r.getString("phone"),
                plate == null ? null : PlateNumber.parse(plate), r.getString("vehicle_type"),
                licence == null ? null : licence.getBytes(), r.getString("licence_masked"),
                r.getString("insurer_code"), r.getString("policy_no"),
                r.getString("collision_part"), CaseJson.column(r, "statement",
                        json -> CaseJson.statement(label, json)),
                instant(r, "stated_at"), signature == null ? null : new Signature(
                        Base64.getDecoder().decode(signature), instant(r, "signed_at")));
    }

    private static CasePhoto photo(Row r) {
        Double lat = r.getDouble("lat");
        return new CasePhoto(r.getUUID("id"), PhotoSlots.parseKey(r.getString("slot")),
                r.getString("idempotency_key"), r.getString("sha256"),
                PhotoSlots.typeOf(r.getString("content_type")), r.getInteger("size_bytes"),
                instant(r, "taken_at"), lat == null ? null : new LatLon(lat, r.getDouble("lon")),
                CaseJson.flags(r.getJsonArray("flags")), r.getUUID("uploaded_by"),
                instant(r, "uploaded_at"));
    }

    private static AgreementRecord agreement(Row r, UUID caseId) {
        return new AgreementRecord(r.getUUID("id"), caseId, r.getString("verification_code"),
                CaseJson.column(r, "summary", CaseJson::summary), instant(r, "created_at"));
    }

    static List<PlateNumber> plates(Row r) {
        return Arrays.stream(r.getArrayOfStrings("plates")).map(PlateNumber::parse).toList();
    }

    static String[] plateValues(List<PlateNumber> plates) {
        return plates.stream().map(PlateNumber::value).toArray(String[]::new);
    }

    static <T> List<T> list(RowSet<Row> rows, Function<Row, T> map) {
        List<T> list = new ArrayList<>();
        rows.forEach(r -> list.add(map.apply(r)));
        return list;
    }

    private static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> map) {
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

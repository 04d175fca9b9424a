package cn.anxing.accident;

import cn.anxing.accident.AccidentRepository.AccidentCase;
import cn.anxing.accident.AccidentRepository.PartyRow;
import cn.anxing.accident.AccidentRepository.PhotoRow;
import cn.anxing.accident.agreement.AccidentForm;
import cn.anxing.accident.agreement.AgreementParty;
import cn.anxing.accident.agreement.AgreementPdf;
import cn.anxing.accident.agreement.AgreementSeal;
import cn.anxing.accident.agreement.SettlementAgreement;
import cn.anxing.accident.agreement.Signature;
import cn.anxing.accident.agreement.Weather;
import cn.anxing.accident.eligibility.ChecklistAnswers;
import cn.anxing.accident.eligibility.EligibilityCheck;
import cn.anxing.accident.eligibility.EligibilityResult;
import cn.anxing.accident.eligibility.RoadClass;
import cn.anxing.accident.eligibility.RoadLocation;
import cn.anxing.accident.liability.Assessment;
import cn.anxing.accident.liability.LiabilityDecision;
import cn.anxing.accident.liability.LiabilityEngine;
import cn.anxing.accident.liability.LiabilityGrade;
import cn.anxing.accident.liability.PartyStatement;
import cn.anxing.accident.liability.ScenarioCatalogue;
import cn.anxing.accident.photo.InspectedPhoto;
import cn.anxing.accident.photo.PhotoCheck;
import cn.anxing.accident.photo.PhotoInspector;
import cn.anxing.accident.photo.PhotoType;
import cn.anxing.accident.photo.RequiredPhotos;
import cn.anxing.accident.privacy.FieldCipher;
import cn.anxing.accident.privacy.Masking;
import cn.anxing.outbox.Outbox;
import cn.anxing.outbox.OutboxMessage;
import cn.anxing.routing.PointNotOnRoadException;
import cn.anxing.routing.RoadNetwork;
import cn.anxing.routing.RoutingService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accident self-service use cases (事故快处): report, eligibility, evidence, parties,
 * liability, agreement, insurers; and the police review. Each change to a case runs in one
 * transaction that ends by bumping the case's version, so two phones acting at once cannot both
 * succeed on the same version (the loser gets {@code VERSION_CONFLICT}, a 409).
 */
public final class AccidentService {

    private static final Logger LOG = LoggerFactory.getLogger(AccidentService.class);

    /** Share codes avoid letters that read like digits (O/0, I/1). */
    private static final String SHARE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final int MAX_VEHICLES = 5;
    private static final int MAX_SIGNATURE_BYTES = 300 * 1024;
    public static final String AGREEMENT_TOPIC = "accident.agreement.signed";

    /** What the phone sends to start a report. */
    public record ReportRequest(double lat, double lon, Instant occurredAt, List<String> plates,
            String weather, String accidentForm, boolean ignoreDuplicates) {
    }

    /** A party's own details. */
    public record PartyRequest(String name, String plate, String vehicleType, String licenceNo,
            String insurerCode, String policyNo, String collisionPart) {
    }

    /**
     * The result of a report: the new case, or the open cases it probably repeats (then nothing
     * was created and the reporter may join one of them).
     */
    public record ReportResult(JsonObject createdCase, JsonArray duplicates) {
    }

    /** A photo to send back. */
    public record PhotoFile(String contentType, byte[] bytes) {
    }

    private final Vertx vertx;
    private final AccidentRepository repository;
    private final Outbox outbox;
    private final Runnable wakeOutbox;
    private final RoutingService routing;
    private final ScenarioCatalogue catalogue;
    private final EligibilityCheck eligibility;
    private final PhotoInspector inspector;
    private final PhotoCheck photoCheck;
    private final PhotoStore photos;
    private final FieldCipher cipher;
    private final AgreementSeal seal;
    private final AgreementPdf pdf;
    private final DuplicateReportRule duplicateRule;
    private final Duration duplicateWindow;
    private final Clock clock;
    private final AccidentViews views;
    private final AtomicLong duplicatesAvoided = new AtomicLong();
    private final SecureRandom random = new SecureRandom();

    public AccidentService(Vertx vertx, AccidentRepository repository, Outbox outbox,
            Runnable wakeOutbox, RoutingService routing, ScenarioCatalogue catalogue,
            EligibilityCheck eligibility, PhotoInspector inspector, PhotoCheck photoCheck,
            PhotoStore photos, FieldCipher cipher, AgreementSeal seal, AgreementPdf pdf,
            DuplicateReportRule duplicateRule, Duration duplicateWindow, Clock clock) {
        this.vertx = vertx;
        this.repository = repository;
        this.outbox = outbox;
        this.wakeOutbox = wakeOutbox;
        this.routing = routing;
        this.catalogue = catalogue;
        this.eligibility = eligibility;
        this.inspector = inspector;
        this.photoCheck = photoCheck;
        this.photos = photos;
        this.cipher = cipher;
        this.seal = seal;
        this.pdf = pdf;
        this.duplicateRule = duplicateRule;
        this.duplicateWindow = duplicateWindow;
        this.clock = clock;
        this.views = new AccidentViews(catalogue, cipher);
    }

    /** Reads the counters kept in the database, so /metrics is right after a restart. */
    public Future<Void> start() {
        return repository.duplicateCounts().onSuccess(c -> duplicatesAvoided.set(c[1]))
                .mapEmpty();
    }

    public ScenarioCatalogue catalogue() {
        return catalogue;
    }

    /** Repeated reports that joined an existing case instead of opening another. */
    public long duplicatesAvoided() {
        return duplicatesAvoided.get();
    }

    // ---- location and report ------------------------------------------------------------

    /** The road at a point, as the report page shows it before the case is created. */
    public Future<JsonObject> locate(double lat, double lon) {
        return snap(lat, lon).map(AccidentViews::location);
    }

    public Future<ReportResult> report(UUID actor, ReportRequest request) {
        List<PlateNumber> plates = plates(request.plates());
        Weather weather = enumValue(Weather.class, request.weather(), "weather");
        AccidentForm form = enumValue(AccidentForm.class, request.accidentForm(), "accidentForm");
        Instant now = now();
        Instant occurredAt = request.occurredAt() == null ? now
                : request.occurredAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        if (occurredAt.isAfter(now.plus(Duration.ofMinutes(5)))
                || occurredAt.isBefore(now.minus(Duration.ofDays(3)))) {
            throw new AccidentException("OCCURRED_AT_INVALID",
                    "事故时间须在三天内且不晚于现在 / the accident time must be within the last"
                            + " three days and not in the future", "occurredAt");
        }
        return snap(request.lat(), request.lon()).compose(location -> {
            Future<JsonArray> duplicates = request.ignoreDuplicates()
                    ? Future.succeededFuture(new JsonArray())
                    : duplicatesOf(actor, new Position(request.lat(), request.lon()), plates, now);
            return duplicates.compose(found -> {
                if (!found.isEmpty()) {
                    return Future.succeededFuture(new ReportResult(null, found));
                }
                var newCase = new AccidentRepository.NewCase(shareCode(), actor, occurredAt,
                        request.lat(), request.lon(), location.snapLat(), location.snapLon(),
                        location.roadName(), location.roadClass(), location.expressway(),
                        weather.name(), form.name(),
                        plates.stream().map(PlateNumber::value).toList());
                return repository.pool().withTransaction(tx -> repository.insertCase(tx, newCase)
                        .compose(id -> repository.insertParty(tx, id, "A", actor,
                                plates.get(0).value()).map(id)))
                        .compose(id -> view(actor, id))
                        .map(view -> new ReportResult(view, null));
            });
        });
    }

    private Future<JsonArray> duplicatesOf(UUID actor, Position position,
            List<PlateNumber> plates, Instant now) {
        return repository.openCasesSince(now.minus(duplicateWindow),
                plates.stream().map(PlateNumber::value).toList()).compose(open -> {
            var report = new DuplicateReportRule.NewReport(now, position, Set.copyOf(plates));
            List<DuplicateReportRule.OpenCase> cases = open.stream()
                    .map(c -> new DuplicateReportRule.OpenCase(c.id().toString(), c.reportedAt(),
                            new Position(c.lat(), c.lon()), plateSet(c.plates()))).toList();
            List<DuplicateReportRule.Candidate> candidates = duplicateRule.candidates(report,
                    cases);
            JsonArray found = new JsonArray();
            Future<Void> offers = Future.succeededFuture();
            for (var candidate : candidates) {
                UUID caseId = UUID.fromString(candidate.openCase().caseId());
                offers = offers.compose(x -> repository.offer(caseId, actor));
                found.add(new JsonObject().put("caseId", caseId.toString())
                        .put("reportedAt", candidate.openCase().reportedAt().toString())
                        .put("distanceMetres", Math.round(candidate.distanceMetres()))
                        .put("minutesApart", candidate.timeApart().toMinutes())
                        .put("sharedPlates", new JsonArray(candidate.openCase().plates().stream()
                                .filter(plates::contains).map(PlateNumber::value).toList())));
            }
            return offers.map(found);
        });
    }

    /**
     * Joins a case: by the share code the other driver shows, or by the case a repeated report
     * was offered. Joining an offered case counts one repeated report avoided.
     */
    public Future<JsonObject> join(UUID actor, String shareCode, UUID offeredCaseId) {
        Future<UUID> caseId;
        if (shareCode != null) {
            caseId = repository.caseIdByShareCode(shareCode.trim().toUpperCase()).map(found ->
                    found.orElseThrow(() -> new AccidentException("SHARE_CODE_UNKNOWN",
                            "分享码不存在 / no case has this share code", "shareCode")));
        } else if (offeredCaseId != null) {
            caseId = repository.hasOffer(repository.pool(), offeredCaseId, actor).map(offered -> {
                if (!offered) {
                    throw notFound();
                }
                return offeredCaseId;
            });
        } else {
            throw new AccidentException("SHARE_CODE_REQUIRED", "shareCode is required",
                    "shareCode");
        }
        return caseId.compose(id -> repository.pool().withTransaction(tx ->
                repository.load(tx, id).compose(found -> {
                    AccidentCase c = found.orElseThrow(AccidentService::notFound);
                    Future<Boolean> avoided = offeredCaseId == null
                            ? Future.succeededFuture(false)
                            : repository.acceptOffer(tx, id, actor);
                    if (c.partyOf(actor).isPresent()) {
                        return avoided.map(id);
                    }
                    if (!Set.of(CaseState.DRAFT, CaseState.EVIDENCE, CaseState.PARTIES)
                            .contains(c.row().state())) {
                        throw new AccidentException("CASE_CLOSED_TO_JOIN", "这起事故已不能加入 /"
                                + " the case is past the point where parties join", "shareCode");
                    }
                    if (c.parties().size() >= c.row().plates().size()) {
                        throw new AccidentException("CASE_FULL", "每辆车都已有当事人 / every"
                                + " vehicle of this case has its party already", "shareCode");
                    }
                    String label = String.valueOf((char) ('A' + c.parties().size()));
                    return avoided.compose(x -> repository.insertParty(tx, id, label, actor, null))
                            .compose(x -> repository.bump(tx, id, c.row().version(),
                                    c.row().state()))
                            .map(ok -> {
                                requireFresh(ok);
                                return id;
                            });
                })))
                .compose(id -> countAvoided(offeredCaseId).compose(x -> view(actor, id)));
    }

    private Future<Void> countAvoided(UUID offeredCaseId) {
        if (offeredCaseId == null) {
            return Future.succeededFuture();
        }
        return repository.duplicateCounts().onSuccess(c -> duplicatesAvoided.set(c[1]))
                .mapEmpty();
    }

    /** The active insurers a party chooses from. */
    public Future<JsonArray> insurers() {
        return repository.insurers().map(list -> new JsonArray(list.stream()
                .filter(AccidentRepository.InsurerRow::active)
                .map(i -> new JsonObject().put("code", i.code()).put("nameZh", i.nameZh())
                        .put("nameEn", i.nameEn())).toList()));
    }

    // ---- reading ---------------------------------------------------------------------------

    public Future<JsonObject> view(UUID actor, UUID caseId) {
        return repository.load(repository.pool(), caseId).compose(found -> {
            AccidentCase c = found.filter(x -> x.partyOf(actor).isPresent())
                    .orElseThrow(AccidentService::notFound);
            return repository.agreementOfCase(caseId).map(agreement ->
                    views.forParty(c, actor, agreement.orElse(null)));
        });
    }

    public Future<JsonArray> myCases(UUID actor) {
        return repository.caseIdsOf(actor).compose(ids -> {
            List<Future<JsonObject>> all = ids.stream().map(id -> view(actor, id)).toList();
            return Future.all(all).map(x -> new JsonArray(all.stream()
                    .map(f -> AccidentViews.summary(f.result())).toList()));
        });
    }

    public Future<List<JsonObject>> transitions(UUID actor, UUID caseId, boolean police) {
        return repository.load(repository.pool(), caseId).compose(found -> {
            found.filter(c -> police || c.partyOf(actor).isPresent())
                    .orElseThrow(AccidentService::notFound);
            return repository.transitions(caseId);
        });
    }

    public Future<PhotoFile> photo(UUID actor, boolean police, UUID caseId, UUID photoId) {
        return repository.load(repository.pool(), caseId).compose(found -> {
            found.filter(c -> police || c.partyOf(actor).isPresent())
                    .orElseThrow(AccidentService::notFound);
            return repository.photo(caseId, photoId);
        }).compose(photo -> {
            PhotoRow p = photo.orElseThrow(AccidentService::notFound);
            String ext = typeOf(p.contentType()).extension();
            return vertx.executeBlocking(() -> new PhotoFile(p.contentType(),
                    photos.read(p.sha256(), ext)), false);
        });
    }

    // ---- eligibility -------------------------------------------------------------------------

    public Future<JsonObject> answerChecklist(UUID actor, UUID caseId, Integer expectedVersion,
            ChecklistAnswers answers) {
        return change(actor, caseId, expectedVersion, (tx, c, update) -> {
            RoadLocation road = new RoadLocation(RoadClass.ofOsm(c.row().roadClass()),
                    c.row().expressway());
            ChecklistAnswers counted = withVehicles(answers, c.row().plates().size());
            EligibilityResult result = eligibility.check(counted, road);
            update.fire(result.selfServiceAllowed() ? CaseEvent.CHECKLIST_PASSED
                    : CaseEvent.CHECKLIST_FAILED);
            return repository.setChecklist(tx, caseId, AccidentViews.checklist(counted),
                    AccidentViews.eligibility(result), result.medicalAdvancePath());
        });
    }

    // ---- evidence ----------------------------------------------------------------------------

    /**
     * Stores a photo in its slot. Retry-safe: the same Idempotency-Key returns the photo stored
     * the first time and changes nothing; the bytes are stored by hash, so nothing is stored
     * twice.
     */
    public Future<JsonObject> uploadPhoto(UUID actor, UUID caseId, String slotName,
            String idempotencyKey, byte[] bytes) {
        if (idempotencyKey == null || !idempotencyKey.matches("[A-Za-z0-9._:-]{8,128}")) {
            throw new AccidentException("IDEMPOTENCY_KEY_REQUIRED", "an Idempotency-Key header of"
                    + " 8 to 128 letters, digits or . _ : - is required", "Idempotency-Key");
        }
        return repository.photoByKey(repository.pool(), caseId, idempotencyKey).compose(done -> {
            if (done.isPresent()) {
                return view(actor, caseId).map(v -> new JsonObject().put("replayed", true)
                        .put("photo", AccidentViews.photo(done.get())).put("case", v));
            }
            return vertx.executeBlocking(() -> inspector.inspect(bytes), false)
                    .compose(inspected -> change(actor, caseId, null, (tx, c, update) ->
                            storePhoto(tx, actor, c, update, slotName, idempotencyKey, inspected,
                                    bytes)))
                    .map(v -> new JsonObject().put("replayed", false).put("case", v));
        });
    }

    private Future<Void> storePhoto(SqlConnection tx, UUID actor, AccidentCase c,
            CaseUpdate update, String slotName, String key, InspectedPhoto inspected,
            byte[] bytes) {
        CaseState state = c.row().state();
        if (state != CaseState.EVIDENCE && state != CaseState.PARTIES) {
            throw new AccidentException(CaseStateMachine.ILLEGAL_TRANSITION, "照片只能在取证阶段上传"
                    + " / photos are taken in the evidence step; the case is " + state, "slot");
        }
        List<PlateNumber> plates = plateList(c.row().plates());
        RequiredPhotos.Slot slot = AccidentViews.parseSlot(slotName, plates);
        List<PhotoCheck.Flag> flags = photoCheck.check(inspected, c.row().reportedAt(),
                new Position(c.row().lat(), c.row().lon()));
        JsonArray flagJson = new JsonArray(flags.stream().map(AccidentViews::flag).toList());
        var row = new PhotoRow(null, AccidentViews.slotKey(slot), key, inspected.sha256(),
                inspected.type().contentType(), inspected.sizeBytes(), inspected.takenAt(),
                inspected.position() == null ? null : inspected.position().lat(),
                inspected.position() == null ? null : inspected.position().lon(), flagJson,
                actor, null);
        Set<RequiredPhotos.Slot> uploaded = new HashSet<>();
        c.photos().forEach(p -> uploaded.add(AccidentViews.parseSlotKey(p.slot())));
        uploaded.add(slot);
        if (state == CaseState.EVIDENCE && RequiredPhotos.missing(uploaded, plates).isEmpty()) {
            update.fire(CaseEvent.EVIDENCE_SUBMITTED);
            if (allPartiesReady(c.parties(), c.row().plates().size())) {
                update.fire(CaseEvent.ALL_PARTIES_JOINED);
            }
        }
        Future<Void> written = vertx.executeBlocking(() -> {
            photos.store(inspected.sha256(), inspected.type().extension(), bytes);
            return null;
        }, false);
        Future<Void> stored = written.compose(x -> repository.upsertPhoto(tx, c.row().id(), row));
        if (flags.isEmpty()) {
            return stored;
        }
        JsonArray caseFlags = c.row().flags().copy();
        flags.forEach(f -> caseFlags.add(AccidentViews.flag(f).put("slot", row.slot())));
        return stored.compose(x -> repository.setFlags(tx, c.row().id(), caseFlags));
    }

    // ---- parties -----------------------------------------------------------------------------

    public Future<JsonObject> updateParty(UUID actor, UUID caseId, Integer expectedVersion,
            PartyRequest request) {
        return change(actor, caseId, expectedVersion, (tx, c, update) -> {
            CaseState state = c.row().state();
            if (!Set.of(CaseState.DRAFT, CaseState.EVIDENCE, CaseState.PARTIES).contains(state)) {
                throw new AccidentException(CaseStateMachine.ILLEGAL_TRANSITION, "当事人信息已锁定 /"
                        + " party details are fixed once liability is being settled", null);
            }
            PartyRow me = c.partyOf(actor).orElseThrow();
            PlateNumber plate = PlateNumber.parse(request.plate(), "plate");
            if (!c.row().plates().contains(plate.value())) {
                throw new AccidentException("PLATE_NOT_IN_CASE", "号牌 " + plate.value()
                        + " 不在本事故的车辆中 / this plate is not one of the case's vehicles: "
                        + c.row().plates(), "plate");
            }
            boolean taken = c.parties().stream().anyMatch(p -> !p.id().equals(me.id())
                    && plate.value().equals(p.plate()));
            if (taken) {
                throw new AccidentException("PLATE_TAKEN", "另一位当事人已登记该号牌 / another"
                        + " party has registered this plate", "plate");
            }
            String licence = required(request.licenceNo(), "licenceNo").toUpperCase();
            if (!licence.matches("[0-9A-Z]{12,18}")) {
                throw new AccidentException("LICENCE_INVALID", "驾驶证号为 12 到 18 位数字或字母 /"
                        + " a licence number has 12 to 18 digits or letters", "licenceNo");
            }
            String insurer = required(request.insurerCode(), "insurerCode");
            var details = new AccidentRepository.PartyDetails(required(request.name(), "name"),
                    plate.value(), required(request.vehicleType(), "vehicleType"),
                    cipher.encrypt(licence, licenceContext(me.id())),
                    Masking.licenceOrId(licence), insurer,
                    required(request.policyNo(), "policyNo"),
                    required(request.collisionPart(), "collisionPart"));
            List<PartyRow> after = new ArrayList<>(c.parties());
            after.replaceAll(p -> p.id().equals(me.id()) ? withDetails(p, details) : p);
            if (state == CaseState.PARTIES && allPartiesReady(after, c.row().plates().size())) {
                update.fire(CaseEvent.ALL_PARTIES_JOINED);
            }
            return repository.insurers(tx).compose(insurers -> {
                if (insurers.stream().noneMatch(i -> i.code().equals(insurer) && i.active())) {
                    throw new AccidentException("INSURER_UNKNOWN", "保险公司代码不存在 / no insurer"
                            + " has the code " + insurer, "insurerCode");
                }
                return repository.updateParty(tx, caseId, me.id(), details);
            });
        });
    }

    // ---- liability ---------------------------------------------------------------------------

    /**
     * A party's statement: for every party, a catalogue scenario, NOT_AT_FAULT or
     * UNLISTED_FAULT; or {@code declined}. When every party has stated, the engine decides.
     */
    public Future<JsonObject> state(UUID actor, UUID caseId, Integer expectedVersion,
            boolean declined, Map<String, String> assessments) {
        return change(actor, caseId, expectedVersion, (tx, c, update) -> {
            if (c.row().state() != CaseState.LIABILITY) {
                throw new AccidentException(CaseStateMachine.ILLEGAL_TRANSITION, "现在不能陈述 /"
                        + " statements are made in the liability step; the case is "
                        + c.row().state(), null);
            }
            PartyRow me = c.partyOf(actor).orElseThrow();
            if (me.statement() != null) {
                throw new AccidentException("ALREADY_STATED", "您已陈述过 / you have made your"
                        + " statement already", null);
            }
            JsonObject statement = new JsonObject().put("declined", declined);
            if (!declined) {
                statement.put("assessments", checkedAssessments(c, assessments));
            }
            Instant now = now();
            List<PartyStatement> statements = new ArrayList<>();
            for (PartyRow p : c.parties()) {
                JsonObject s = p.id().equals(me.id()) ? statement : p.statement();
                if (s != null) {
                    statements.add(AccidentViews.toStatement(p.label(), s));
                }
            }
            Future<Void> saved = repository.setStatement(tx, caseId, me.id(), statement, now);
            if (declined) {
                update.fire(CaseEvent.LIABILITY_DISPUTED);
                return saved.compose(x -> repository.setDecision(tx, caseId,
                        AccidentViews.declinedDecision(me.label(), catalogue.version())));
            }
            if (statements.size() < c.parties().size()) {
                return saved;
            }
            LiabilityDecision decision = LiabilityEngine.decide(catalogue, statements);
            if (!decision.settled()) {
                update.fire(CaseEvent.LIABILITY_DISPUTED);
            }
            return saved.compose(x -> repository.setDecision(tx, caseId,
                    AccidentViews.decision(decision)));
        });
    }

    private JsonObject checkedAssessments(AccidentCase c, Map<String, String> assessments) {
        JsonObject checked = new JsonObject();
        for (PartyRow p : c.parties()) {
            String value = assessments.get(p.label());
            if (value == null || value.isBlank()) {
                throw new AccidentException("STATEMENT_INCOMPLETE", "请说明当事人" + p.label()
                        + "的情形 / say what party " + p.label() + " did",
                        "assessments." + p.label());
            }
            if (!value.equals(Assessment.Kind.NOT_AT_FAULT.name())
                    && !value.equals(Assessment.Kind.UNLISTED_FAULT.name())) {
                catalogue.require(value, "assessments." + p.label());
            }
            checked.put(p.label(), value);
        }
        for (String label : assessments.keySet()) {
            if (c.parties().stream().noneMatch(p -> p.label().equals(label))) {
                throw new AccidentException("STATEMENT_INVALID", "当事人" + label + "不在本案中 /"
                        + " party " + label + " is not a party of this case",
                        "assessments." + label);
            }
        }
        return checked;
    }

    /** A party asks for the police before liability is settled (申请交警处理). */
    public Future<JsonObject> requestPolice(UUID actor, UUID caseId, Integer expectedVersion) {
        return change(actor, caseId, expectedVersion, (tx, c, update) -> {
            update.fire(CaseEvent.POLICE_REQUESTED);
            return Future.succeededFuture();
        });
    }

    // ---- agreement ---------------------------------------------------------------------------

    /**
     * A party confirms the decision and signs. When the last party signs, the agreement is
     * sealed, the case becomes AGREED and each party's insurer is enqueued a notification in
     * the same transaction.
     */
    public Future<JsonObject> sign(UUID actor, UUID caseId, Integer expectedVersion,
            String signaturePngBase64) {
        byte[] png = signaturePng(signaturePngBase64);
        return change(actor, caseId, expectedVersion, (tx, c, update) -> {
            JsonObject decision = c.row().decision();
            if (c.row().state() != CaseState.LIABILITY || decision == null
                    || !"SETTLED".equals(decision.getString("outcome"))) {
                throw new AccidentException(CaseStateMachine.ILLEGAL_TRANSITION, "责任尚未认定，"
                        + "不能签字 / there is no settled liability to sign yet", null);
            }
            PartyRow me = c.partyOf(actor).orElseThrow();
            if (me.signedAt() != null) {
                throw new AccidentException("ALREADY_SIGNED", "您已签字确认 / you have signed"
                        + " already", "signature");
            }
            Instant now = now();
            String encoded = Base64.getEncoder().encodeToString(png);
            Future<Void> saved = repository.setSignature(tx, caseId, me.id(), encoded, now);
            boolean last = c.parties().stream()
                    .allMatch(p -> p.id().equals(me.id()) || p.signedAt() != null);
            if (!last) {
                return saved;
            }
            List<PartyRow> signed = c.parties().stream().map(p -> p.id().equals(me.id())
                    ? withSignature(p, encoded, now) : p).toList();
            SettlementAgreement agreement = agreementOf(c, signed);
            String code = AgreementSeal.normalise(seal.code(agreement));
            update.fire(CaseEvent.LIABILITY_SETTLED);
            update.afterCommit(wakeOutbox);
            return saved.compose(x -> repository.insertAgreement(tx, caseId, code,
                            AccidentViews.agreementSummary(c, agreement, code)))
                    .compose(agreementId -> notifyInsurers(tx, c, agreement, agreementId, code));
        });
    }

    private Future<Void> notifyInsurers(SqlConnection tx, AccidentCase c,
            SettlementAgreement agreement, UUID agreementId, String code) {
        Set<String> insurers = new LinkedHashSet<>();
        agreement.parties().forEach(p -> insurers.add(p.insurer()));
        Future<Void> all = Future.succeededFuture();
        for (String insurer : insurers) {
            JsonObject body = AccidentViews.insurerNotification(c, agreement, agreementId, code,
                    insurer);
            var message = new OutboxMessage(insurerEndpoint(insurer), AGREEMENT_TOPIC,
                    "agreement:" + agreementId + ":insurer:" + insurer, body);
            all = all.compose(x -> outbox.enqueue(tx, message).mapEmpty());
        }
        return all;
    }

    public static String insurerEndpoint(String insurerCode) {
        return "insurer:" + insurerCode;
    }

    public Future<JsonObject> agreement(UUID actor, UUID caseId) {
        return signedAgreement(actor, caseId).map(found -> AccidentViews.agreement(
                found.agreement(), found.code(), catalogue));
    }

    public Future<byte[]> agreementPdf(UUID actor, UUID caseId) {
        return signedAgreement(actor, caseId).compose(found -> vertx.executeBlocking(
                () -> pdf.render(found.agreement(), catalogue, formatCode(found.code())), false));
    }

    private record Sealed(SettlementAgreement agreement, String code) {
    }

    private Future<Sealed> signedAgreement(UUID actor, UUID caseId) {
        return repository.load(repository.pool(), caseId).compose(found -> {
            AccidentCase c = found.filter(x -> x.partyOf(actor).isPresent())
                    .orElseThrow(AccidentService::notFound);
            return repository.agreementOfCase(caseId).map(a -> new Sealed(
                    agreementOf(c, c.parties()), a.orElseThrow(() -> new AccidentException(
                            "AGREEMENT_NOT_SIGNED", "协议书尚未签署 / the agreement is not signed"
                                    + " by every party yet", null)).verificationCode()));
        });
    }

    /**
     * Whether a verification code belongs to a genuine agreement that is unchanged: the code is
     * looked up, the agreement rebuilt from the stored case and sealed again; any change to a
     * field since signing makes the seal differ.
     */
    public Future<JsonObject> verify(String typedCode) {
        String code = AgreementSeal.normalise(typedCode);
        if (code == null) {
            return Future.succeededFuture(new JsonObject().put("genuine", false)
                    .put("reason", "MALFORMED_CODE"));
        }
        return repository.agreementByCode(code).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(new JsonObject().put("genuine", false)
                        .put("reason", "UNKNOWN_CODE"));
            }
            return repository.load(repository.pool(), found.get().caseId()).map(c -> {
                SettlementAgreement agreement = agreementOf(c.orElseThrow(), c.get().parties());
                boolean unchanged = seal.verify(agreement, code);
                return new JsonObject().put("genuine", unchanged)
                        .put("reason", unchanged ? null : "CONTENT_CHANGED")
                        .put("verificationCode", formatCode(code))
                        .put("agreement", found.get().summary());
            });
        });
    }

    public Future<JsonArray> notifications(UUID actor, UUID caseId) {
        return repository.load(repository.pool(), caseId).compose(found -> {
            found.filter(c -> c.partyOf(actor).isPresent()).orElseThrow(AccidentService::notFound);
            return repository.agreementOfCase(caseId);
        }).compose(agreement -> agreement.isEmpty() ? Future.succeededFuture(new JsonArray())
                : outbox.findByKeyPrefix("agreement:" + agreement.get().id() + ":")
                        .map(list -> new JsonArray(list.stream()
                                .map(AccidentViews::notification).toList())));
    }

    // ---- police ------------------------------------------------------------------------------

    public Future<JsonArray> policeQueue() {
        return repository.policeQueue().compose(ids -> {
            List<Future<Optional<AccidentCase>>> all = ids.stream()
                    .map(id -> repository.load(repository.pool(), id)).toList();
            return Future.all(all).map(x -> new JsonArray(all.stream()
                    .map(f -> AccidentViews.queueEntry(f.result().orElseThrow())).toList()));
        });
    }

    public Future<JsonObject> policeView(UUID caseId) {
        return repository.load(repository.pool(), caseId).compose(found -> {
            AccidentCase c = found.orElseThrow(AccidentService::notFound);
            return repository.transitions(caseId).map(t -> views.forPolice(c, t));
        });
    }

    /** The officer's determination (交警认定): any of the five grades for each party. */
    public Future<JsonObject> decide(UUID officer, UUID caseId, Integer expectedVersion,
            Map<String, String> grades, String note) {
        return change(officer, caseId, expectedVersion, true, (tx, c, update) -> {
            JsonObject decided = new JsonObject();
            for (PartyRow p : c.parties()) {
                String grade = grades.get(p.label());
                if (grade == null) {
                    throw new AccidentException("GRADE_REQUIRED", "请认定当事人" + p.label()
                            + "的责任 / give party " + p.label() + " a grade", "grades."
                            + p.label());
                }
                decided.put(p.label(), enumValue(LiabilityGrade.class, grade,
                        "grades." + p.label()).name());
            }
            for (String label : grades.keySet()) {
                if (!decided.containsKey(label)) {
                    throw new AccidentException("GRADE_INVALID", "当事人" + label + "不在本案中 /"
                            + " party " + label + " is not a party of this case",
                            "grades." + label);
                }
            }
            update.fire(CaseEvent.POLICE_DECIDED);
            return repository.setPoliceDecision(tx, caseId, new JsonObject()
                    .put("grades", decided).put("note", note == null ? "" : note)
                    .put("officer", officer.toString())
                    .put("decidedAt", now().toString()));
        }).compose(x -> policeView(caseId));
    }

    /** Closes a case that is agreed or decided (结案); nothing changes on it afterwards. */
    public Future<JsonObject> close(UUID officer, UUID caseId, Integer expectedVersion) {
        return change(officer, caseId, expectedVersion, true, (tx, c, update) -> {
            update.fire(CaseEvent.CLOSED);
            return Future.<Void>succeededFuture();
        }).compose(x -> policeView(caseId));
    }

    public Future<JsonObject> statistics() {
        return repository.countByState().compose(states -> repository.duplicateCounts()
                .map(d -> new JsonObject()
                        .put("casesByState", new JsonObject(new LinkedHashMap<>(states)))
                        .put("duplicatesOffered", d[0])
                        .put("duplicatesAvoided", d[1])));
    }

    // ---- the change pipeline ------------------------------------------------------------------

    /** One change to one case: runs in a transaction, may fire state events. */
    interface Change {
        Future<Void> apply(SqlConnection tx, AccidentCase c, CaseUpdate update);
    }

    /** The state events fired during one change, recorded with who and when. */
    final class CaseUpdate {
        private final String actor;
        private CaseState state;
        private final List<CaseTransition> transitions = new ArrayList<>();
        private final List<Runnable> afterCommit = new ArrayList<>();

        CaseUpdate(String actor, CaseState state) {
            this.actor = actor;
            this.state = state;
        }

        void fire(CaseEvent event) {
            CaseTransition t = CaseStateMachine.apply(state, event, actor, now());
            transitions.add(t);
            state = t.to();
        }

        void afterCommit(Runnable action) {
            afterCommit.add(action);
        }
    }

    private Future<JsonObject> change(UUID actor, UUID caseId, Integer expectedVersion,
            Change change) {
        return change(actor, caseId, expectedVersion, false, change).compose(x -> view(actor,
                caseId));
    }

    private Future<Void> change(UUID actor, UUID caseId, Integer expectedVersion, boolean police,
            Change change) {
        List<Runnable> afterCommit = new ArrayList<>();
        return repository.pool().withTransaction(tx -> repository.load(tx, caseId)
                .compose(found -> {
                    AccidentCase c = found.filter(x -> police || x.partyOf(actor).isPresent())
                            .orElseThrow(AccidentService::notFound);
                    if (expectedVersion != null && expectedVersion != c.row().version()) {
                        throw versionConflict(c.row().version());
                    }
                    String who = (police ? "police:" : "party:") + actor;
                    CaseUpdate update = new CaseUpdate(who, c.row().state());
                    return change.apply(tx, c, update)
                            .compose(x -> repository.bump(tx, caseId, c.row().version(),
                                    update.state))
                            .compose(fresh -> {
                                requireFresh(fresh);
                                Future<Void> recorded = Future.succeededFuture();
                                for (CaseTransition t : update.transitions) {
                                    recorded = recorded.compose(y ->
                                            repository.recordTransition(tx, caseId, t));
                                    LOG.info("case {} {} -> {} by {}", caseId, t.event(), t.to(),
                                            t.actor());
                                }
                                afterCommit.addAll(update.afterCommit);
                                return recorded;
                            });
                })).onSuccess(x -> afterCommit.forEach(Runnable::run));
    }

    private static void requireFresh(boolean fresh) {
        if (!fresh) {
            throw versionConflict(null);
        }
    }

    private static AccidentException versionConflict(Integer current) {
        return new AccidentException("VERSION_CONFLICT", "事故信息已被另一部手机更新，请刷新后重试 /"
                + " the case was changed by another phone; reload and try again"
                + (current == null ? "" : " (current version " + current + ")"), "version");
    }

    static AccidentException notFound() {
        return new AccidentException("CASE_NOT_FOUND", "找不到这起事故 / no such case among"
                + " yours", null);
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** PostgreSQL keeps microseconds; the seal covers times, so they must survive storage. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private Future<AccidentViews.Location> snap(double lat, double lon) {
        new Position(lat, lon); // refuses latitudes and longitudes that cannot exist
        if (routing.status().state() != RoutingService.State.READY) {
            return Future.failedFuture(new AccidentException("ROAD_NETWORK_NOT_READY",
                    "道路网络正在加载，请稍后 / the road network is still loading", null));
        }
        RoadNetwork network = routing.network();
        if (!network.contains(lat, lon)) {
            return Future.failedFuture(new AccidentException("OUTSIDE_MAP", "位置不在服务区域内 /"
                    + " the position is outside the map this service covers", "lat"));
        }
        return routing.snap(lat, lon, RoadNetwork.BUS)
                .map(snap -> AccidentViews.Location.of(lat, lon, snap))
                .recover(e -> e instanceof PointNotOnRoadException
                        ? Future.succeededFuture(AccidentViews.Location.offRoad(lat, lon))
                        : Future.failedFuture(e));
    }

    private SettlementAgreement agreementOf(AccidentCase c, List<PartyRow> parties) {
        JsonObject decision = c.row().decision();
        JsonObject grades = decision.getJsonObject("grades", new JsonObject());
        JsonObject scenarios = decision.getJsonObject("scenarios", new JsonObject());
        List<AgreementParty> list = new ArrayList<>();
        for (PartyRow p : parties) {
            Signature signature = p.signature() == null ? null
                    : new Signature(Base64.getDecoder().decode(p.signature()), p.signedAt());
            list.add(new AgreementParty(p.label(), p.name(),
                    cipher.decrypt(p.licenceEncrypted(), licenceContext(p.id())), p.phone(),
                    p.vehicleType(), PlateNumber.parse(p.plate()), p.insurerCode(), p.policyNo(),
                    p.collisionPart(), LiabilityGrade.valueOf(grades.getString(p.label())),
                    scenarios.getString(p.label()), signature));
        }
        String place = c.row().roadName().isBlank()
                ? String.format(java.util.Locale.ROOT, "%.5f, %.5f", c.row().lat(), c.row().lon())
                : c.row().roadName();
        return new SettlementAgreement(c.row().caseNo(), c.row().occurredAt(), place,
                new Position(c.row().lat(), c.row().lon()), Weather.valueOf(c.row().weather()),
                AccidentForm.valueOf(c.row().accidentForm()), decision.getString("catalogueVersion"),
                list);
    }

    static String licenceContext(UUID partyId) {
        return "accident_party.licence_no:" + partyId;
    }

    static String formatCode(String normalised) {
        return normalised.replaceAll("(.{4})(?!$)", "$1-");
    }

    private static boolean allPartiesReady(List<PartyRow> parties, int vehicles) {
        return parties.size() == vehicles && parties.stream().allMatch(PartyRow::complete);
    }

    private static PartyRow withDetails(PartyRow p, AccidentRepository.PartyDetails d) {
        return new PartyRow(p.id(), p.label(), p.accountId(), p.joinedAt(), d.name(), p.phone(),
                d.plate(), d.vehicleType(), d.licenceEncrypted(), d.licenceMasked(),
                d.insurerCode(), d.policyNo(), d.collisionPart(), p.statement(), p.statedAt(),
                p.signature(), p.signedAt());
    }

    private static PartyRow withSignature(PartyRow p, String signature, Instant at) {
        return new PartyRow(p.id(), p.label(), p.accountId(), p.joinedAt(), p.name(), p.phone(),
                p.plate(), p.vehicleType(), p.licenceEncrypted(), p.licenceMasked(),
                p.insurerCode(), p.policyNo(), p.collisionPart(), p.statement(), p.statedAt(),
                signature, at);
    }

    private static ChecklistAnswers withVehicles(ChecklistAnswers a, int vehicles) {
        return new ChecklistAnswers(a.anyoneInjuredOrKilled(), a.allVehiclesDrivable(),
                a.allVehiclesCompulsoryInsured(), a.allVehiclesInspected(),
                a.drinkOrDrugsSuspected(), a.allLicencesValid(), a.facilityOrBuildingHit(),
                a.hazardousGoodsVehicle(), a.plateMissingOrFalse(),
                a.schoolBusOrOverloadOrSpeeding(), a.partyLeftScene(),
                a.deliberateCollisionSuspected(), vehicles);
    }

    private static List<PlateNumber> plates(List<String> typed) {
        if (typed == null || typed.isEmpty()) {
            throw new AccidentException("PLATES_REQUIRED", "请填写各车号牌，本车在前 / give every"
                    + " vehicle's plate, yours first", "plates");
        }
        if (typed.size() > MAX_VEHICLES) {
            throw new AccidentException("TOO_MANY_VEHICLES", "最多 " + MAX_VEHICLES + " 辆车 /"
                    + " at most " + MAX_VEHICLES + " vehicles", "plates");
        }
        List<PlateNumber> plates = new ArrayList<>();
        for (int i = 0; i < typed.size(); i++) {
            PlateNumber plate = PlateNumber.parse(typed.get(i), "plates[" + i + "]");
            if (plates.contains(plate)) {
                throw new AccidentException("PLATE_REPEATED", "号牌重复 / the plate "
                        + plate.value() + " is given twice", "plates[" + i + "]");
            }
            plates.add(plate);
        }
        return plates;
    }

    static List<PlateNumber> plateList(List<String> stored) {
        return stored.stream().map(PlateNumber::parse).toList();
    }

    private static Set<PlateNumber> plateSet(List<String> stored) {
        return Set.copyOf(plateList(stored));
    }

    private static PhotoType typeOf(String contentType) {
        for (PhotoType t : PhotoType.values()) {
            if (t.contentType().equals(contentType)) {
                return t;
            }
        }
        throw new IllegalStateException("stored photo has type " + contentType);
    }

    private static byte[] signaturePng(String base64) {
        byte[] png;
        try {
            String data = required(base64, "signature");
            png = Base64.getDecoder().decode(data.replaceFirst("^data:image/png;base64,", ""));
        } catch (IllegalArgumentException e) {
            throw new AccidentException("SIGNATURE_INVALID", "签名须为 PNG 图片 / the signature"
                    + " must be a PNG image (base64)", "signature");
        }
        if (png.length == 0 || png.length > MAX_SIGNATURE_BYTES
                || PhotoInspector.detectType(png) != PhotoType.PNG) {
            throw new AccidentException("SIGNATURE_INVALID", "签名须为 PNG 图片 / the signature"
                    + " must be a PNG image of at most " + MAX_SIGNATURE_BYTES / 1024 + " KB",
                    "signature");
        }
        Signature.problemWith(png).ifPresent(problem -> {
            throw new AccidentException("SIGNATURE_INVALID", problem, "signature");
        });
        return png;
    }

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new AccidentException("VALIDATION_FAILED", field + " is required", field);
        }
        return value.trim();
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, required(value, field).toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new AccidentException("VALIDATION_FAILED", field + " must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()), field);
        }
    }

    private String shareCode() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            s.append(SHARE_ALPHABET.charAt(random.nextInt(SHARE_ALPHABET.length())));
        }
        return s.toString();
    }
}

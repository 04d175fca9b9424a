package cn.anxing.accident;

import cn.anxing.accident.agreement.AgreementSeal;
import cn.anxing.accident.agreement.DeterminationPdf;
import cn.anxing.accident.cases.AccidentError;
import cn.anxing.accident.cases.CaseEvent;
import cn.anxing.accident.cases.CaseState;
import cn.anxing.accident.cases.CaseStateMachine;
import cn.anxing.accident.cases.CaseTransition;
import cn.anxing.accident.liability.LiabilityGrade;
import cn.anxing.accident.police.Determination;
import cn.anxing.accident.police.LegalBasisList;
import cn.anxing.accident.police.SendBack;
import cn.anxing.accident.privacy.FieldCipher;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.outbox.Outbox;
import cn.anxing.outbox.OutboxMessage;
import cn.anxing.platform.WorkerPools;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The traffic police's desk (交警工作台): the queue, claims as leases, a case in full, the
 * determination with its legal basis and document (认定书), sending a case back to the parties,
 * review (复核), closing, the audit of every officer action, and the statistics.
 *
 * <p>An officer acts on a case only while holding its claim; opening the case takes a free claim
 * (as picking up its file would), and the open page renews it. Every officer action writes its
 * {@code police_audit} row in the transaction of the action itself.
 */
public final class PoliceReview {

    /** A case as the police see it. */
    public record CaseForPolice(AccidentCase accidentCase, List<CaseTransition> transitions,
            PoliceDeskRepository.Claim claim, UUID viewer, SendBack sendBack,
            PoliceDeskRepository.StoredDetermination determination, Instant reviewRequestedAt) {
    }

    /** Cases by state, and repeated reports offered an open case and those that joined it. */
    public record Statistics(Map<CaseState, Long> casesByState, long duplicatesOffered,
            long duplicatesAvoided) {
    }

    /** A row of the queue. */
    public record QueueEntry(AccidentCase accidentCase, Instant waitingSince,
            PoliceDeskRepository.Claim claim, Instant reviewRequestedAt, List<String> reasons) {

        boolean injury() {
            return accidentCase.medicalAdvance() || (accidentCase.checklist() != null
                    && accidentCase.checklist().anyoneInjuredOrKilled());
        }
    }

    /**
     * What the queue shows: every filter optional.
     *
     * @param sort URGENCY (injury first, then longest waiting) or TIME (newest report first)
     */
    public record QueueQuery(String reason, String road, Instant from, Instant to, String state,
            String search, String sort) {
    }

    /** What a code check of a determination found. */
    public record Verification(boolean genuine, String reason, boolean superseded,
            String verificationCode, Determination determination) {
    }

    /** The officer's decision as the page sends it. */
    public record DecisionRequest(Map<String, String> grades, Map<String, List<String>> basis,
            String facts, String note) {
    }

    static final String DETERMINATION_TOPIC = "accident.determination.issued";

    private final CaseChanges cases;
    private final DuplicateOffers offers;
    private final PoliceDeskRepository desk;
    private final InsurerRepository insurers;
    private final LegalBasisList legalBasis;
    private final FieldCipher cipher;
    private final AgreementSeal seal;
    private final Outbox outbox;
    private final Runnable wakeOutbox;
    private final Path pdfFont;
    private final WorkerPools workers;
    private final Duration lease;
    private final Duration reviewWindow;

    PoliceReview(CaseChanges cases, DuplicateOffers offers, PoliceDeskRepository desk,
            InsurerRepository insurers, LegalBasisList legalBasis, FieldCipher cipher,
            AgreementSeal seal, Outbox outbox, Runnable wakeOutbox, Path pdfFont,
            WorkerPools workers, Duration lease, Duration reviewWindow) {
        this.cases = cases;
        this.offers = offers;
        this.desk = desk;
        this.insurers = insurers;
        this.legalBasis = legalBasis;
        this.cipher = cipher;
        this.seal = seal;
        this.outbox = outbox;
        this.wakeOutbox = wakeOutbox;
        this.pdfFont = pdfFont;
        this.workers = workers;
        this.lease = lease;
        this.reviewWindow = reviewWindow;
    }

    public LegalBasisList legalBasis() {
        return legalBasis;
    }

    public Duration lease() {
        return lease;
    }

    // ---- the queue ---------------------------------------------------------------------------

    public Future<List<AccidentCase>> queue() {
        AccidentRepository repository = cases.repository();
        return repository.policeQueue().compose(ids -> {
            List<Future<AccidentCase>> all = ids.stream().map(cases::any).toList();
            return Future.all(all).map(x -> all.stream().map(Future::result).toList());
        });
    }

    public Future<List<QueueEntry>> queue(QueueQuery q) {
        Instant now = cases.now();
        return queue().compose(list -> {
            List<UUID> ids = list.stream().map(AccidentCase::id).toList();
            Future<Map<UUID, PoliceDeskRepository.Claim>> holders = desk.holders(ids, now);
            Future<Map<UUID, Instant>> waiting = desk.waitingSince(ids);
            List<Future<Optional<Map.Entry<Instant, String>>>> marks = ids.stream()
                    .map(id -> desk.reviewMark(desk.pool(), id)).toList();
            return Future.all(holders, waiting, Future.all(marks)).map(x -> {
                List<QueueEntry> entries = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    AccidentCase c = list.get(i);
                    Instant review = marks.get(i).result().map(Map.Entry::getKey).orElse(null);
                    entries.add(new QueueEntry(c, waiting.result().getOrDefault(c.id(),
                            c.reportedAt()), holders.result().get(c.id()), review,
                            reasonsOf(c, review)));
                }
                return filterAndSort(entries, q);
            });
        });
    }

    static List<QueueEntry> filterAndSort(List<QueueEntry> entries, QueueQuery q) {
        String search = q.search() == null ? null
                : q.search().trim().toUpperCase(Locale.ROOT).replace(" ", "");
        List<QueueEntry> kept = entries.stream()
                .filter(e -> q.reason() == null || e.reasons().contains(q.reason()))
                .filter(e -> q.road() == null || e.accidentCase().road().name()
                        .contains(q.road()))
                .filter(e -> q.from() == null || !e.accidentCase().reportedAt()
                        .isBefore(q.from()))
                .filter(e -> q.to() == null || e.accidentCase().reportedAt().isBefore(q.to()))
                .filter(e -> q.state() == null || e.accidentCase().state().name()
                        .equals(q.state()))
                .filter(e -> search == null || search.isEmpty()
                        || e.accidentCase().caseNo().toUpperCase(Locale.ROOT).contains(search)
                        || e.accidentCase().plates().stream()
                                .anyMatch(p -> p.value().contains(search)))
                .toList();
        Comparator<QueueEntry> order = "TIME".equals(q.sort())
                ? Comparator.comparing((QueueEntry e) -> e.accidentCase().reportedAt()).reversed()
                : Comparator.comparing((QueueEntry e) -> !e.injury())
                        .thenComparing(QueueEntry::waitingSince);
        return kept.stream().sorted(order).toList();
    }

    /** Why the case is with the police; more than one reason may hold. */
    static List<String> reasonsOf(AccidentCase c, Instant reviewRequested) {
        Set<String> reasons = new LinkedHashSet<>();
        if (reviewRequested != null) {
            reasons.add("REVIEW_REQUESTED");
        }
        if (c.decision() != null && c.decision().policeReviewReason() != null) {
            reasons.add(c.decision().policeReviewReason().name());
        }
        if (c.eligibility() != null && !c.eligibility().selfServiceAllowed()) {
            reasons.add("NOT_ELIGIBLE");
        }
        if (c.medicalAdvance()) {
            reasons.add("INJURY");
        }
        if (!c.flags().isEmpty()) {
            reasons.add("PHOTO_FLAGGED");
        }
        if (reasons.isEmpty() && c.state() == CaseState.POLICE_REVIEW) {
            reasons.add("POLICE_REQUESTED");
        }
        return List.copyOf(reasons);
    }

    // ---- a case, claims ----------------------------------------------------------------------

    /** The case in full; a free claim is taken for the viewer, and the view is audited. */
    public Future<CaseForPolice> view(UUID officer, UUID caseId) {
        Instant now = cases.now();
        return cases.any(caseId).compose(c -> desk.pool().withTransaction(tx ->
                desk.officer(tx, officer).compose(me -> desk.holder(tx, caseId, now)
                        .compose(held -> {
                            Future<Void> taken = Future.succeededFuture();
                            if (held.isEmpty() && c.state() != CaseState.CLOSED) {
                                taken = desk.take(tx, caseId, me, now, now.plus(lease), false)
                                        .compose(t -> t.isPresent() ? desk.audit(tx, me, "CLAIM",
                                                caseId, "打开案件时领取", null,
                                                claimJson(t.get()), now)
                                                : Future.succeededFuture());
                            }
                            return taken.compose(x -> desk.audit(tx, me, "VIEW_CASE", caseId, "",
                                    null, null, now));
                        }))))
                .compose(x -> read(officer, caseId));
    }

    /** The case without side effects (after a change). */
    Future<CaseForPolice> read(UUID officer, UUID caseId) {
        Instant now = cases.now();
        return cases.any(caseId).compose(c -> {
            Future<List<CaseTransition>> transitions = cases.repository().transitions(caseId);
            var claim = desk.holder(desk.pool(), caseId, now);
            var sendBack = desk.sendBack(desk.pool(), caseId);
            var determination = desk.currentDetermination(desk.pool(), caseId);
            var review = desk.reviewMark(desk.pool(), caseId);
            return Future.all(transitions, claim, sendBack, determination, review)
                    .map(x -> new CaseForPolice(c, transitions.result(),
                            claim.result().orElse(null), officer,
                            sendBack.result().orElse(null), determination.result().orElse(null),
                            review.result().map(Map.Entry::getKey).orElse(null)));
        });
    }

    /** Takes or renews the claim; 409 CLAIM_HELD naming the holder when another has it. */
    public Future<CaseForPolice> claim(UUID officer, UUID caseId) {
        return takeClaim(officer, caseId, false).compose(x -> read(officer, caseId));
    }

    /** A supervisor (admin) takes the claim from whoever holds it; audited with both. */
    public Future<CaseForPolice> takeOver(UUID officer, UUID caseId) {
        return takeClaim(officer, caseId, true).compose(x -> read(officer, caseId));
    }

    private Future<Void> takeClaim(UUID officer, UUID caseId, boolean takeOver) {
        Instant now = cases.now();
        return cases.any(caseId).compose(c -> desk.pool().withTransaction(tx ->
                desk.officer(tx, officer).compose(me -> desk.holder(tx, caseId, now)
                        .compose(before -> desk.take(tx, caseId, me, now, now.plus(lease),
                                        takeOver)
                                .compose(taken -> {
                                    if (taken.isEmpty()) {
                                        return desk.holder(tx, caseId, now).map(h -> {
                                            throw held(h.orElse(null));
                                        });
                                    }
                                    boolean renewal = before.isPresent()
                                            && before.get().officerId().equals(officer);
                                    if (renewal) {
                                        return Future.<Void>succeededFuture();
                                    }
                                    return desk.audit(tx, me, takeOver && before.isPresent()
                                                    ? "TAKE_OVER" : "CLAIM", caseId,
                                            before.map(b -> "接管自 " + b.officerName())
                                                    .orElse(""),
                                            before.map(PoliceReview::claimJson).orElse(null),
                                            claimJson(taken.get()), now);
                                })))).mapEmpty());
    }

    /** Gives the claim up (leaving the case page); nothing when the officer holds none. */
    public Future<Void> release(UUID officer, UUID caseId) {
        Instant now = cases.now();
        return desk.pool().withTransaction(tx -> desk.officer(tx, officer).compose(me ->
                desk.holder(tx, caseId, now).compose(before -> desk.release(tx, caseId, officer)
                        .compose(released -> released && before.isPresent()
                                ? desk.audit(tx, me, "RELEASE", caseId, "",
                                        claimJson(before.get()), null, now)
                                : Future.succeededFuture()))));
    }

    /** Within the change's transaction: the officer must hold a live claim on the case. */
    private Future<PoliceDeskRepository.Officer> requireClaim(SqlClient tx, UUID officer,
            UUID caseId) {
        Instant now = cases.now();
        return desk.officer(tx, officer).compose(me -> desk.holder(tx, caseId, now).map(h -> {
            if (h.isEmpty()) {
                throw new DomainException(AccidentError.CLAIM_REQUIRED, "请先领取此案件 / claim"
                        + " the case before acting on it", "claim");
            }
            if (!h.get().officerId().equals(officer)) {
                throw held(h.get());
            }
            return me;
        }));
    }

    private static DomainException held(PoliceDeskRepository.Claim h) {
        String name = h == null ? "另一位警官" : h.officerName();
        return new DomainException(AccidentError.CLAIM_HELD, "此案件正由 " + name + " 处理 / the"
                + " case is held by " + name + (h == null ? "" : " until " + h.expiresAt()),
                "claim");
    }

    private static JsonObject claimJson(PoliceDeskRepository.Claim c) {
        return new JsonObject().put("officerId", c.officerId().toString())
                .put("officerName", c.officerName()).put("expiresAt", c.expiresAt().toString());
    }

    /** A photo for the officer; the view is audited. */
    public Future<CaseEvidence.PhotoFile> photo(UUID officer, UUID caseId, UUID photoId,
            CaseEvidence evidence) {
        Instant now = cases.now();
        return evidence.photo(officer, true, caseId, photoId).compose(file -> desk.pool()
                .withTransaction(tx -> desk.officer(tx, officer).compose(me -> desk.audit(tx, me,
                        "VIEW_PHOTO", caseId, "", null,
                        new JsonObject().put("photoId", photoId.toString()), now)))
                .map(file));
    }

    // ---- decisions -----------------------------------------------------------------------------

    /**
     * The officer's determination (交警认定): one of the five grades for each party, the facts,
     * the legal basis from the list; the document is issued and sealed, and each party's
     * insurer is sent it through the outbox in the same transaction.
     */
    public Future<CaseForPolice> decide(UUID officer, UUID caseId, Integer expectedVersion,
            DecisionRequest request) {
        return cases.byPolice(officer, caseId, expectedVersion, (tx, c, me, update) -> {
            if (c.state() != CaseState.POLICE_REVIEW) {
                throw new DomainException(CaseStateMachine.ILLEGAL_TRANSITION, "此案件现在不能认定"
                        + " / a case in state " + c.state() + " cannot be decided", "event");
            }
            Map<String, LiabilityGrade> decided = grades(c, request.grades());
            Map<String, List<LegalBasisList.Article>> basis = basis(c, request.basis());
            String facts = request.facts() == null || request.facts().isBlank()
                    ? request.note() : request.facts().trim();
            if (facts == null || facts.isBlank()) {
                throw new DomainException(AccidentError.FACTS_REQUIRED, "请写明事故事实 / write"
                        + " down the facts found", "facts");
            }
            return requireClaim(tx, officer, caseId).compose(officerInfo ->
                    insurers.insurers(tx).compose(known -> {
                        update.fire(CaseEvent.POLICE_DECIDED);
                        Instant now = cases.now();
                        Determination d = determination(c, decided, basis, facts,
                                request.note(), officerInfo, now, known);
                        String code = AgreementSeal.normalise(seal.codeOf(d.canonicalBytes()));
                        JsonObject before = new JsonObject().put("state", c.state().name());
                        JsonObject after = new JsonObject().put("state", "DECIDED")
                                .put("grades", gradesJson(decided)).put("facts", facts)
                                .put("verificationCode", AgreementSeal.printed(code));
                        update.afterCommit(wakeOutbox);
                        return cases.repository().setPoliceDecision(tx, caseId,
                                        new PoliceDecision(decided, request.note(), officer, now))
                                .compose(x -> desk.markReview(tx, caseId, null, null))
                                .compose(x -> desk.insertDetermination(tx, caseId, code,
                                        DeterminationJson.of(d), now))
                                .compose(id -> notifyInsurers(tx, c, d, id, code))
                                .compose(x -> desk.audit(tx, officerInfo, "DECIDE", caseId,
                                        "", before, after, now));
                    }));
        }).compose(x -> read(officer, caseId));
    }

    private static Map<String, LiabilityGrade> grades(AccidentCase c, Map<String, String> grades) {
        Map<String, LiabilityGrade> decided = new LinkedHashMap<>();
        for (CaseParty p : c.parties()) {
            String grade = grades.get(p.label());
            if (grade == null || grade.isBlank()) {
                throw new DomainException(AccidentError.GRADE_REQUIRED, "请认定当事人"
                        + p.label() + "的责任 / give party " + p.label() + " a grade",
                        "grades." + p.label());
            }
            decided.put(p.label(), Inputs.enumValue(LiabilityGrade.class, grade,
                    "grades." + p.label()));
        }
        for (String label : grades.keySet()) {
            if (!decided.containsKey(label)) {
                throw new DomainException(AccidentError.GRADE_INVALID, "当事人" + label
                        + "不在本案中 / party " + label + " is not a party of this case",
                        "grades." + label);
            }
        }
        return decided;
    }

    private Map<String, List<LegalBasisList.Article>> basis(AccidentCase c,
            Map<String, List<String>> basis) {
        Map<String, List<LegalBasisList.Article>> result = new LinkedHashMap<>();
        for (CaseParty p : c.parties()) {
            List<String> codes = basis.getOrDefault(p.label(), List.of());
            List<LegalBasisList.Article> articles = new ArrayList<>();
            for (int i = 0; i < codes.size(); i++) {
                articles.add(legalBasis.require(codes.get(i), "basis." + p.label() + "[" + i
                        + "]"));
            }
            result.put(p.label(), articles);
        }
        for (String label : basis.keySet()) {
            if (!result.containsKey(label)) {
                throw new DomainException(AccidentError.GRADE_INVALID, "当事人" + label
                        + "不在本案中 / party " + label + " is not a party of this case",
                        "basis." + label);
            }
        }
        return result;
    }

    private Determination determination(AccidentCase c, Map<String, LiabilityGrade> grades,
            Map<String, List<LegalBasisList.Article>> basis, String facts, String note,
            PoliceDeskRepository.Officer officer, Instant now,
            List<InsurerRepository.Insurer> known) {
        Map<String, String> insurerNames = new LinkedHashMap<>();
        known.forEach(i -> insurerNames.put(i.code(), i.nameZh()));
        List<Determination.Party> parties = new ArrayList<>();
        for (CaseParty p : c.parties()) {
            LiabilityGrade g = grades.get(p.label());
            parties.add(new Determination.Party(p.label(), orEmpty(p.name()),
                    p.licenceEncrypted() == null ? ""
                            : cipher.decrypt(p.licenceEncrypted(), p.licenceContext()),
                    orEmpty(p.vehicleType()), p.plate(),
                    p.insurerCode() == null ? "" : insurerNames.getOrDefault(p.insurerCode(),
                            p.insurerCode()), orEmpty(p.policyNo()), g.name(), g.zh(),
                    basis.get(p.label())));
        }
        String place = c.road().name().isBlank()
                ? String.format(Locale.ROOT, "%.5f, %.5f", c.position().lat(),
                        c.position().lon())
                : c.road().name();
        return new Determination(c.caseNo(), c.occurredAt(), place, c.position().lat(),
                c.position().lon(), c.weather().zh(), c.accidentForm().zh(), parties, facts,
                note, officer.name(), officer.unit().isBlank() ? "公安机关交通管理部门"
                        : officer.unit(), now, legalBasis.version());
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static JsonObject gradesJson(Map<String, LiabilityGrade> grades) {
        JsonObject json = new JsonObject();
        grades.forEach((k, v) -> json.put(k, v.name()));
        return json;
    }

    /** One message per insurer of the determination; the key makes it exactly once. */
    private Future<Void> notifyInsurers(SqlClient tx, AccidentCase c, Determination d,
            UUID determinationId, String code) {
        Set<String> codes = new LinkedHashSet<>();
        c.parties().forEach(p -> {
            if (p.insurerCode() != null) {
                codes.add(p.insurerCode());
            }
        });
        Future<Void> all = Future.succeededFuture();
        for (String insurer : codes) {
            JsonArray insured = new JsonArray();
            c.parties().stream().filter(p -> insurer.equals(p.insurerCode()))
                    .forEach(p -> insured.add(p.label()));
            JsonObject body = new JsonObject().put("event", DETERMINATION_TOPIC)
                    .put("determinationId", determinationId.toString())
                    .put("caseId", c.id().toString()).put("caseNo", c.caseNo())
                    .put("insurer", insurer).put("insuredParties", insured)
                    .put("verificationCode", AgreementSeal.printed(code))
                    .put("verifyPath", "/api/v1/determinations/" + code + "/verify")
                    .put("pdfPath", "/api/v1/insurer/determinations/" + code + ".pdf")
                    .put("determination", DeterminationJson.of(d));
            var message = new OutboxMessage(InsurerRepository.endpointOf(insurer),
                    DETERMINATION_TOPIC, "determination:" + determinationId + ":insurer:"
                    + insurer, body);
            all = all.compose(x -> outbox.enqueue(tx, message).mapEmpty());
        }
        return all;
    }

    // ---- send back -----------------------------------------------------------------------------

    /** Instead of deciding, the officer asks the parties for photos, a correction, a statement. */
    public Future<CaseForPolice> sendBack(UUID officer, UUID caseId, Integer expectedVersion,
            List<SendBack.Item> items, String note) {
        return cases.byPolice(officer, caseId, expectedVersion, (tx, c, me, update) -> {
            List<SendBack.Item> checked = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                checked.add(checkItem(c, items.get(i), "items[" + i + "]"));
            }
            return requireClaim(tx, officer, caseId).compose(officerInfo -> {
                update.fire(CaseEvent.SENT_BACK);
                Instant now = cases.now();
                SendBack request = new SendBack(checked, note, officer, officerInfo.name(), now);
                return desk.setSendBack(tx, caseId, request)
                        .compose(x -> desk.audit(tx, officerInfo, "SEND_BACK", caseId,
                                request.note(), new JsonObject().put("state", c.state().name()),
                                PoliceDeskRepository.sendBackJson(request)
                                        .put("state", CaseState.SUPPLEMENT.name()), now));
            });
        }).compose(x -> read(officer, caseId));
    }

    private static SendBack.Item checkItem(AccidentCase c, SendBack.Item item, String field) {
        if (item.kind() == null || item.target() == null || item.target().isBlank()) {
            throw new DomainException(AccidentError.SEND_BACK_INVALID, "每一项须写明要补充什么 /"
                    + " each item needs its kind and what it is about", field);
        }
        return switch (item.kind()) {
            case PHOTO -> new SendBack.Item(SendBack.Kind.PHOTO, PhotoSlots.name(
                    PhotoSlots.parse(item.target(), c.plates()), c.plates()), null, false);
            case FIELD -> {
                if (!SendBack.FIELDS.contains(item.target())) {
                    throw new DomainException(AccidentError.SEND_BACK_INVALID, "只能要求更正当事人"
                            + "信息中的一项 / a correction names one of " + SendBack.FIELDS,
                            field + ".target");
                }
                requireParty(c, item.party(), field + ".party");
                yield new SendBack.Item(SendBack.Kind.FIELD, item.target(), item.party(), false);
            }
            case STATEMENT -> {
                requireParty(c, item.target(), field + ".target");
                yield new SendBack.Item(SendBack.Kind.STATEMENT, item.target(), item.target(),
                        false);
            }
        };
    }

    private static void requireParty(AccidentCase c, String label, String field) {
        if (label == null || c.parties().stream().noneMatch(p -> p.label().equals(label))) {
            throw new DomainException(AccidentError.SEND_BACK_INVALID, "当事人" + label
                    + "不在本案中 / party " + label + " is not a party of this case", field);
        }
    }

    // ---- close ---------------------------------------------------------------------------------

    /** Closes a case that is agreed or decided (结案); nothing changes on it afterwards. */
    public Future<CaseForPolice> close(UUID officer, UUID caseId, Integer expectedVersion) {
        return cases.byPolice(officer, caseId, expectedVersion, (tx, c, me, update) -> {
            update.fire(CaseEvent.CLOSED);
            return requireClaim(tx, officer, caseId).compose(officerInfo -> desk.audit(tx,
                    officerInfo, "CLOSE", caseId, "", new JsonObject().put("state",
                            c.state().name()), new JsonObject().put("state", "CLOSED"),
                    cases.now()))
                    .compose(x -> desk.release(tx, caseId, officer)).mapEmpty();
        }).compose(x -> read(officer, caseId));
    }

    // ---- the document --------------------------------------------------------------------------

    /** The current determination of a case as a PDF; {@code partyActor} null for the police. */
    public Future<byte[]> determinationPdf(UUID caseId, String verifyBaseUrl) {
        return desk.currentDetermination(desk.pool(), caseId).compose(found -> {
            var d = found.orElseThrow(() -> new DomainException(
                    AccidentError.DETERMINATION_NOT_ISSUED, "认定书尚未出具 / no determination"
                    + " has been issued for this case", null));
            return workers.documents(() -> new DeterminationPdf(pdfFont, verifyBaseUrl)
                    .render(DeterminationJson.read(d.content()),
                            AgreementSeal.printed(d.code())));
        });
    }

    /**
     * Whether a code belongs to a genuine, unchanged determination: the stored document's seal
     * is computed again, and the current one must still match the case's decision.
     */
    public Future<Verification> verify(String typedCode) {
        String code = AgreementSeal.normalise(typedCode);
        if (code == null) {
            return Future.succeededFuture(new Verification(false, "MALFORMED_CODE", false, null,
                    null));
        }
        return desk.determinationByCode(code).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(new Verification(false, "UNKNOWN_CODE", false,
                        null, null));
            }
            var stored = found.get();
            Determination d = DeterminationJson.read(stored.content());
            boolean sealed = seal.verifyBytes(d.canonicalBytes(), code);
            return cases.any(stored.caseId()).map(c -> {
                boolean matches = stored.supersededAt() != null || (c.policeDecision() != null
                        && d.parties().stream().allMatch(p -> p.grade().equals(
                                String.valueOf(c.policeDecision().grades().get(p.label())))));
                boolean genuine = sealed && matches;
                return new Verification(genuine, genuine ? null : "CONTENT_CHANGED",
                        stored.supersededAt() != null, AgreementSeal.printed(code), d);
            });
        });
    }

    // ---- review (a party's request) ------------------------------------------------------------

    /** A party asks for review (复核) within the days allowed; the case is back in the queue. */
    public Future<Void> requestReview(UUID actor, UUID caseId, Integer expectedVersion) {
        return cases.byParty(actor, caseId, expectedVersion, (tx, c, me, update) -> {
            if (c.state() != CaseState.DECIDED || c.policeDecision() == null) {
                throw new DomainException(CaseStateMachine.ILLEGAL_TRANSITION, "只有交警已认定的"
                        + "案件可以申请复核 / only a decided case can be reviewed", null);
            }
            Instant until = c.policeDecision().decidedAt().plus(reviewWindow);
            if (cases.now().isAfter(until)) {
                throw new DomainException(AccidentError.REVIEW_TOO_LATE, "认定书出具已超过"
                        + reviewWindow.toDays() + "日，不能再申请复核 / review must be asked for"
                        + " within " + reviewWindow.toDays() + " days", null);
            }
            update.fire(CaseEvent.REVIEW_REQUESTED);
            return desk.markReview(tx, caseId, cases.now(), me.label());
        });
    }

    Duration reviewWindow() {
        return reviewWindow;
    }

    // ---- audit and statistics ------------------------------------------------------------------

    public Future<List<PoliceDeskRepository.AuditRow>> auditOfCase(UUID caseId) {
        return desk.auditOfCase(caseId);
    }

    public Future<List<PoliceDeskRepository.AuditRow>> auditOfOfficer(UUID officer) {
        return desk.auditOfOfficer(officer);
    }

    public Future<Statistics> statistics() {
        return cases.repository().countByState().compose(states -> offers.duplicateCounts()
                .map(d -> new Statistics(states, d.offered(), d.avoided())));
    }

    static DomainException invalid(String field, String message) {
        return new DomainException(CommonError.VALIDATION_FAILED, message, field);
    }
}

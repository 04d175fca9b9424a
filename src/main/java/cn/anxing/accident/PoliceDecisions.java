package cn.anxing.accident;

import cn.anxing.accident.PoliceClaims.CaseForPolice;
import cn.anxing.accident.agreement.AgreementSeal;
import cn.anxing.accident.agreement.DeterminationPdf;
import cn.anxing.accident.cases.AccidentError;
import cn.anxing.accident.cases.CaseEvent;
import cn.anxing.accident.cases.CaseState;
import cn.anxing.accident.cases.CaseStateMachine;
import cn.anxing.accident.liability.LiabilityGrade;
import cn.anxing.accident.police.Determination;
import cn.anxing.accident.police.LegalBasisList;
import cn.anxing.accident.privacy.FieldCipher;
import cn.anxing.error.DomainException;
import cn.anxing.outbox.Outbox;
import cn.anxing.outbox.OutboxMessage;
import cn.anxing.platform.WorkerPools;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The officer's determination (交警认定) and what follows from it: the grades with their legal
 * basis and facts, the document (认定书) sealed, stored and sent to each insurer through the
 * outbox in the decision's transaction, its PDF and its public check; and closing the case.
 */
public final class PoliceDecisions {

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
    private final PoliceClaims claims;
    private final PoliceDeskRepository desk;
    private final InsurerRepository insurers;
    private final LegalBasisList legalBasis;
    private final FieldCipher cipher;
    private final AgreementSeal seal;
    private final Outbox outbox;
    private final Runnable wakeOutbox;
    private final Path pdfFont;
    private final WorkerPools workers;

    PoliceDecisions(CaseChanges cases, PoliceClaims claims, PoliceDeskRepository desk,
            InsurerRepository insurers, LegalBasisList legalBasis, FieldCipher cipher,
            AgreementSeal seal, Outbox outbox, Runnable wakeOutbox, Path pdfFont,
            WorkerPools workers) {
        this.cases = cases;
        this.claims = claims;
        this.desk = desk;
        this.insurers = insurers;
        this.legalBasis = legalBasis;
        this.cipher = cipher;
        this.seal = seal;
        this.outbox = outbox;
        this.wakeOutbox = wakeOutbox;
        this.pdfFont = pdfFont;
        this.workers = workers;
    }

    public LegalBasisList legalBasis() {
        return legalBasis;
    }


    /**
     * The officer's determination (交警认定): one of the five grades for each party, the facts,
     * the legal basis from the list; the document is issued and sealed, and each party's
     * insurer is sent it through the outbox in the same transaction.
     */
    public Future<CaseForPolice> decide(UUID officer, UUID caseId,
            Integer expectedVersion, DecisionRequest request) {
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
            return claims.requireClaim(tx, officer, caseId).compose(officerInfo ->
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
        }).compose(x -> claims.read(officer, caseId));
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
            if (codes.isEmpty()) {
                // a determination cites the articles it rests on, for every party (认定依据)
                throw new DomainException(AccidentError.LEGAL_BASIS_REQUIRED, "请为当事人"
                        + p.label() + "选择认定依据 / choose the legal basis of party "
                        + p.label() + "'s grade", "basis." + p.label());
            }
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

    // ---- close ---------------------------------------------------------------------------------

    /** Closes a case that is agreed or decided (结案); nothing changes on it afterwards. */
    public Future<CaseForPolice> close(UUID officer, UUID caseId,
            Integer expectedVersion) {
        return cases.byPolice(officer, caseId, expectedVersion, (tx, c, me, update) -> {
            update.fire(CaseEvent.CLOSED);
            return claims.requireClaim(tx, officer, caseId).compose(officerInfo -> desk.audit(tx,
                    officerInfo, "CLOSE", caseId, "", new JsonObject().put("state",
                            c.state().name()), new JsonObject().put("state", "CLOSED"),
                    cases.now()))
                    .compose(x -> desk.release(tx, caseId, officer)).mapEmpty();
        }).compose(x -> claims.read(officer, caseId));
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
}

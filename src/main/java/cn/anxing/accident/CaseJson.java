package cn.anxing.accident;

import cn.anxing.accident.cases.FlagKind;

import cn.anxing.accident.eligibility.ChecklistAnswers;
import cn.anxing.accident.eligibility.EligibilityResult;
import cn.anxing.accident.eligibility.IneligibilityReason;
import cn.anxing.accident.eligibility.SceneAction;
import cn.anxing.accident.liability.Assessment;
import cn.anxing.accident.liability.LegalBasis;
import cn.anxing.accident.liability.LiabilityDecision;
import cn.anxing.accident.liability.LiabilityGrade;
import cn.anxing.accident.liability.PartyStatement;
import cn.anxing.accident.liability.PoliceReviewReason;
import cn.anxing.accident.photo.PhotoCheck;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The parts of a case that are kept in JSONB columns, both ways. The pages see the same shape
 * (the views write these parts with the same methods), so the stored shape and the API shape
 * cannot drift apart. Only the repository reads them back; nothing outside this class looks
 * into the JSON by key.
 */
final class CaseJson {

    private CaseJson() {
    }

    /** A JSONB column of a row, parsed; null when the column is. */
    static <T> T column(Row row, String column, Function<JsonObject, T> parse) {
        JsonObject json = row.getJsonObject(column);
        return json == null ? null : parse.apply(json);
    }

    // ---- checklist and eligibility ---------------------------------------------------------

    static JsonObject checklist(ChecklistAnswers a) {
        return new JsonObject()
                .put("anyoneInjuredOrKilled", a.anyoneInjuredOrKilled())
                .put("allVehiclesDrivable", a.allVehiclesDrivable())
                .put("allVehiclesCompulsoryInsured", a.allVehiclesCompulsoryInsured())
                .put("allVehiclesInspected", a.allVehiclesInspected())
                .put("drinkOrDrugsSuspected", a.drinkOrDrugsSuspected())
                .put("allLicencesValid", a.allLicencesValid())
                .put("facilityOrBuildingHit", a.facilityOrBuildingHit())
                .put("hazardousGoodsVehicle", a.hazardousGoodsVehicle())
                .put("plateMissingOrFalse", a.plateMissingOrFalse())
                .put("schoolBusOrOverloadOrSpeeding", a.schoolBusOrOverloadOrSpeeding())
                .put("partyLeftScene", a.partyLeftScene())
                .put("deliberateCollisionSuspected", a.deliberateCollisionSuspected())
                .put("motorVehicles", a.motorVehicles());
    }

    static ChecklistAnswers checklist(JsonObject j) {
        return new ChecklistAnswers(j.getBoolean("anyoneInjuredOrKilled"),
                j.getBoolean("allVehiclesDrivable"), j.getBoolean("allVehiclesCompulsoryInsured"),
                j.getBoolean("allVehiclesInspected"), j.getBoolean("drinkOrDrugsSuspected"),
                j.getBoolean("allLicencesValid"), j.getBoolean("facilityOrBuildingHit"),
                j.getBoolean("hazardousGoodsVehicle"), j.getBoolean("plateMissingOrFalse"),
                j.getBoolean("schoolBusOrOverloadOrSpeeding"), j.getBoolean("partyLeftScene"),
                j.getBoolean("deliberateCollisionSuspected"), j.getInteger("motorVehicles"));
    }

    static JsonObject eligibility(EligibilityResult r) {
        JsonArray reasons = new JsonArray();
        for (IneligibilityReason reason : r.reasons()) {
            reasons.add(new JsonObject().put("code", reason.code()).put("zh", reason.zh())
                    .put("en", reason.en()).put("sceneAction", reason.sceneAction().name())
                    .put("legalBasis", basis(reason.legalBasis())));
        }
        return new JsonObject().put("selfServiceAllowed", r.selfServiceAllowed())
                .put("reasons", reasons).put("sceneAction", r.sceneAction().name())
                .put("medicalAdvancePath", r.medicalAdvancePath());
    }

    static EligibilityResult eligibility(JsonObject j) {
        return new EligibilityResult(j.getBoolean("selfServiceAllowed"),
                objects(j.getJsonArray("reasons"),
                        r -> IneligibilityReason.valueOf(r.getString("code"))),
                SceneAction.valueOf(j.getString("sceneAction")),
                j.getBoolean("medicalAdvancePath"));
    }

    static JsonArray basis(List<LegalBasis> basis) {
        return new JsonArray(basis.stream().map(b -> new JsonObject().put("zh", b.zh())
                .put("en", b.en())).toList());
    }

    // ---- statements and decisions ----------------------------------------------------------

    static JsonObject statement(PartyStatement s) {
        JsonObject json = new JsonObject().put("declined", s.declined());
        if (s.account() != null) {
            json.put("account", s.account());
        }
        if (!s.declined()) {
            JsonObject assessments = new JsonObject();
            s.assessments().forEach((party, a) -> assessments.put(party,
                    a.kind() == Assessment.Kind.SCENARIO ? a.scenarioCode() : a.kind().name()));
            json.put("assessments", assessments);
        }
        return json;
    }

    static PartyStatement statement(String author, JsonObject j) {
        if (j.getBoolean("declined", false)) {
            return PartyStatement.declining(author, j.getString("account"));
        }
        Map<String, Assessment> assessments = new LinkedHashMap<>();
        JsonObject given = j.getJsonObject("assessments");
        for (String party : given.fieldNames()) {
            String value = given.getString(party);
            assessments.put(party, switch (value) {
                case "NOT_AT_FAULT" -> Assessment.notAtFault();
                case "UNLISTED_FAULT" -> Assessment.unlistedFault();
                default -> Assessment.scenario(value);
            });
        }
        return PartyStatement.of(author, assessments);
    }

    static JsonObject decision(CaseDecision d) {
        return new JsonObject().put("outcome", d.outcome().name())
                .put("grades", grades(d.grades()))
                .put("scenarios", new JsonObject(new LinkedHashMap<>(d.scenarios())))
                .put("policeReviewReason", d.policeReviewReason() == null ? null
                        : d.policeReviewReason().name())
                .put("reasons", new JsonArray(d.reasons().stream().map(r -> new JsonObject()
                        .put("zh", r.zh()).put("en", r.en())).toList()))
                .put("catalogueVersion", d.catalogueVersion());
    }

    static CaseDecision decision(JsonObject j) {
        Map<String, String> scenarios = new LinkedHashMap<>();
        JsonObject s = j.getJsonObject("scenarios", new JsonObject());
        s.fieldNames().forEach(party -> scenarios.put(party, s.getString(party)));
        String reason = j.getString("policeReviewReason");
        return new CaseDecision(LiabilityDecision.Outcome.valueOf(j.getString("outcome")),
                grades(j.getJsonObject("grades", new JsonObject())), scenarios,
                reason == null ? null : PoliceReviewReason.valueOf(reason),
                objects(j.getJsonArray("reasons"), r -> new LiabilityDecision.Reason(
                        r.getString("zh"), r.getString("en"))),
                j.getString("catalogueVersion"));
    }

    static JsonObject policeDecision(PoliceDecision d) {
        return new JsonObject().put("grades", grades(d.grades())).put("note", d.note())
                .put("officer", d.officer().toString())
                .put("decidedAt", d.decidedAt().toString());
    }

    static PoliceDecision policeDecision(JsonObject j) {
        return new PoliceDecision(grades(j.getJsonObject("grades")), j.getString("note"),
                UUID.fromString(j.getString("officer")), Instant.parse(j.getString("decidedAt")));
    }

    private static JsonObject grades(Map<String, LiabilityGrade> grades) {
        JsonObject json = new JsonObject();
        grades.forEach((party, grade) -> json.put(party, grade.name()));
        return json;
    }

    private static Map<String, LiabilityGrade> grades(JsonObject j) {
        Map<String, LiabilityGrade> grades = new LinkedHashMap<>();
        j.fieldNames().forEach(party -> grades.put(party,
                LiabilityGrade.valueOf(j.getString(party))));
        return grades;
    }

    // ---- flags ---------------------------------------------------------------------------------

    static JsonArray flags(List<CaseFlag> flags) {
        return new JsonArray(flags.stream().map(CaseJson::flag).toList());
    }

    static JsonObject flag(CaseFlag f) {
        JsonObject json = new JsonObject().put("kind", f.kind().name()).put("amount", f.amount())
                .put("limit", f.limit()).put("zh", f.zh()).put("en", f.en());
        return f.slot() == null ? json : json.put("slot", f.slot());
    }

    static List<CaseFlag> flags(JsonArray json) {
        return objects(json, f -> new CaseFlag(FlagKind.valueOf(f.getString("kind")),
                f.getLong("amount"), f.getLong("limit"), f.getString("zh"), f.getString("en"),
                f.getString("slot")));
    }

    // ---- the agreement's summary -----------------------------------------------------------

    static JsonObject summary(AgreementRecord.Summary s) {
        return new JsonObject().put("caseNo", s.caseNo())
                .put("occurredAt", s.occurredAt().toString()).put("place", s.place())
                .put("verificationCode", s.verificationCode())
                .put("parties", new JsonArray(s.parties().stream().map(p -> new JsonObject()
                        .put("label", p.label()).put("plate", p.plate())
                        .put("insurer", p.insurer()).put("liability", p.liability().name())
                        .put("liabilityZh", p.liability().zh())).toList()));
    }

    static AgreementRecord.Summary summary(JsonObject j) {
        return new AgreementRecord.Summary(j.getString("caseNo"),
                Instant.parse(j.getString("occurredAt")), j.getString("place"),
                j.getString("verificationCode"), objects(j.getJsonArray("parties"),
                        p -> new AgreementRecord.SummaryParty(p.getString("label"),
                                p.getString("plate"), p.getString("insurer"),
                                LiabilityGrade.valueOf(p.getString("liability")))));
    }

    private static <T> List<T> objects(JsonArray array, Function<JsonObject, T> map) {
        List<T> list = new ArrayList<>();
        if (array != null) {
            for (int i = 0; i < array.size(); i++) {
                list.add(map.apply(array.getJsonObject(i)));
            }
        }
        return list;
    }
}

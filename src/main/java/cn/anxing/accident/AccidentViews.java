package cn.anxing.accident;

import cn.anxing.accident.cases.*;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.routing.LatLon;
import cn.anxing.accident.AccidentRepository.AccidentCase;
import cn.anxing.accident.AccidentRepository.AgreementRow;
import cn.anxing.accident.AccidentRepository.PartyRow;
import cn.anxing.accident.AccidentRepository.PhotoRow;
import cn.anxing.accident.agreement.AgreementParty;
import cn.anxing.accident.agreement.SettlementAgreement;
import cn.anxing.accident.eligibility.ChecklistAnswers;
import cn.anxing.accident.eligibility.EligibilityResult;
import cn.anxing.accident.eligibility.IneligibilityReason;
import cn.anxing.accident.liability.Assessment;
import cn.anxing.accident.liability.LegalBasis;
import cn.anxing.accident.liability.LiabilityDecision;
import cn.anxing.accident.liability.PartyStatement;
import cn.anxing.accident.liability.PoliceReviewReason;
import cn.anxing.accident.liability.Scenario;
import cn.anxing.accident.liability.ScenarioCatalogue;
import cn.anxing.accident.photo.PhotoCheck;
import cn.anxing.accident.photo.RequiredPhotos;
import cn.anxing.accident.privacy.FieldCipher;
import cn.anxing.accident.privacy.Masking;
import cn.anxing.outbox.Outbox;
import cn.anxing.routing.RoadSnap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The JSON the pages see. What one party sees of another is masked (licence, phone) except
 * where the agreement itself needs the number; the police see everything.
 */
final class AccidentViews {

    /** A position with the road it is on; off-road points have an empty road. */
    record Location(double lat, double lon, Double snapLat, Double snapLon, String roadName,
            String roadClass, boolean expressway, Double distanceMetres) {

        static Location of(double lat, double lon, RoadSnap snap) {
            return new Location(lat, lon, snap.point().lat(), snap.point().lon(),
                    snap.roadName() == null ? "" : snap.roadName(),
                    snap.roadClass() + (snap.link() ? "_link" : ""), snap.isExpresswayOrRamp(),
                    snap.distanceMetres());
        }

        static Location offRoad(double lat, double lon) {
            return new Location(lat, lon, null, null, "", "", false, null);
        }
    }

    private final ScenarioCatalogue catalogue;
    private final FieldCipher cipher;

    AccidentViews(ScenarioCatalogue catalogue, FieldCipher cipher) {
        this.catalogue = catalogue;
        this.cipher = cipher;
    }

    static JsonObject location(Location l) {
        return new JsonObject().put("lat", l.lat()).put("lon", l.lon())
                .put("roadLat", l.snapLat()).put("roadLon", l.snapLon())
                .put("roadName", l.roadName()).put("roadClass", l.roadClass())
                .put("expressway", l.expressway())
                .put("distanceMetres", l.distanceMetres() == null ? null
                        : Math.round(l.distanceMetres() * 10) / 10.0);
    }

    JsonObject forParty(AccidentCase c, UUID viewer, AgreementRow agreement) {
        PartyRow me = c.partyOf(viewer).orElseThrow();
        JsonObject json = common(c);
        json.put("shareCode", c.row().shareCode());
        json.put("myLabel", me.label());
        json.put("parties", new JsonArray(c.parties().stream()
                .map(p -> party(p, p.id().equals(me.id()), p.id().equals(me.id()))).toList()));
        boolean everyoneStated = c.parties().stream().allMatch(p -> p.statement() != null);
        json.put("statements", statements(c, everyoneStated ? null : me.id()));
        json.put("allowedActions", new JsonArray(CaseStateMachine.allowedEvents(c.row().state())
                .stream().map(Enum::name).sorted().toList()));
        if (agreement != null) {
            json.put("agreement", new JsonObject()
                    .put("verificationCode", AccidentService.formatCode(
                            agreement.verificationCode()))
                    .put("signedAt", agreement.createdAt().toString()));
        }
        return json;
    }

    JsonObject forPolice(AccidentCase c, List<JsonObject> transitions) {
        JsonObject json = common(c);
        json.put("parties", new JsonArray(c.parties().stream()
                .map(p -> party(p, true, false)).toList()));
        json.put("statements", statements(c, null));
        json.put("transitions", new JsonArray(transitions));
        return json;
    }

    static JsonObject summary(JsonObject view) {
        return new JsonObject().put("id", view.getString("id"))
                .put("caseNo", view.getString("caseNo")).put("state", view.getString("state"))
                .put("stateZh", view.getString("stateZh"))
                .put("reportedAt", view.getString("reportedAt"))
                .put("roadName", view.getJsonObject("location").getString("roadName"))
                .put("plates", view.getJsonArray("plates"));
    }

    static JsonObject queueEntry(AccidentCase c) {
        return new JsonObject().put("id", c.row().id().toString()).put("caseNo", c.row().caseNo())
                .put("state", c.row().state().name()).put("stateZh", c.row().state().zh())
                .put("reportedAt", c.row().reportedAt().toString())
                .put("roadName", c.row().roadName())
                .put("plates", new JsonArray(c.row().plates()))
                .put("flags", c.row().flags())
                .put("medicalAdvance", c.row().medicalAdvance())
                .put("reason", reasonOf(c));
    }

    private static String reasonOf(AccidentCase c) {
        JsonObject decision = c.row().decision();
        if (decision != null && decision.getString("policeReviewReason") != null) {
            return decision.getString("policeReviewReason");
        }
        JsonObject eligibility = c.row().eligibility();
        if (eligibility != null && !eligibility.getBoolean("selfServiceAllowed", true)) {
            return "NOT_ELIGIBLE";
        }
        if (!c.row().flags().isEmpty()) {
            return "PHOTO_FLAGGED";
        }
        return c.row().state() == CaseState.POLICE_REVIEW ? "POLICE_REQUESTED" : null;
    }

    private JsonObject common(AccidentCase c) {
        var row = c.row();
        List<PlateNumber> plates = AccidentService.plateList(row.plates());
        Map<String, PhotoRow> bySlot = new LinkedHashMap<>();
        c.photos().forEach(p -> bySlot.put(p.slot(), p));
        JsonArray slots = new JsonArray();
        List<RequiredPhotos.Slot> required = RequiredPhotos.required(plates);
        for (RequiredPhotos.Slot slot : required) {
            PhotoRow photo = bySlot.get(slotKey(slot));
            slots.add(new JsonObject().put("slot", slotName(slot, plates))
                    .put("kind", slot.kind().name())
                    .put("plate", slot.plate() == null ? null : slot.plate().value())
                    .put("photo", photo == null ? null : photo(photo)));
        }
        return new JsonObject()
                .put("id", row.id().toString())
                .put("caseNo", row.caseNo())
                .put("state", row.state().name())
                .put("stateZh", row.state().zh())
                .put("version", row.version())
                .put("occurredAt", row.occurredAt().toString())
                .put("reportedAt", row.reportedAt().toString())
                .put("location", new JsonObject().put("lat", row.lat()).put("lon", row.lon())
                        .put("roadLat", row.roadLat()).put("roadLon", row.roadLon())
                        .put("roadName", row.roadName()).put("roadClass", row.roadClass())
                        .put("expressway", row.expressway()))
                .put("weather", row.weather())
                .put("accidentForm", row.accidentForm())
                .put("plates", new JsonArray(row.plates()))
                .put("checklist", row.checklist())
                .put("eligibility", row.eligibility())
                .put("medicalAdvance", row.medicalAdvance())
                .put("photos", slots)
                .put("flags", row.flags())
                .put("decision", row.decision())
                .put("policeDecision", row.policeDecision());
    }

    /** A party as a viewer sees them; {@code full}: licence and phone unmasked. */
    private JsonObject party(PartyRow p, boolean full, boolean mine) {
        String licence = null;
        if (p.licenceEncrypted() != null) {
            licence = full ? cipher.decrypt(p.licenceEncrypted(),
                    AccidentService.licenceContext(p.id())) : p.licenceMasked();
        }
        return new JsonObject()
                .put("label", p.label())
                .put("me", mine)
                .put("name", p.name())
                .put("phone", p.phone() == null ? null : full ? p.phone()
                        : Masking.phone(p.phone()))
                .put("plate", p.plate())
                .put("vehicleType", p.vehicleType())
                .put("licenceNo", licence)
                .put("insurerCode", p.insurerCode())
                .put("policyNo", p.policyNo())
                .put("collisionPart", p.collisionPart())
                .put("complete", p.complete())
                .put("stated", p.statement() != null)
                .put("signed", p.signedAt() != null)
                .put("signedAt", p.signedAt() == null ? null : p.signedAt().toString());
    }

    /** Every statement; before all are in, a party sees only their own (no anchoring). */
    private static JsonObject statements(AccidentCase c, UUID onlyOf) {
        JsonObject json = new JsonObject();
        for (PartyRow p : c.parties()) {
            if (p.statement() != null && (onlyOf == null || p.id().equals(onlyOf))) {
                json.put(p.label(), p.statement());
            }
        }
        return json;
    }

    static JsonObject photo(PhotoRow p) {
        return new JsonObject().put("id", p.id() == null ? null : p.id().toString())
                .put("sha256", p.sha256()).put("contentType", p.contentType())
                .put("sizeBytes", p.sizeBytes())
                .put("takenAt", p.takenAt() == null ? null : p.takenAt().toString())
                .put("lat", p.lat()).put("lon", p.lon()).put("flags", p.flags())
                .put("uploadedAt", p.uploadedAt() == null ? null : p.uploadedAt().toString());
    }

    static JsonObject flag(PhotoCheck.Flag f) {
        return new JsonObject().put("kind", f.kind().name())
                .put("amount", Math.round(f.amount())).put("limit", Math.round(f.limit()))
                .put("zh", f.zh()).put("en", f.en());
    }

    /** The slot as the URL names it: panorama-front, panorama-rear, collision-point, plate-1... */
    static String slotName(RequiredPhotos.Slot slot, List<PlateNumber> plates) {
        if (slot.kind() == RequiredPhotos.Kind.PLATE) {
            return "plate-" + (plates.indexOf(slot.plate()) + 1);
        }
        return slot.kind().name().toLowerCase().replace('_', '-');
    }

    static RequiredPhotos.Slot parseSlot(String name, List<PlateNumber> plates) {
        String n = name == null ? "" : name.trim().toLowerCase();
        if (n.startsWith("plate-")) {
            try {
                int index = Integer.parseInt(n.substring("plate-".length()));
                if (index >= 1 && index <= plates.size()) {
                    return RequiredPhotos.Slot.plate(plates.get(index - 1));
                }
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        } else {
            for (RequiredPhotos.Kind kind : RequiredPhotos.Kind.values()) {
                if (kind != RequiredPhotos.Kind.PLATE
                        && kind.name().toLowerCase().replace('_', '-').equals(n)) {
                    return RequiredPhotos.Slot.of(kind);
                }
            }
        }
        throw new DomainException(AccidentError.PHOTO_SLOT_UNKNOWN, "照片位置应为 panorama-front,"
                + " panorama-rear, collision-point 或 plate-1..plate-" + plates.size()
                + " / unknown photo slot " + name, "slot");
    }

    /** The slot as stored: PANORAMA_FRONT, ..., PLATE:浙F12345. */
    static String slotKey(RequiredPhotos.Slot slot) {
        return slot.kind() == RequiredPhotos.Kind.PLATE ? "PLATE:" + slot.plate().value()
                : slot.kind().name();
    }

    static RequiredPhotos.Slot parseSlotKey(String key) {
        if (key.startsWith("PLATE:")) {
            return RequiredPhotos.Slot.plate(PlateNumber.parse(key.substring(6)));
        }
        return RequiredPhotos.Slot.of(RequiredPhotos.Kind.valueOf(key));
    }

    static JsonObject checklist(ChecklistAnswers a) {
        return JsonObject.mapFrom(a);
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

    static PartyStatement toStatement(String label, JsonObject s) {
        if (s.getBoolean("declined", false)) {
            return PartyStatement.declining(label);
        }
        Map<String, Assessment> assessments = new LinkedHashMap<>();
        JsonObject given = s.getJsonObject("assessments");
        for (String party : given.fieldNames()) {
            String value = given.getString(party);
            assessments.put(party, switch (value) {
                case "NOT_AT_FAULT" -> Assessment.notAtFault();
                case "UNLISTED_FAULT" -> Assessment.unlistedFault();
                default -> Assessment.scenario(value);
            });
        }
        return PartyStatement.of(label, assessments);
    }

    static JsonObject decision(LiabilityDecision d) {
        JsonObject grades = new JsonObject();
        d.grades().forEach((party, grade) -> grades.put(party, grade.name()));
        JsonObject scenarios = new JsonObject();
        d.appliedScenarios().forEach(a -> scenarios.put(a.party(), a.scenario().code()));
        return new JsonObject().put("outcome", d.outcome().name()).put("grades", grades)
                .put("scenarios", scenarios)
                .put("policeReviewReason", d.policeReviewReason() == null ? null
                        : d.policeReviewReason().name())
                .put("reasons", new JsonArray(d.reasons().stream().map(r -> new JsonObject()
                        .put("zh", r.zh()).put("en", r.en())).toList()))
                .put("catalogueVersion", d.catalogueVersion());
    }

    static JsonObject declinedDecision(String label, String catalogueVersion) {
        PoliceReviewReason reason = PoliceReviewReason.PARTY_DECLINED;
        return new JsonObject().put("outcome", "POLICE_REVIEW").put("grades", new JsonObject())
                .put("scenarios", new JsonObject())
                .put("policeReviewReason", reason.name())
                .put("reasons", new JsonArray()
                        .add(new JsonObject().put("zh", reason.zh()).put("en", reason.en()))
                        .add(new JsonObject().put("zh", "当事人" + label + "不同意自行协商，申请交警处理")
                                .put("en", "Party " + label
                                        + " declined to settle online and asked for the police")))
                .put("catalogueVersion", catalogueVersion);
    }

    static JsonObject agreementSummary(AccidentCase c, SettlementAgreement a, String code) {
        return new JsonObject().put("caseNo", c.row().caseNo())
                .put("occurredAt", a.occurredAt().toString()).put("place", a.place())
                .put("verificationCode", AccidentService.formatCode(code))
                .put("parties", new JsonArray(a.parties().stream().map(p -> new JsonObject()
                        .put("label", p.partyId()).put("plate", p.plate().value())
                        .put("insurer", p.insurer()).put("liability", p.liability().name())
                        .put("liabilityZh", p.liability().zh())).toList()));
    }

    static JsonObject insurerNotification(AccidentCase c, SettlementAgreement a, UUID agreementId,
            String code, String insurer) {
        JsonArray parties = new JsonArray();
        JsonArray insured = new JsonArray();
        for (AgreementParty p : a.parties()) {
            parties.add(new JsonObject().put("label", p.partyId()).put("name", p.name())
                    .put("licenceNo", Masking.licenceOrId(p.licenceOrIdNumber()))
                    .put("phone", p.phone()).put("plate", p.plate().value())
                    .put("vehicleType", p.vehicleType()).put("insurer", p.insurer())
                    .put("policyNo", p.policyNumber()).put("collisionPart", p.collisionPart())
                    .put("liability", p.liability().name())
                    .put("scenarioCode", p.scenarioCode()));
            if (p.insurer().equals(insurer)) {
                insured.add(p.partyId());
            }
        }
        return new JsonObject().put("event", AccidentService.AGREEMENT_TOPIC)
                .put("agreementId", agreementId.toString())
                .put("caseId", c.row().id().toString()).put("caseNo", c.row().caseNo())
                .put("insurer", insurer).put("insuredParties", insured)
                .put("verificationCode", AccidentService.formatCode(code))
                .put("verifyPath", "/api/v1/agreements/" + code + "/verify")
                .put("occurredAt", a.occurredAt().toString()).put("place", a.place())
                .put("lat", c.row().lat()).put("lon", c.row().lon())
                .put("weather", a.weather().name()).put("accidentForm", a.accidentForm().name())
                .put("catalogueVersion", a.catalogueVersion()).put("parties", parties);
    }

    static JsonObject agreement(SettlementAgreement a, String code, ScenarioCatalogue catalogue) {
        JsonArray parties = new JsonArray();
        for (AgreementParty p : a.parties()) {
            Scenario s = p.scenarioCode() == null ? null
                    : catalogue.find(p.scenarioCode()).orElse(null);
            parties.add(new JsonObject().put("label", p.partyId()).put("name", p.name())
                    .put("licenceNo", p.licenceOrIdNumber()).put("phone", p.phone())
                    .put("vehicleType", p.vehicleType()).put("plate", p.plate().value())
                    .put("insurer", p.insurer()).put("policyNo", p.policyNumber())
                    .put("collisionPart", p.collisionPart())
                    .put("liability", p.liability().name())
                    .put("liabilityZh", p.liability().zh())
                    .put("scenario", s == null ? null : new JsonObject().put("code", s.code())
                            .put("nameZh", s.nameZh()).put("nameEn", s.nameEn()))
                    .put("signedAt", p.signature() == null ? null
                            : p.signature().signedAt().toString()));
        }
        return new JsonObject().put("caseNo", a.caseId())
                .put("occurredAt", a.occurredAt().toString()).put("place", a.place())
                .put("weather", a.weather().name()).put("weatherZh", a.weather().zh())
                .put("accidentForm", a.accidentForm().name())
                .put("accidentFormZh", a.accidentForm().zh())
                .put("catalogueVersion", a.catalogueVersion())
                .put("verificationCode", AccidentService.formatCode(code))
                .put("parties", parties);
    }

    static JsonObject notification(Outbox.StoredMessage m) {
        return new JsonObject().put("insurer", m.endpoint().replaceFirst("^insurer:", ""))
                .put("status", m.status()).put("attempts", m.attempts())
                .put("deliveredAt", m.deliveredAt() == null ? null : m.deliveredAt().toString())
                .put("lastError", m.lastError());
    }

    static JsonArray basis(List<LegalBasis> basis) {
        return new JsonArray(basis.stream().map(b -> new JsonObject().put("zh", b.zh())
                .put("en", b.en())).toList());
    }

    static JsonObject scenario(Scenario s) {
        return new JsonObject().put("code", s.code()).put("nameZh", s.nameZh())
                .put("nameEn", s.nameEn()).put("descriptionZh", s.descriptionZh())
                .put("descriptionEn", s.descriptionEn()).put("legalBasis", basis(s.legalBasis()));
    }
}

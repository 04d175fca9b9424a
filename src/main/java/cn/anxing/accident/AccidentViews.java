package cn.anxing.accident;

import cn.anxing.accident.cases.CaseAction;

import cn.anxing.accident.agreement.AgreementSeal;
import cn.anxing.accident.cases.CaseState;
import cn.anxing.accident.cases.CaseTransition;
import cn.anxing.accident.cases.PlateNumber;
import cn.anxing.accident.liability.Scenario;
import cn.anxing.accident.photo.RequiredPhotos;
import cn.anxing.accident.police.LegalBasisList;
import cn.anxing.accident.police.SendBack;
import cn.anxing.accident.privacy.FieldCipher;
import cn.anxing.accident.privacy.Masking;
import cn.anxing.routing.LatLon;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The JSON the pages see of cases. What one party sees of another is masked (licence, phone)
 * except where the agreement itself needs the number; the police see everything.
 */
public final class AccidentViews {

    private final FieldCipher cipher;

    public AccidentViews(FieldCipher cipher) {
        this.cipher = cipher;
    }

    static JsonObject location(ReportCases.Location l) {
        return point(l.position(), l.road())
                .put("distanceMetres", l.distanceMetres() == null ? null
                        : Math.round(l.distanceMetres() * 10) / 10.0)
                .put("crossStreet", nearby(l.crossStreet()))
                .put("landmark", nearby(l.landmark()));
    }

    private static JsonObject nearby(ReportCases.Nearby n) {
        return n == null ? null : new JsonObject().put("name", n.name())
                .put("metres", Math.round(n.metres()));
    }

    private static JsonObject point(LatLon p, AccidentCase.Road road) {
        return new JsonObject().put("lat", p.lat()).put("lon", p.lon())
                .put("roadLat", road.point() == null ? null : road.point().lat())
                .put("roadLon", road.point() == null ? null : road.point().lon())
                .put("roadName", road.name()).put("roadClass", road.roadClass())
                .put("expressway", road.expressway());
    }

    JsonObject forParty(CaseForParty view) {
        AccidentCase c = view.accidentCase();
        CaseParty me = view.viewer();
        JsonObject json = common(c);
        json.put("shareCode", c.shareCode());
        json.put("myLabel", me.label());
        json.put("parties", new JsonArray(c.parties().stream()
                .map(p -> party(p, p.id().equals(me.id()), p.id().equals(me.id()))).toList()));
        boolean everyoneStated = c.parties().stream().allMatch(CaseParty::stated);
        json.put("statements", statements(c, everyoneStated ? null : me.id()));
        json.put("allowedActions", new JsonArray(view.allowedActions().stream()
                .map(Enum::name).toList()));
        AgreementRecord agreement = view.agreement();
        if (agreement != null) {
            json.put("agreement", new JsonObject()
                    .put("verificationCode", AgreementSeal.printed(agreement.verificationCode()))
                    .put("signedAt", agreement.createdAt().toString()));
        }
        json.put("sendBack", view.sendBack() == null ? null : sendBack(view.sendBack()));
        json.put("determination", view.determination() == null ? null
                : determination(view.determination(), false));
        json.put("reviewUntil", view.reviewUntil() == null ? null
                : view.reviewUntil().toString());
        json.put("reviewRequestedAt", view.reviewAskedAt() == null ? null
                : view.reviewAskedAt().toString());
        // why a settled case waits for the police: its flags (the page says so in plain words)
        json.put("settlementHeld", !c.flags().isEmpty() && c.decision() != null
                && c.decision().settled() && c.agreementPending());
        return json;
    }

    static JsonObject sendBack(SendBack s) {
        return PoliceDeskRepository.sendBackJson(s).put("answered", s.answered());
    }

    /** The issued determination; {@code full}: the police see the licence numbers too. */
    static JsonObject determination(PoliceDeskRepository.StoredDetermination d, boolean full) {
        JsonObject content = d.content().copy();
        if (!full) {
            content.getJsonArray("parties").forEach(p -> {
                JsonObject party = (JsonObject) p;
                party.put("licenceNo", Masking.licenceOrId(party.getString("licenceNo", "")));
            });
        }
        return new JsonObject().put("verificationCode", AgreementSeal.printed(d.code()))
                .put("issuedAt", d.createdAt().toString()).put("content", content);
    }

    static JsonObject determinationVerification(PoliceDecisions.Verification v) {
        JsonObject json = new JsonObject().put("genuine", v.genuine()).put("reason", v.reason())
                .put("superseded", v.superseded());
        if (v.determination() != null) {
            var d = v.determination();
            json.put("verificationCode", v.verificationCode()).put("determination",
                    new JsonObject().put("caseNo", d.caseNo())
                            .put("occurredAt", d.occurredAt().toString()).put("place", d.place())
                            .put("officerUnit", d.officerUnit())
                            .put("issuedAt", d.issuedAt().toString())
                            .put("parties", new JsonArray(d.parties().stream()
                                    .map(p -> new JsonObject().put("label", p.label())
                                            .put("plate", p.plate() == null ? null
                                                    : p.plate().value())
                                            .put("grade", p.grade()).put("gradeZh", p.gradeZh()))
                                    .toList())));
        }
        return json;
    }

    static JsonObject legalBasis(LegalBasisList list) {
        return new JsonObject().put("version", list.version())
                .put("catalogueVersion", list.catalogueVersion())
                .put("articles", new JsonArray(list.articles().stream().map(a -> new JsonObject()
                        .put("code", a.code()).put("zh", a.zh()).put("en", a.en())
                        .put("summaryZh", a.summaryZh())).toList()));
    }

    static JsonArray audit(List<PoliceDeskRepository.AuditRow> rows) {
        return new JsonArray(rows.stream().map(r -> new JsonObject().put("id", r.id())
                .put("at", r.at().toString()).put("officerId", r.officerId().toString())
                .put("officerName", r.officerName()).put("action", r.action())
                .put("caseId", r.caseId() == null ? null : r.caseId().toString())
                .put("caseNo", r.caseNo()).put("detail", r.detail())
                .put("before", r.before()).put("after", r.after())).toList());
    }

    JsonObject forPolice(PoliceClaims.CaseForPolice view) {
        AccidentCase c = view.accidentCase();
        JsonObject json = common(c);
        json.put("parties", new JsonArray(c.parties().stream()
                .map(p -> party(p, true, false)).toList()));
        json.put("statements", statements(c, null));
        json.put("transitions", transitions(view.transitions()));
        var claim = view.claim();
        json.put("claim", claim == null ? null : new JsonObject()
                .put("officerId", claim.officerId().toString())
                .put("officerName", claim.officerName())
                .put("claimedAt", claim.claimedAt().toString())
                .put("expiresAt", claim.expiresAt().toString())
                .put("mine", claim.officerId().equals(view.viewer())));
        json.put("sendBack", view.sendBack() == null ? null : sendBack(view.sendBack()));
        json.put("determination", view.determination() == null ? null
                : determination(view.determination(), true));
        json.put("reviewRequestedAt", view.reviewRequestedAt() == null ? null
                : view.reviewRequestedAt().toString());
        json.put("reasons", new JsonArray(PoliceQueue.reasonsOf(c,
                view.reviewRequestedAt())));
        return json;
    }

    static JsonObject summary(CaseForParty view) {
        AccidentCase c = view.accidentCase();
        return new JsonObject().put("id", c.id().toString()).put("caseNo", c.caseNo())
                .put("state", c.state().name()).put("stateZh", c.state().zh())
                .put("reportedAt", c.reportedAt().toString()).put("roadName", c.road().name())
                .put("plates", plates(c.plates()));
    }

    /** The public preview of a share code (see ReportCases.preview). */
    static JsonObject joinPreview(AccidentCase c) {
        return new JsonObject().put("caseNo", c.caseNo())
                .put("occurredAt", c.occurredAt().toString()).put("roadName", c.road().name())
                .put("plates", new JsonArray(c.plates().stream()
                        .map(p -> maskPlate(p.value())).toList()))
                .put("joinable", CaseAction.INVITE.openIn(c.state()) && c.awaitsParties());
    }

    /** 浙F12345 → 浙F1**45: the province, the letter and the ends stay readable. */
    static String maskPlate(String plate) {
        if (plate.length() <= 5) {
            return plate;
        }
        return plate.substring(0, 3) + "*".repeat(plate.length() - 5)
                + plate.substring(plate.length() - 2);
    }

    static JsonObject queueEntry(PoliceQueue.QueueEntry e, Instant now) {
        AccidentCase c = e.accidentCase();
        var claim = e.claim();
        return new JsonObject().put("id", c.id().toString()).put("caseNo", c.caseNo())
                .put("state", c.state().name()).put("stateZh", c.state().zh())
                .put("reportedAt", c.reportedAt().toString())
                .put("waitingSince", e.waitingSince().toString())
                .put("waitingMinutes", Math.max(0, Duration.between(e.waitingSince(), now)
                        .toMinutes()))
                .put("roadName", c.road().name())
                .put("plates", plates(c.plates()))
                .put("flags", CaseJson.flags(c.flags()))
                .put("medicalAdvance", c.medicalAdvance())
                .put("injury", e.injury())
                .put("reason", reasonOf(c))
                .put("reasons", new JsonArray(e.reasons()))
                .put("reviewRequested", e.reviewRequestedAt() != null)
                .put("holder", claim == null ? null : new JsonObject()
                        .put("officerId", claim.officerId().toString())
                        .put("officerName", claim.officerName())
                        .put("expiresAt", claim.expiresAt().toString()));
    }

    private static String reasonOf(AccidentCase c) {
        if (c.decision() != null && c.decision().policeReviewReason() != null) {
            return c.decision().policeReviewReason().name();
        }
        if (c.eligibility() != null && !c.eligibility().selfServiceAllowed()) {
            return "NOT_ELIGIBLE";
        }
        if (!c.flags().isEmpty()) {
            return "PHOTO_FLAGGED";
        }
        return c.state() == CaseState.POLICE_REVIEW ? "POLICE_REQUESTED" : null;
    }

    private JsonObject common(AccidentCase c) {
        Map<RequiredPhotos.Slot, CasePhoto> bySlot = new LinkedHashMap<>();
        c.photos().forEach(p -> bySlot.put(p.slot(), p));
        JsonArray slots = new JsonArray();
        for (RequiredPhotos.Slot slot : RequiredPhotos.required(c.plates())) {
            CasePhoto photo = bySlot.get(slot);
            slots.add(new JsonObject().put("slot", PhotoSlots.name(slot, c.plates()))
                    .put("kind", slot.kind().name())
                    .put("plate", slot.plate() == null ? null : slot.plate().value())
                    .put("photo", photo == null ? null : photo(photo)));
        }
        return new JsonObject()
                .put("id", c.id().toString())
                .put("caseNo", c.caseNo())
                .put("state", c.state().name())
                .put("stateZh", c.state().zh())
                .put("version", c.version())
                .put("occurredAt", c.occurredAt().toString())
                .put("reportedAt", c.reportedAt().toString())
                .put("location", point(c.position(), c.road()))
                .put("weather", c.weather().name())
                .put("accidentForm", c.accidentForm().name())
                .put("plates", plates(c.plates()))
                .put("checklist", c.checklist() == null ? null
                        : CaseJson.checklist(c.checklist()))
                .put("eligibility", c.eligibility() == null ? null
                        : CaseJson.eligibility(c.eligibility()))
                .put("medicalAdvance", c.medicalAdvance())
                .put("photos", slots)
                .put("flags", CaseJson.flags(c.flags()))
                .put("decision", c.decision() == null ? null : CaseJson.decision(c.decision()))
                .put("policeDecision", c.policeDecision() == null ? null
                        : CaseJson.policeDecision(c.policeDecision()));
    }

    /** A party as a viewer sees them; {@code full}: licence and phone unmasked. */
    private JsonObject party(CaseParty p, boolean full, boolean mine) {
        String licence = null;
        if (p.licenceEncrypted() != null) {
            licence = full ? cipher.decrypt(p.licenceEncrypted(), p.licenceContext())
                    : p.licenceMasked();
        }
        return new JsonObject()
                .put("label", p.label())
                .put("me", mine)
                .put("name", p.name())
                .put("phone", p.phone() == null ? null : full ? p.phone()
                        : Masking.phone(p.phone()))
                .put("plate", p.plate() == null ? null : p.plate().value())
                .put("vehicleType", p.vehicleType())
                .put("licenceNo", licence)
                .put("insurerCode", p.insurerCode())
                .put("policyNo", p.policyNo())
                .put("collisionPart", p.collisionPart())
                .put("complete", p.complete())
                .put("stated", p.stated())
                .put("signed", p.signed())
                .put("signedAt", p.signed() ? p.signature().signedAt().toString() : null);
    }

    /** Every statement; before all are in, a party sees only their own (no anchoring). */
    private static JsonObject statements(AccidentCase c, UUID onlyOf) {
        JsonObject json = new JsonObject();
        for (CaseParty p : c.parties()) {
            if (p.stated() && (onlyOf == null || p.id().equals(onlyOf))) {
                json.put(p.label(), CaseJson.statement(p.statement()));
            }
        }
        return json;
    }

    static JsonObject photo(CasePhoto p) {
        return new JsonObject().put("id", p.id() == null ? null : p.id().toString())
                .put("sha256", p.sha256()).put("contentType", p.type().contentType())
                .put("sizeBytes", p.sizeBytes())
                .put("takenAt", p.takenAt() == null ? null : p.takenAt().toString())
                .put("lat", p.position() == null ? null : p.position().lat())
                .put("lon", p.position() == null ? null : p.position().lon())
                .put("flags", CaseJson.flags(p.flags()))
                .put("uploadedAt", p.uploadedAt() == null ? null : p.uploadedAt().toString());
    }

    static JsonObject upload(CaseEvidence.Upload upload, JsonObject updated) {
        JsonObject json = new JsonObject().put("replayed", upload.replayed());
        if (upload.photo() != null) {
            json.put("photo", photo(upload.photo()));
        }
        return json.put("case", updated);
    }

    static JsonArray duplicates(List<ReportCases.DuplicateOffer> offers) {
        return new JsonArray(offers.stream().map(d -> new JsonObject()
                .put("caseId", d.caseId().toString())
                .put("reportedAt", d.reportedAt().toString())
                .put("distanceMetres", d.distanceMetres())
                .put("minutesApart", d.minutesApart())
                .put("sharedPlates", plates(d.sharedPlates()))).toList());
    }

    static JsonArray transitions(List<CaseTransition> transitions) {
        return new JsonArray(transitions.stream().map(t -> new JsonObject()
                .put("from", t.from().name()).put("event", t.event().name())
                .put("to", t.to().name()).put("actor", t.actor())
                .put("at", t.at().toString())).toList());
    }

    static JsonObject statistics(PoliceQueue.Statistics s) {
        JsonObject byState = new JsonObject();
        s.casesByState().forEach((state, count) -> byState.put(state.name(), count));
        return new JsonObject().put("casesByState", byState)
                .put("duplicatesOffered", s.duplicatesOffered())
                .put("duplicatesAvoided", s.duplicatesAvoided());
    }

    /** The insurers a party chooses from: the active ones. */
    static JsonArray activeInsurers(List<InsurerRepository.Insurer> insurers) {
        return new JsonArray(insurers.stream().filter(InsurerRepository.Insurer::active)
                .map(i -> new JsonObject().put("code", i.code()).put("nameZh", i.nameZh())
                        .put("nameEn", i.nameEn())).toList());
    }

    static JsonObject scenario(Scenario s) {
        return new JsonObject().put("code", s.code()).put("nameZh", s.nameZh())
                .put("nameEn", s.nameEn()).put("descriptionZh", s.descriptionZh())
                .put("descriptionEn", s.descriptionEn())
                .put("legalBasis", CaseJson.basis(s.legalBasis()));
    }

    private static JsonArray plates(List<PlateNumber> plates) {
        return new JsonArray(plates.stream().map(PlateNumber::value).toList());
    }
}

package cn.anxing.accident;

import cn.anxing.accident.agreement.AgreementParty;
import cn.anxing.accident.agreement.AgreementSeal;
import cn.anxing.accident.agreement.SettlementAgreement;
import cn.anxing.accident.liability.Scenario;
import cn.anxing.accident.liability.ScenarioCatalogue;
import cn.anxing.accident.privacy.Masking;
import cn.anxing.outbox.Outbox;
import cn.anxing.outbox.OutboxMessage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;

/**
 * The JSON of agreements: the agreement as its parties read it, the public code check, and the
 * notification each insurer receives when the last party signs (and its delivery status).
 */
final class AgreementViews {

    /** The topic of the insurers' notification. */
    static final String AGREEMENT_TOPIC = "accident.agreement.signed";

    private AgreementViews() {
    }

    static JsonObject agreement(CaseAgreements.Sealed sealed, ScenarioCatalogue catalogue) {
        SettlementAgreement a = sealed.agreement();
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
                .put("verificationCode", AgreementSeal.printed(sealed.code()))
                .put("parties", parties);
    }

    /**
     * @param insurers the insurer list, so each party's insurer also reads by its names
     *                 (insurerZh, insurerEn) beside its code
     */
    static JsonObject verification(CaseAgreements.Verification v,
            List<InsurerRepository.Insurer> insurers) {
        JsonObject json = new JsonObject().put("genuine", v.genuine()).put("reason", v.reason());
        if (v.summary() != null) {
            JsonObject summary = CaseJson.summary(v.summary());
            for (Object o : summary.getJsonArray("parties")) {
                JsonObject party = (JsonObject) o;
                String code = party.getString("insurer");
                insurers.stream().filter(i -> i.code().equals(code)).findFirst()
                        .ifPresent(i -> party.put("insurerZh", i.nameZh())
                                .put("insurerEn", i.nameEn()));
            }
            json.put("verificationCode", v.verificationCode()).put("agreement", summary);
        }
        return json;
    }

    /** Insurer code to its Chinese name, as the agreement prints it. */
    static Map<String, String> insurerNamesZh(List<InsurerRepository.Insurer> insurers) {
        Map<String, String> names = new HashMap<>();
        insurers.forEach(i -> names.put(i.code(), i.nameZh()));
        return names;
    }

    /** What an insurer's system receives: the case, the parties, the liability, the code. */
    static OutboxMessage insurerNotification(AccidentCase c, SettlementAgreement a,
            UUID agreementId, String code, String insurer) {
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
        JsonObject body = new JsonObject().put("event", AGREEMENT_TOPIC)
                .put("agreementId", agreementId.toString())
                .put("caseId", c.id().toString()).put("caseNo", c.caseNo())
                .put("insurer", insurer).put("insuredParties", insured)
                .put("verificationCode", AgreementSeal.printed(code))
                .put("verifyPath", "/api/v1/agreements/" + code + "/verify")
                .put("occurredAt", a.occurredAt().toString()).put("place", a.place())
                .put("lat", c.position().lat()).put("lon", c.position().lon())
                .put("weather", a.weather().name()).put("accidentForm", a.accidentForm().name())
                .put("catalogueVersion", a.catalogueVersion()).put("parties", parties);
        return new OutboxMessage(InsurerRepository.endpointOf(insurer), AGREEMENT_TOPIC,
                "agreement:" + agreementId + ":insurer:" + insurer, body);
    }

    static JsonObject notification(Outbox.StoredMessage m) {
        return new JsonObject().put("insurer", m.endpoint().replaceFirst("^insurer:", ""))
                .put("status", m.status()).put("attempts", m.attempts())
                .put("deliveredAt", m.deliveredAt() == null ? null : m.deliveredAt().toString())
                .put("lastError", m.lastError());
    }
}

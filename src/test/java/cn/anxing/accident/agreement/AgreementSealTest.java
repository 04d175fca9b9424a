package cn.anxing.accident.agreement;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.error.DomainException;
import cn.anxing.accident.cases.PlateNumber;
import cn.anxing.accident.liability.LiabilityGrade;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgreementSealTest {

    private static final AgreementSeal SEAL = new AgreementSeal(
            "a server key of thirty-two bytes or more, from configuration"
                    .getBytes(StandardCharsets.UTF_8));

    @Test
    @DisplayName("The code is 16 Crockford base32 characters in four groups, the same every time")
    void codeShape() {
        String code = SEAL.code(Agreements.sample());
        assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}"), code);
        assertEquals(code, SEAL.code(Agreements.sample()));
        assertTrue(SEAL.verify(Agreements.sample(), code));
    }

    @Test
    @DisplayName("Another server key gives another code, so a code cannot be made without the key")
    void keyMatters() {
        AgreementSeal other = new AgreementSeal(new byte[32]);
        assertNotEquals(SEAL.code(Agreements.sample()), other.code(Agreements.sample()));
        assertFalse(other.verify(Agreements.sample(), SEAL.code(Agreements.sample())));
    }

    @ParameterizedTest(name = "{0} changed")
    @ValueSource(strings = {"caseId", "occurredAt", "place", "weather", "accidentForm",
            "name", "licence", "phone", "vehicleType", "plate", "insurer", "policy",
            "collisionPart", "liability", "scenario", "signature", "signedAt", "order"})
    @DisplayName("Changing any field of the agreement makes its code no longer verify")
    void anyChangeBreaksTheSeal(String field) {
        SettlementAgreement a = Agreements.sample();
        String code = SEAL.code(a);
        AgreementParty b = a.parties().get(1);
        SettlementAgreement changed = switch (field) {
            case "caseId" -> new SettlementAgreement("PH-20261129-0043", a.occurredAt(), a.place(),
                    a.position(), a.weather(), a.accidentForm(), a.catalogueVersion(), a.parties());
            case "occurredAt" -> new SettlementAgreement(a.caseId(), a.occurredAt().plusSeconds(60),
                    a.place(), a.position(), a.weather(), a.accidentForm(), a.catalogueVersion(),
                    a.parties());
            case "place" -> new SettlementAgreement(a.caseId(), a.occurredAt(), a.place() + "附近",
                    a.position(), a.weather(), a.accidentForm(), a.catalogueVersion(), a.parties());
            case "weather" -> new SettlementAgreement(a.caseId(), a.occurredAt(), a.place(),
                    a.position(), Weather.RAIN, a.accidentForm(), a.catalogueVersion(), a.parties());
            case "accidentForm" -> new SettlementAgreement(a.caseId(), a.occurredAt(), a.place(),
                    a.position(), a.weather(), AccidentForm.SCRAPE, a.catalogueVersion(), a.parties());
            case "order" -> new SettlementAgreement(a.caseId(), a.occurredAt(), a.place(),
                    a.position(), a.weather(), a.accidentForm(), a.catalogueVersion(),
                    java.util.List.of(a.parties().get(1), a.parties().get(0)));
            default -> Agreements.withParty(a, 1, changedParty(b, field));
        };
        assertFalse(SEAL.verify(changed, code));
    }

    private static AgreementParty changedParty(AgreementParty p, String field) {
        return new AgreementParty(p.partyId(),
                field.equals("name") ? "李四" : p.name(),
                field.equals("licence") ? "330482198512125670" : p.licenceOrIdNumber(),
                field.equals("phone") ? "13900000003" : p.phone(),
                field.equals("vehicleType") ? "小型轿车" : p.vehicleType(),
                field.equals("plate") ? PlateNumber.parse("浙FD12346") : p.plate(),
                field.equals("insurer") ? "中国人寿财产保险股份有限公司" : p.insurer(),
                field.equals("policy") ? "ASHZ01234567890124" : p.policyNumber(),
                field.equals("collisionPart") ? "车头左侧" : p.collisionPart(),
                field.equals("liability") ? LiabilityGrade.EQUAL : p.liability(),
                field.equals("scenario") ? "LANE_CHANGE" : p.scenarioCode(),
                field.equals("signature") || field.equals("signedAt") ? new Signature(
                        field.equals("signature") ? Agreements.signaturePng(3) : p.signature().png(),
                        field.equals("signedAt") ? Instant.parse("2026-11-29T02:00:00Z")
                                : p.signature().signedAt()) : p.signature());
    }

    @Test
    @DisplayName("A code typed back in lower case, without dashes, or with O for 0 and I or L for 1 still verifies")
    void typingSlipsAreForgiven() {
        SettlementAgreement a = Agreements.sample();
        String code = SEAL.code(a);
        assertTrue(SEAL.verify(a, code.toLowerCase()));
        assertTrue(SEAL.verify(a, code.replace("-", "")));
        assertTrue(SEAL.verify(a, " " + code.replace("-", " ") + " "));
        assertTrue(SEAL.verify(a, code.replace('0', 'O').replace('1', 'I')));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "ABCD", "ABCD-EFGH-JKMN-PQRU", "ABCD-EFGH-JKMN-PQRS-TVWX", "是否"})
    @DisplayName("Something that cannot be a code never verifies")
    void malformedCodes(String typed) {
        assertFalse(SEAL.verify(Agreements.sample(), typed));
        assertEquals(null, AgreementSeal.normalise(typed));
    }

    @Test
    @DisplayName("An agreement is sealed only when every party has signed")
    void unsignedIsRefused() {
        SettlementAgreement a = Agreements.sample();
        SettlementAgreement unsigned = Agreements.withParty(a, 0,
                a.parties().get(0).withSignature(null));
        DomainException e = assertThrows(DomainException.class, () -> SEAL.code(unsigned));
        assertEquals(AccidentError.AGREEMENT_UNSIGNED, e.code());
        assertFalse(SEAL.verify(unsigned, SEAL.code(a)));
    }

    @Test
    @DisplayName("A short key is refused")
    void shortKey() {
        assertThrows(IllegalArgumentException.class, () -> new AgreementSeal(new byte[16]));
    }
}

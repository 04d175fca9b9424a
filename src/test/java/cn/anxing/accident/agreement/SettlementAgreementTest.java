package cn.anxing.accident.agreement;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.error.DomainException;
import cn.anxing.accident.liability.LiabilityGrade;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettlementAgreementTest {

    @ParameterizedTest(name = "{0} blank -> {1}")
    @CsvSource({
            "name,          parties[1].name",
            "licence,       parties[1].licenceOrIdNumber",
            "phone,         parties[1].phone",
            "vehicleType,   parties[1].vehicleType",
            "insurer,       parties[1].insurer",
            "policy,        parties[1].policyNumber",
            "collisionPart, parties[1].collisionPart",
            "partyId,       parties[1].partyId",
    })
    @DisplayName("Every field Order 146 art. 22 requires of a party must be filled in; the missing one is named")
    void partyFieldsRequired(String blank, String field) {
        AgreementParty p = Agreements.sample().parties().get(1);
        AgreementParty changed = new AgreementParty(
                blank.equals("partyId") ? "A" : p.partyId(),
                blank.equals("name") ? " " : p.name(),
                blank.equals("licence") ? "" : p.licenceOrIdNumber(),
                blank.equals("phone") ? null : p.phone(),
                blank.equals("vehicleType") ? "" : p.vehicleType(), p.plate(),
                blank.equals("insurer") ? "" : p.insurer(),
                blank.equals("policy") ? "" : p.policyNumber(),
                blank.equals("collisionPart") ? "" : p.collisionPart(),
                p.liability(), p.scenarioCode(), p.signature());
        DomainException e = assertThrows(DomainException.class,
                () -> Agreements.withParty(Agreements.sample(), 1, changed));
        assertEquals(AccidentError.AGREEMENT_INVALID, e.code());
        assertEquals(field, e.field());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"MAIN", "SECONDARY"})
    @DisplayName("Main and secondary liability are for the police; a self-settled agreement refuses them")
    void policeGradesRefused(LiabilityGrade grade) {
        AgreementParty p = Agreements.sample().parties().get(1);
        AgreementParty changed = new AgreementParty(p.partyId(), p.name(), p.licenceOrIdNumber(),
                p.phone(), p.vehicleType(), p.plate(), p.insurer(), p.policyNumber(),
                p.collisionPart(), grade, p.scenarioCode(), p.signature());
        DomainException e = assertThrows(DomainException.class,
                () -> Agreements.withParty(Agreements.sample(), 1, changed));
        assertEquals("parties[1].liability", e.field());
    }

    @Test
    @DisplayName("The agreement is between at least two parties, at a known time, place and weather")
    void headerRequired() {
        SettlementAgreement a = Agreements.sample();
        assertEquals("parties", assertThrows(DomainException.class, () -> new SettlementAgreement(
                a.caseId(), a.occurredAt(), a.place(), a.position(), a.weather(),
                a.accidentForm(), a.catalogueVersion(), List.of(a.parties().get(0)))).field());
        assertEquals("weather", assertThrows(DomainException.class, () -> new SettlementAgreement(
                a.caseId(), a.occurredAt(), a.place(), a.position(), null,
                a.accidentForm(), a.catalogueVersion(), a.parties())).field());
        assertEquals("place", assertThrows(DomainException.class, () -> new SettlementAgreement(
                a.caseId(), a.occurredAt(), "", a.position(), a.weather(),
                a.accidentForm(), a.catalogueVersion(), a.parties())).field());
    }

    @Test
    @DisplayName("The canonical form has one line per field, and a newline typed into a field cannot forge another line")
    void canonicalFormEscapes() {
        SettlementAgreement a = Agreements.sample();
        String canonical = new String(a.canonicalBytes(), StandardCharsets.UTF_8);
        assertTrue(canonical.startsWith(SettlementAgreement.CANONICAL_HEADER + "\n"));
        assertTrue(canonical.contains("party.1.plate=浙FD12345\n"));
        assertTrue(canonical.contains("party.1.liability=FULL\n"));
        SettlementAgreement forged = new SettlementAgreement(a.caseId(), a.occurredAt(),
                "路口\nweather=RAIN", a.position(), a.weather(), a.accidentForm(),
                a.catalogueVersion(), a.parties());
        SettlementAgreement literal = new SettlementAgreement(a.caseId(), a.occurredAt(),
                "路口\\nweather=RAIN", a.position(), a.weather(), a.accidentForm(),
                a.catalogueVersion(), a.parties());
        assertNotEquals(new String(forged.canonicalBytes(), StandardCharsets.UTF_8),
                new String(literal.canonicalBytes(), StandardCharsets.UTF_8));
        assertEquals(canonical.lines().count(),
                new String(forged.canonicalBytes(), StandardCharsets.UTF_8).lines().count());
    }

    @Test
    @DisplayName("A party printed to a log shows masked licence and phone numbers")
    void toStringMasks() {
        String logged = Agreements.sample().parties().get(0).toString();
        assertTrue(logged.contains("3304**********1234"), logged);
        assertTrue(logged.contains("138****0001"), logged);
        assertFalse(logged.contains("330482199001011234"));
    }
}

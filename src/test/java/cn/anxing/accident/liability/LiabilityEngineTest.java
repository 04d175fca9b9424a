package cn.anxing.accident.liability;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.error.DomainException;
import cn.anxing.accident.liability.LiabilityDecision.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static cn.anxing.accident.liability.Assessment.notAtFault;
import static cn.anxing.accident.liability.Assessment.scenario;
import static cn.anxing.accident.liability.Assessment.unlistedFault;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiabilityEngineTest {

    private static final ScenarioCatalogue CATALOGUE = ScenarioCatalogue.bundled();

    static Stream<String> everyCatalogueCode() {
        return CATALOGUE.codes().stream();
    }

    /** Parses the table notation: "-" not at fault, "?" a fault not on the list, else a code. */
    private static Assessment a(String s) {
        return switch (s) {
            case "-" -> notAtFault();
            case "?" -> unlistedFault();
            default -> scenario(s);
        };
    }

    private static PartyStatement twoParty(String author, String aDid, String bDid) {
        return PartyStatement.of(author, Map.of("A", a(aDid), "B", a(bDid)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCatalogueCode")
    @DisplayName("Each catalogue situation, agreed by both, makes its party fully liable and the other not")
    void everyScenarioGivesFullLiability(String code) {
        LiabilityDecision d = LiabilityEngine.decide(CATALOGUE, List.of(
                twoParty("A", "-", code), twoParty("B", "-", code)));
        assertEquals(Outcome.SETTLED, d.outcome());
        assertEquals(Map.of("A", LiabilityGrade.NONE, "B", LiabilityGrade.FULL), d.grades());
        assertEquals(1, d.appliedScenarios().size());
        Scenario applied = d.appliedScenarios().get(0).scenario();
        assertEquals(code, applied.code());
        assertEquals(CATALOGUE.require(code, "code").legalBasis(), applied.legalBasis());
        assertTrue(d.reasons().stream().anyMatch(r -> r.zh().contains(applied.nameZh())
                && r.zh().contains(applied.legalBasis().get(0).zh())));
        assertEquals(CATALOGUE.version(), d.catalogueVersion());
        assertNull(d.policeReviewReason());
    }

    @ParameterizedTest(name = "A says [{0} / {1}], B says [{2} / {3}] -> {4} {5}")
    @CsvSource({
            // A's view of A, A's view of B, B's view of A, B's view of B, outcome, A, B or reason
            "REAR_END, -, REAR_END, -, SETTLED, FULL, NONE",
            "-, LANE_CHANGE, -, LANE_CHANGE, SETTLED, NONE, FULL",
            "REVERSING, DOOR_OPENING, REVERSING, DOOR_OPENING, SETTLED, EQUAL, EQUAL",
            "-, -, -, -, POLICE_REVIEW, NO_ONE_AT_FAULT,",
            "-, REAR_END, REAR_END, -, POLICE_REVIEW, STATEMENTS_DISAGREE,",
            "-, REAR_END, -, LANE_CHANGE, POLICE_REVIEW, STATEMENTS_DISAGREE,",
            "-, REAR_END, -, -, POLICE_REVIEW, STATEMENTS_DISAGREE,",
            "-, ?, -, ?, POLICE_REVIEW, UNKNOWN_SCENARIO,",
            "RED_LIGHT, ?, RED_LIGHT, ?, POLICE_REVIEW, UNKNOWN_SCENARIO,",
    })
    @DisplayName("Two parties: agreement settles full or equal; no fault, disagreement or an unlisted fault goes to the police")
    void twoPartyTable(String aOnA, String aOnB, String bOnA, String bOnB, Outcome outcome,
                       String first, String second) {
        LiabilityDecision d = LiabilityEngine.decide(CATALOGUE, List.of(
                twoParty("A", aOnA, aOnB), twoParty("B", bOnA, bOnB)));
        assertEquals(outcome, d.outcome());
        if (outcome == Outcome.SETTLED) {
            assertEquals(Map.of("A", LiabilityGrade.valueOf(first),
                    "B", LiabilityGrade.valueOf(second)), d.grades());
        } else {
            assertEquals(PoliceReviewReason.valueOf(first), d.policeReviewReason());
            assertTrue(d.grades().isEmpty());
            assertEquals(PoliceReviewReason.valueOf(first).zh(), d.reasons().get(0).zh());
        }
    }

    @Test
    @DisplayName("Both parties at fault in listed situations share equal liability, each with its own basis")
    void bothAtFaultIsEqual() {
        LiabilityDecision d = LiabilityEngine.decide(CATALOGUE, List.of(
                twoParty("A", "U_TURN_PROHIBITED", "WRONG_WAY"),
                twoParty("B", "U_TURN_PROHIBITED", "WRONG_WAY")));
        assertEquals(Map.of("A", LiabilityGrade.EQUAL, "B", LiabilityGrade.EQUAL), d.grades());
        assertEquals(List.of("U_TURN_PROHIBITED", "WRONG_WAY"), d.appliedScenarios().stream()
                .map(s -> s.scenario().code()).toList());
    }

    @Test
    @DisplayName("A party who declines sends the case to the police, whatever the other says")
    void declineGoesToPolice() {
        LiabilityDecision d = LiabilityEngine.decide(CATALOGUE, List.of(
                twoParty("A", "-", "REAR_END"), PartyStatement.declining("B")));
        assertEquals(Outcome.POLICE_REVIEW, d.outcome());
        assertEquals(PoliceReviewReason.PARTY_DECLINED, d.policeReviewReason());
        assertTrue(d.reasons().stream().anyMatch(r -> r.en().contains("Party B declined")));
    }

    @ParameterizedTest(name = "[{0}] [{1}] [{2}] -> {3}")
    @CsvSource({
            // each column: what A, B and C did, agreed by all three
            "-, REAR_END, -, SETTLED: A=NONE B=FULL C=NONE",
            "REAR_END, REVERSING, LANE_CHANGE, SETTLED: A=EQUAL B=EQUAL C=EQUAL",
            "-, -, -, NO_ONE_AT_FAULT",
            "REAR_END, REAR_END, -, MIXED_FAULT",
    })
    @DisplayName("Three parties follow the same rule: one at fault is full, all at fault is equal, else the police")
    void threeParties(String aDid, String bDid, String cDid, String expected) {
        Map<String, Assessment> agreed = Map.of("A", a(aDid), "B", a(bDid), "C", a(cDid));
        LiabilityDecision d = LiabilityEngine.decide(CATALOGUE, List.of(
                PartyStatement.of("A", agreed), PartyStatement.of("B", agreed),
                PartyStatement.of("C", agreed)));
        String actual = d.settled()
                ? "SETTLED: " + String.join(" ", d.grades().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).sorted().toList())
                : d.policeReviewReason().name();
        assertEquals(expected, actual);
    }

    @Test
    @DisplayName("With three parties, one dissenting statement is enough to send the case to the police")
    void threePartiesOneDissents() {
        Map<String, Assessment> agreed = Map.of("A", notAtFault(), "B", scenario("REAR_END"),
                "C", notAtFault());
        LiabilityDecision d = LiabilityEngine.decide(CATALOGUE, List.of(
                PartyStatement.of("A", agreed), PartyStatement.of("B", agreed),
                PartyStatement.of("C", Map.of("A", notAtFault(), "B", notAtFault(),
                        "C", notAtFault()))));
        assertEquals(PoliceReviewReason.STATEMENTS_DISAGREE, d.policeReviewReason());
    }

    @Test
    @DisplayName("A code not in the catalogue is an error naming the statement field that holds it")
    void unknownCodeNamesTheField() {
        DomainException e = assertThrows(DomainException.class, () ->
                LiabilityEngine.decide(CATALOGUE, List.of(
                        twoParty("A", "-", "REAR_END"), twoParty("B", "-", "TAILGATING"))));
        assertEquals(AccidentError.UNKNOWN_SCENARIO, e.code());
        assertEquals("statements[1].assessments.B", e.field());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "one party only           | STATEMENTS_ONE      | TOO_FEW_PARTIES      | statements",
            "a party left out         | MISSING_B           | STATEMENT_INCOMPLETE | statements[0].assessments.B",
            "a stranger assessed      | STRANGER            | STATEMENT_INVALID    | statements[0].assessments.X",
            "two statements by A      | DUPLICATE_AUTHOR    | STATEMENT_INVALID    | statements[1].author",
    })
    @DisplayName("Malformed statement sets are refused with the field at fault")
    void malformedStatements(String what, String shape, String code, String field) {
        List<PartyStatement> statements = switch (shape) {
            case "STATEMENTS_ONE" -> List.of(twoParty("A", "-", "REAR_END"));
            case "MISSING_B" -> List.of(PartyStatement.of("A", Map.of("A", notAtFault())),
                    twoParty("B", "-", "REAR_END"));
            case "STRANGER" -> List.of(PartyStatement.of("A", Map.of("A", notAtFault(),
                    "B", scenario("REAR_END"), "X", notAtFault())), twoParty("B", "-", "REAR_END"));
            case "DUPLICATE_AUTHOR" -> List.of(twoParty("A", "-", "REAR_END"),
                    twoParty("A", "-", "REAR_END"));
            default -> throw new IllegalArgumentException(shape);
        };
        DomainException e = assertThrows(DomainException.class,
                () -> LiabilityEngine.decide(CATALOGUE, statements));
        assertEquals(code, e.code().name());
        assertEquals(field, e.field());
    }
}

package cn.anxing.accident.cases;

import cn.anxing.error.DomainException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CaseStateMachineTest {

    /** The specification: every allowed move, one per line; every other pair is refused. */
    private static final String ALLOWED = """
            DRAFT         CHECKLIST_PASSED   EVIDENCE
            DRAFT         CHECKLIST_FAILED   POLICE_REVIEW
            DRAFT         WITHDRAWN          CLOSED
            EVIDENCE      EVIDENCE_SUBMITTED PARTIES
            EVIDENCE      POLICE_REQUESTED   POLICE_REVIEW
            EVIDENCE      WITHDRAWN          CLOSED
            PARTIES       ALL_PARTIES_JOINED LIABILITY
            PARTIES       POLICE_REQUESTED   POLICE_REVIEW
            LIABILITY     LIABILITY_SETTLED  AGREED
            LIABILITY     LIABILITY_DISPUTED POLICE_REVIEW
            LIABILITY     POLICE_REQUESTED   POLICE_REVIEW
            AGREED        CLOSED             CLOSED
            POLICE_REVIEW POLICE_DECIDED     DECIDED
            POLICE_REVIEW SENT_BACK          SUPPLEMENT
            SUPPLEMENT    SUPPLEMENT_ANSWERED POLICE_REVIEW
            DECIDED       REVIEW_REQUESTED   POLICE_REVIEW
            DECIDED       CLOSED             CLOSED
            """;

    private static Map<String, CaseState> allowed() {
        Map<String, CaseState> m = new HashMap<>();
        ALLOWED.lines().map(l -> l.trim().split("\\s+"))
                .forEach(f -> m.put(f[0] + " " + f[1], CaseState.valueOf(f[2])));
        return m;
    }

    static Stream<Arguments> everyStateAndEvent() {
        Map<String, CaseState> allowed = allowed();
        return Arrays.stream(CaseState.values()).flatMap(s -> Arrays.stream(CaseEvent.values())
                .map(e -> Arguments.of(s, e, allowed.get(s + " " + e))));
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("everyStateAndEvent")
    @DisplayName("Every state and event pair either moves as the table says or is refused with a stable code")
    void fullTransitionTable(CaseState from, CaseEvent event, CaseState expected) {
        if (expected != null) {
            assertEquals(expected, CaseStateMachine.next(from, event));
        } else {
            DomainException e = assertThrows(DomainException.class,
                    () -> CaseStateMachine.next(from, event));
            assertEquals(CaseStateMachine.ILLEGAL_TRANSITION, e.code());
            assertEquals("event", e.field());
        }
    }

    @Test
    @DisplayName("A transition records who made it and when")
    void transitionRecordsWhoAndWhen() {
        Instant at = Instant.parse("2026-11-29T12:00:00Z");
        CaseTransition t = CaseStateMachine.apply(CaseState.POLICE_REVIEW,
                CaseEvent.POLICE_DECIDED, "officer:0421", at);
        assertEquals(new CaseTransition(CaseState.POLICE_REVIEW, CaseEvent.POLICE_DECIDED,
                CaseState.DECIDED, "officer:0421", at), t);
    }

    @Test
    @DisplayName("A transition without an actor is refused")
    void actorIsRequired() {
        DomainException e = assertThrows(DomainException.class, () -> CaseStateMachine
                .apply(CaseState.DRAFT, CaseEvent.CHECKLIST_PASSED, " ", Instant.now()));
        assertEquals("actor", e.field());
    }

    @Test
    @DisplayName("The events offered in a state are exactly those the table allows")
    void allowedEventsMatchTheTable() {
        assertEquals(Set.of(CaseEvent.LIABILITY_SETTLED, CaseEvent.LIABILITY_DISPUTED,
                CaseEvent.POLICE_REQUESTED), CaseStateMachine.allowedEvents(CaseState.LIABILITY));
        assertEquals(Set.of(), CaseStateMachine.allowedEvents(CaseState.CLOSED));
    }
}

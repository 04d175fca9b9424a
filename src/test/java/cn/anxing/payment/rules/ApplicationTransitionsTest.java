package cn.anxing.payment.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.error.DomainException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApplicationTransitionsTest {

    @ParameterizedTest(name = "{2} moves {0} -> {1}: {3}")
    @CsvSource({
            "APPLIED,       NOTICE_ISSUED, POLICE,    true",
            "APPLIED,       NOTICE_ISSUED, APPLICANT, false",
            "APPLIED,       NOTICE_ISSUED, HOSPITAL,  false",
            "APPLIED,       REJECTED,      POLICE,    true",
            "APPLIED,       WITHDRAWN,     APPLICANT, true",
            "APPLIED,       BILLED,        HOSPITAL,  false",
            "APPLIED,       PAID,          PAYER,     false",
            "NOTICE_ISSUED, BILLED,        HOSPITAL,  true",
            "NOTICE_ISSUED, APPROVED,      PAYER,     false",
            "BILLED,        BILLED,        HOSPITAL,  true",
            "BILLED,        APPROVED,      PAYER,     true",
            "BILLED,        APPROVED,      HOSPITAL,  false",
            "BILLED,        REJECTED,      PAYER,     true",
            "BILLED,        PAID,          PAYER,     false",
            "APPROVED,      PAID,          PAYER,     true",
            "APPROVED,      PAID,          SYSTEM,    true",
            "APPROVED,      PAID,          HOSPITAL,  false",
            "APPROVED,      APPROVED,      PAYER,     true",
            "APPROVED,      BILLED,        HOSPITAL,  true",
            "APPROVED,      BILLED,        PAYER,     false",
            "PAID,          APPROVED,      PAYER,     true",
            "PAID,          APPROVED,      HOSPITAL,  false",
            "PAID,          BILLED,        HOSPITAL,  true",
            "PAID,          CLOSED,        SYSTEM,    true",
            "REJECTED,      BILLED,        HOSPITAL,  false",
            "WITHDRAWN,     APPLIED,       APPLICANT, false",
            "CLOSED,        BILLED,        HOSPITAL,  false",
    })
    @DisplayName("Only the moves in the table are allowed, and only to the role named there")
    void table(ApplicationState from, ApplicationState to, ActorRole by, boolean allowed) {
        assertEquals(allowed, ApplicationTransitions.isAllowed(from, to, by));
    }

    @Test
    @DisplayName("Rejected, withdrawn and closed applications are final; no other state is")
    void finalStates() {
        Set<ApplicationState> finals = EnumSet.noneOf(ApplicationState.class);
        for (ApplicationState s : ApplicationState.values()) {
            if (s.isFinal()) {
                finals.add(s);
            }
        }
        assertEquals(EnumSet.of(ApplicationState.REJECTED, ApplicationState.WITHDRAWN,
                ApplicationState.CLOSED), finals);
    }

    @Test
    @DisplayName("Every state can be reached from APPLIED")
    void everyStateReachable() {
        Set<ApplicationState> reached = EnumSet.of(ApplicationState.APPLIED);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (ApplicationState s : Set.copyOf(reached)) {
                grew |= reached.addAll(ApplicationTransitions.allowedFrom(s));
            }
        }
        assertEquals(EnumSet.allOf(ApplicationState.class), reached);
    }

    @Test
    @DisplayName("A refused move names who tried what, for a 409")
    void refusedMove() {
        DomainException e = assertThrows(DomainException.class, () ->
                ApplicationTransitions.require(ApplicationState.APPLIED, ApplicationState.PAID,
                        ActorRole.PAYER));
        assertEquals(PaymentError.ILLEGAL_TRANSITION, e.code());
        assertTrue(e.getMessage().contains("payer"), e.getMessage());
    }

    @Test
    @DisplayName("A timeline event carries what, who and when, in Chinese and English")
    void timelineEvent() {
        Instant at = Instant.parse("2026-10-08T02:00:00Z");
        TimelineEvent e = TimelineEvent.of("app-1", ApplicationState.APPLIED,
                ApplicationState.NOTICE_ISSUED, ActorRole.POLICE, "officer-7", at);
        assertEquals("NOTICE_ISSUED", e.what());
        assertEquals(ActorRole.POLICE, e.by());
        assertEquals("officer-7", e.actorId());
        assertEquals(at, e.at());
        assertEquals("交警：已出具垫付通知书", e.textZh());
        assertEquals("police notice issued by the police", e.textEn());
        assertThrows(DomainException.class, () -> TimelineEvent.of("app-1",
                ApplicationState.APPLIED, ApplicationState.PAID, ActorRole.PAYER, "x", at));
    }
}

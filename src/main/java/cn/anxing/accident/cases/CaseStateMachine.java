package cn.anxing.accident.cases;

import cn.anxing.error.DomainException;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static cn.anxing.accident.cases.CaseEvent.ALL_PARTIES_JOINED;
import static cn.anxing.accident.cases.CaseEvent.CHECKLIST_FAILED;
import static cn.anxing.accident.cases.CaseEvent.CHECKLIST_PASSED;
import static cn.anxing.accident.cases.CaseEvent.CLOSED;
import static cn.anxing.accident.cases.CaseEvent.EVIDENCE_SUBMITTED;
import static cn.anxing.accident.cases.CaseEvent.LIABILITY_DISPUTED;
import static cn.anxing.accident.cases.CaseEvent.LIABILITY_SETTLED;
import static cn.anxing.accident.cases.CaseEvent.POLICE_DECIDED;
import static cn.anxing.accident.cases.CaseEvent.POLICE_REQUESTED;
import static cn.anxing.accident.cases.CaseEvent.REVIEW_REQUESTED;
import static cn.anxing.accident.cases.CaseEvent.SENT_BACK;
import static cn.anxing.accident.cases.CaseEvent.SUPPLEMENT_ANSWERED;
import static cn.anxing.accident.cases.CaseEvent.WITHDRAWN;

/**
 * The allowed moves of a case. Every other (state, event) pair is refused, so a stale page or a
 * replayed request cannot, say, settle a case the police already hold.
 */
public final class CaseStateMachine {

    /** The code of the exception an illegal transition throws. */
    public static final AccidentError ILLEGAL_TRANSITION = AccidentError.CASE_TRANSITION_NOT_ALLOWED;

    private static final Map<CaseState, Map<CaseEvent, CaseState>> TABLE =
            new EnumMap<>(CaseState.class);

    static {
        allow(CaseState.DRAFT, CHECKLIST_PASSED, CaseState.EVIDENCE);
        allow(CaseState.DRAFT, CHECKLIST_FAILED, CaseState.POLICE_REVIEW);
        allow(CaseState.DRAFT, WITHDRAWN, CaseState.CLOSED);
        allow(CaseState.EVIDENCE, EVIDENCE_SUBMITTED, CaseState.PARTIES);
        allow(CaseState.EVIDENCE, POLICE_REQUESTED, CaseState.POLICE_REVIEW);
        allow(CaseState.EVIDENCE, WITHDRAWN, CaseState.CLOSED);
        allow(CaseState.PARTIES, ALL_PARTIES_JOINED, CaseState.LIABILITY);
        allow(CaseState.PARTIES, POLICE_REQUESTED, CaseState.POLICE_REVIEW);
        allow(CaseState.LIABILITY, LIABILITY_SETTLED, CaseState.AGREED);
        allow(CaseState.LIABILITY, LIABILITY_DISPUTED, CaseState.POLICE_REVIEW);
        allow(CaseState.LIABILITY, POLICE_REQUESTED, CaseState.POLICE_REVIEW);
        allow(CaseState.AGREED, CLOSED, CaseState.CLOSED);
        allow(CaseState.POLICE_REVIEW, POLICE_DECIDED, CaseState.DECIDED);
        allow(CaseState.POLICE_REVIEW, SENT_BACK, CaseState.SUPPLEMENT);
        allow(CaseState.SUPPLEMENT, SUPPLEMENT_ANSWERED, CaseState.POLICE_REVIEW);
        allow(CaseState.DECIDED, REVIEW_REQUESTED, CaseState.POLICE_REVIEW);
        allow(CaseState.DECIDED, CLOSED, CaseState.CLOSED);
    }

    private CaseStateMachine() {
    }

    private static void allow(CaseState from, CaseEvent event, CaseState to) {
        TABLE.computeIfAbsent(from, s -> new EnumMap<>(CaseEvent.class)).put(event, to);
    }

    /** The events a case in {@code state} accepts, e.g. to show the right buttons. */
    public static Set<CaseEvent> allowedEvents(CaseState state) {
        return Collections.unmodifiableSet(TABLE.getOrDefault(state, Map.of()).keySet());
    }

    public static CaseState next(CaseState from, CaseEvent event) {
        CaseState to = TABLE.getOrDefault(from, Map.of()).get(event);
        if (to == null) {
            throw new DomainException(ILLEGAL_TRANSITION, "a case in state " + from
                    + " cannot take event " + event + "; allowed: " + allowedEvents(from), "event");
        }
        return to;
    }

    /** Moves the case and returns the record to store: who did it and when. */
    public static CaseTransition apply(CaseState from, CaseEvent event, String actor, Instant at) {
        if (actor == null || actor.isBlank()) {
            throw new DomainException(AccidentError.ACTOR_REQUIRED, "every transition records who made it",
                    "actor");
        }
        return new CaseTransition(from, event, next(from, event), actor,
                Objects.requireNonNull(at, "at"));
    }
}

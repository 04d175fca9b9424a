package cn.anxing.accident.facts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An accident case as other features see it.
 *
 * @param state   the case's state as the accident feature names it, such as {@code SETTLED}
 * @param parties in the order of their labels (A, B, ...)
 */
public record CaseFacts(String id, String caseNumber, Instant occurredAt, String state,
        List<PartyFacts> parties) {

    public CaseFacts {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(caseNumber, "caseNumber");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(state, "state");
        parties = List.copyOf(parties);
    }
}

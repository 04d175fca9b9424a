package cn.anxing.accident.facts;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One party of a case: its label (A, B, ...), the plate of its vehicle and the code of the
 * compulsory insurer it named, each empty when the party gave none (a pedestrian, a fled car),
 * and the account that joined the case as this party (who may apply for an advance on it).
 */
public record PartyFacts(String label, Optional<String> plate, Optional<String> insurerCode,
        UUID accountId) {

    public PartyFacts {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(plate, "plate");
        Objects.requireNonNull(insurerCode, "insurerCode");
    }
}

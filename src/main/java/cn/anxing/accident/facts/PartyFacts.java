package cn.anxing.accident.facts;

import java.util.Objects;
import java.util.Optional;

/**
 * One party of a case: its label (A, B, ...), the plate of its vehicle and the code of the
 * compulsory insurer it named, each empty when the party gave none (a pedestrian, a fled car).
 */
public record PartyFacts(String label, Optional<String> plate, Optional<String> insurerCode) {

    public PartyFacts {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(plate, "plate");
        Objects.requireNonNull(insurerCode, "insurerCode");
    }
}

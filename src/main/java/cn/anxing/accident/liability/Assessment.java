package cn.anxing.accident.liability;

/**
 * What one party says about one party's part in the accident: a catalogue scenario that party
 * committed, not at fault, or at fault in a way the catalogue does not list (which only the
 * police can judge).
 */
public record Assessment(Kind kind, String scenarioCode) {

    public enum Kind { SCENARIO, NOT_AT_FAULT, UNLISTED_FAULT }

    public Assessment {
        if ((kind == Kind.SCENARIO) != (scenarioCode != null)) {
            throw new IllegalArgumentException("a scenario code goes with kind SCENARIO only");
        }
    }

    public static Assessment scenario(String code) {
        return new Assessment(Kind.SCENARIO, code);
    }

    public static Assessment notAtFault() {
        return new Assessment(Kind.NOT_AT_FAULT, null);
    }

    public static Assessment unlistedFault() {
        return new Assessment(Kind.UNLISTED_FAULT, null);
    }

    public boolean atFault() {
        return kind != Kind.NOT_AT_FAULT;
    }
}

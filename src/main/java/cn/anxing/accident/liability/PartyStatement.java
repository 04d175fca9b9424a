package cn.anxing.accident.liability;

import java.util.Map;

/**
 * One party's statement (陈述): for every party of the case, themselves included, what that
 * party did; or the party declines to settle online ({@link #declining}).
 *
 * @param author      the party making the statement, e.g. "A"
 * @param declined    the party refuses self-service and wants the police
 * @param assessments by party id; empty when declined
 */
public record PartyStatement(String author, boolean declined, Map<String, Assessment> assessments) {

    public PartyStatement {
        assessments = Map.copyOf(assessments);
    }

    public static PartyStatement of(String author, Map<String, Assessment> assessments) {
        return new PartyStatement(author, false, assessments);
    }

    public static PartyStatement declining(String author) {
        return new PartyStatement(author, true, Map.of());
    }
}

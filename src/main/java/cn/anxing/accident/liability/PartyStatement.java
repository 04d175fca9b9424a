package cn.anxing.accident.liability;

import java.util.Map;

/**
 * One party's statement (陈述): for every party of the case, themselves included, what that
 * party did; or the party declines to settle online ({@link #declining}).
 *
 * @param author      the party making the statement, e.g. "A"
 * @param declined    the party refuses self-service and wants the police
 * @param assessments by party id; empty when declined
 * @param account     what happened in the party's own words, when no listed situation fits
 *                    (the officer reads it); null when not given
 */
public record PartyStatement(String author, boolean declined, Map<String, Assessment> assessments,
                             String account) {

    public PartyStatement {
        assessments = Map.copyOf(assessments);
    }

    public PartyStatement(String author, boolean declined, Map<String, Assessment> assessments) {
        this(author, declined, assessments, null);
    }

    public static PartyStatement of(String author, Map<String, Assessment> assessments) {
        return new PartyStatement(author, false, assessments);
    }

    public static PartyStatement declining(String author) {
        return new PartyStatement(author, true, Map.of());
    }

    /** Declines with the party's own account of what happened ("none of these fits"). */
    public static PartyStatement declining(String author, String account) {
        return new PartyStatement(author, true, Map.of(), account);
    }
}

package cn.anxing.accident.liability;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of applying the scenario catalogue to the parties' statements: either the parties
 * may settle with the grades given, or the police must determine liability (交警认定).
 *
 * @param grades             by party id, in party order; empty unless SETTLED
 * @param policeReviewReason null when SETTLED
 * @param reasons            human-readable, one per finding, in Chinese and English
 * @param appliedScenarios   the scenarios the grades rest on, with their legal basis
 * @param catalogueVersion   the catalogue version the statements were judged under
 */
public record LiabilityDecision(Outcome outcome, Map<String, LiabilityGrade> grades,
                                PoliceReviewReason policeReviewReason, List<Reason> reasons,
                                List<AppliedScenario> appliedScenarios, String catalogueVersion) {

    public enum Outcome { SETTLED, POLICE_REVIEW }

    /** One line of explanation, shown to the parties in their language. */
    public record Reason(String zh, String en) {
    }

    /** A party and the catalogue scenario that made them liable. */
    public record AppliedScenario(String party, Scenario scenario) {
    }

    public LiabilityDecision {
        grades = Collections.unmodifiableMap(new LinkedHashMap<>(grades));
        reasons = List.copyOf(reasons);
        appliedScenarios = List.copyOf(appliedScenarios);
    }

    public boolean settled() {
        return outcome == Outcome.SETTLED;
    }
}

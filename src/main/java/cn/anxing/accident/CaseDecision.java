package cn.anxing.accident;

import cn.anxing.accident.liability.LiabilityDecision;
import cn.anxing.accident.liability.LiabilityDecision.Outcome;
import cn.anxing.accident.liability.LiabilityDecision.Reason;
import cn.anxing.accident.liability.LiabilityGrade;
import cn.anxing.accident.liability.PoliceReviewReason;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The liability engine's decision as the case keeps it: settled with a grade per party, or sent
 * to the police with the reason.
 *
 * @param grades             by party label, in party order; empty unless settled
 * @param scenarios          by party label: the catalogue scenario that made the party liable
 * @param policeReviewReason null when settled
 */
public record CaseDecision(Outcome outcome, Map<String, LiabilityGrade> grades,
        Map<String, String> scenarios, PoliceReviewReason policeReviewReason,
        List<Reason> reasons, String catalogueVersion) {

    public CaseDecision {
        grades = Collections.unmodifiableMap(new LinkedHashMap<>(grades));
        scenarios = Collections.unmodifiableMap(new LinkedHashMap<>(scenarios));
        reasons = List.copyOf(reasons);
    }

    public static CaseDecision of(LiabilityDecision d) {
        Map<String, String> scenarios = new LinkedHashMap<>();
        d.appliedScenarios().forEach(a -> scenarios.put(a.party(), a.scenario().code()));
        return new CaseDecision(d.outcome(), d.grades(), scenarios, d.policeReviewReason(),
                d.reasons(), d.catalogueVersion());
    }

    /** A party declined to settle online: the police decide. */
    public static CaseDecision declinedBy(String label, String catalogueVersion) {
        PoliceReviewReason reason = PoliceReviewReason.PARTY_DECLINED;
        return new CaseDecision(Outcome.POLICE_REVIEW, Map.of(), Map.of(), reason,
                List.of(new Reason(reason.zh(), reason.en()),
                        new Reason("当事人" + label + "不同意自行协商，申请交警处理", "Party "
                                + label + " declined to settle online and asked for the police")),
                catalogueVersion);
    }

    public boolean settled() {
        return outcome == Outcome.SETTLED;
    }
}

package cn.anxing.payment.rules;

import cn.anxing.accident.liability.LiabilityGrade;
import java.util.Optional;

/**
 * Whether an insured vehicle is liable for the purpose of its insurer's limit: liable (有责: full,
 * main, equal or secondary), not liable (无责), or not yet determined (责任未明), in which case
 * the insurer advances up to the no-liability limit first so that the hospital is not kept waiting.
 */
public enum LiabilityState {
    LIABLE, NOT_LIABLE, UNDETERMINED;

    /** The state in plain words, for timeline sentences. */
    public String zh() {
        return switch (this) {
            case LIABLE -> "有责";
            case NOT_LIABLE -> "无责";
            case UNDETERMINED -> "未定";
        };
    }

    /** The state for a grade of Order 146 art. 60 (the accident feature's grades), if any. */
    public static LiabilityState of(Optional<LiabilityGrade> grade) {
        return grade.map(g -> g == LiabilityGrade.NONE ? NOT_LIABLE : LIABLE)
                .orElse(UNDETERMINED);
    }
}

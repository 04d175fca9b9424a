package cn.anxing.accident.eligibility;

import java.util.List;

/**
 * The checklist's verdict.
 *
 * @param selfServiceAllowed  the parties may settle on the phone (快处)
 * @param reasons             why not, in checklist order; empty when allowed
 * @param sceneAction         what the drivers must do now: the strictest of the reasons
 * @param medicalAdvancePath  someone is hurt: open the medical advance payment (医疗垫付) path
 */
public record EligibilityResult(boolean selfServiceAllowed, List<IneligibilityReason> reasons,
                                SceneAction sceneAction, boolean medicalAdvancePath) {

    public EligibilityResult {
        reasons = List.copyOf(reasons);
    }
}

package cn.anxing.accident;

import cn.anxing.accident.cases.CaseAction;
import java.util.List;

/**
 * A case as one of its parties reads it: the case, which party is reading, and the sealed
 * agreement once every party signed.
 *
 * @param agreement null until the agreement is sealed
 */
public record CaseForParty(AccidentCase accidentCase, CaseParty viewer,
        AgreementRecord agreement) {

    /** What the reader may do now; the page shows the sections for these. */
    public List<CaseAction> allowedActions() {
        return accidentCase.allowedActions(viewer);
    }
}

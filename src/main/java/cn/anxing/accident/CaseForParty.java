package cn.anxing.accident;

import cn.anxing.accident.cases.CaseAction;
import cn.anxing.accident.cases.CaseState;
import cn.anxing.accident.police.SendBack;
import java.time.Instant;
import java.util.List;

/**
 * A case as one of its parties reads it: the case, which party is reading, the sealed agreement
 * once every party signed, and what the police asked for or issued.
 *
 * @param agreement     null until the agreement is sealed
 * @param sendBack      what the officer asked for; null unless the case was sent back
 * @param determination the current determination (认定书); null until an officer decided
 * @param reviewUntil   the last moment a review (复核) may be asked for; null without a decision
 * @param reviewAskedAt when a party asked for review of the current decision; null when not
 * @param now           the time the view was read, for the review window
 */
public record CaseForParty(AccidentCase accidentCase, CaseParty viewer,
        AgreementRecord agreement, SendBack sendBack,
        PoliceDeskRepository.StoredDetermination determination, Instant reviewUntil,
        Instant reviewAskedAt, Instant now) {

    public CaseForParty(AccidentCase accidentCase, CaseParty viewer, AgreementRecord agreement) {
        this(accidentCase, viewer, agreement, null, null, null, null, null);
    }

    /** What the reader may do now; the page shows the sections for these. */
    public List<CaseAction> allowedActions() {
        boolean supplement = accidentCase.state() == CaseState.SUPPLEMENT;
        return accidentCase.allowedActions(viewer).stream().filter(a -> {
            if (supplement && a == CaseAction.UPLOAD_PHOTO) {
                return asks(SendBack.Kind.PHOTO);
            }
            if (supplement && a == CaseAction.EDIT_PARTY) {
                return asks(SendBack.Kind.FIELD);
            }
            if (supplement && a == CaseAction.STATEMENT) {
                return asks(SendBack.Kind.STATEMENT);
            }
            if (a == CaseAction.REQUEST_REVIEW) {
                return determination != null && reviewUntil != null && now != null
                        && now.isBefore(reviewUntil);
            }
            return true;
        }).toList();
    }

    private boolean asks(SendBack.Kind kind) {
        return sendBack != null && sendBack.asks(kind, null, viewer.label());
    }
}

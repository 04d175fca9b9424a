package cn.anxing.accident.cases;

import java.util.Set;

/**
 * What a party may do on a case now; the server sends the list with each case, so the page shows
 * the sections for these and repeats no state table. {@link #openIn} is the state half of the
 * rule; the case adds the caller's half (has this party stated, signed, is a vehicle unclaimed).
 */
public enum CaseAction {
    /** Show the share code so the other drivers join (分享). */
    INVITE,
    /** Answer the eligibility checklist. */
    CHECKLIST,
    UPLOAD_PHOTO,
    /** Fill in or correct one's own details: name, plate, licence, insurer. */
    EDIT_PARTY,
    /** Say what happened (陈述). */
    STATEMENT,
    /** Ask for the traffic police (申请交警处理). */
    REQUEST_POLICE,
    /** Confirm the settled liability and sign the agreement. */
    SIGN,
    /** Ask for review (复核) of the police determination, within the days allowed. */
    REQUEST_REVIEW;

    /** The states in which parties still join and change their details. */
    private static final Set<CaseState> GATHERING =
            Set.of(CaseState.DRAFT, CaseState.EVIDENCE, CaseState.PARTIES);

    /** Whether a case in {@code state} takes this action at all. */
    public boolean openIn(CaseState state) {
        return switch (this) {
            case INVITE -> GATHERING.contains(state);
            // in SUPPLEMENT only what the officer asked for: the case adds that half
            case EDIT_PARTY -> GATHERING.contains(state) || state == CaseState.SUPPLEMENT;
            case CHECKLIST -> CaseStateMachine.allowedEvents(state)
                    .contains(CaseEvent.CHECKLIST_PASSED);
            case UPLOAD_PHOTO -> state == CaseState.EVIDENCE || state == CaseState.PARTIES
                    || state == CaseState.SUPPLEMENT;
            case STATEMENT -> state == CaseState.LIABILITY || state == CaseState.SUPPLEMENT;
            case SIGN -> state == CaseState.LIABILITY;
            case REQUEST_REVIEW -> state == CaseState.DECIDED;
            case REQUEST_POLICE -> CaseStateMachine.allowedEvents(state)
                    .contains(CaseEvent.POLICE_REQUESTED);
        };
    }
}

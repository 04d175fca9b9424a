package cn.anxing.accident.cases;

/** Something that happened to a case and may move it to another {@link CaseState}. */
public enum CaseEvent {
    /** The eligibility checklist allows self-service. */
    CHECKLIST_PASSED,
    /** The checklist rules self-service out: police review (and medical advance if injured). */
    CHECKLIST_FAILED,
    /** Every required photo is uploaded. */
    EVIDENCE_SUBMITTED,
    /** Every party has joined the case with their details. */
    ALL_PARTIES_JOINED,
    /** The liability engine settled and every party signed the agreement. */
    LIABILITY_SETTLED,
    /**
     * The liability engine sent the case to the police (dispute, decline, unlisted fault), or
     * it settled but a fraud or evidence flag holds the settlement until the police looked.
     */
    LIABILITY_DISPUTED,
    /** A party asked for the police before liability was settled. */
    POLICE_REQUESTED,
    /** An officer sent the case back to the parties for more (退回补充). */
    SENT_BACK,
    /** The parties gave everything the officer asked for: back to the police queue. */
    SUPPLEMENT_ANSWERED,
    /** A party asked for review (复核) of the determination. */
    REVIEW_REQUESTED,
    /** An officer determined liability. */
    POLICE_DECIDED,
    /** The case is finished. */
    CLOSED,
    /** The reporter abandoned the draft, e.g. to join an existing case reported by the other party. */
    WITHDRAWN
}

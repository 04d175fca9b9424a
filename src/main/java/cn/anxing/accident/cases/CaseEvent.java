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
    /** The liability engine sent the case to the police (dispute, decline, unlisted fault). */
    LIABILITY_DISPUTED,
    /** A party asked for the police before liability was settled. */
    POLICE_REQUESTED,
    /** An officer determined liability. */
    POLICE_DECIDED,
    /** The case is finished. */
    CLOSED,
    /** The reporter abandoned the draft, e.g. to join an existing case reported by the other party. */
    WITHDRAWN
}

package cn.anxing.payment.rules;

/** Why money moved in the ledger. */
public enum PostingKind {
    /** A payer approved an advance for a bill: debit its advances, credit the hospital. */
    ADVANCE_APPROVED,
    /** The payer's bank paid the hospital: debit the hospital, credit the payer's settlement. */
    DISBURSED,
    /** The exact mirror of an earlier posting, which stays in the ledger (冲正, never edited). */
    REVERSAL
}

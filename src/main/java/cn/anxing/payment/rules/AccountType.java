package cn.anxing.payment.rules;

/**
 * The kinds of account in the advance-payment ledger. The key of an account is
 * {@code <owner kind>:<owner id>:<suffix>}, for example {@code payer:picc-jx:advances}.
 */
public enum AccountType {
    /** Rescue costs a payer (insurer or fund) has advanced and may later recover (垫付款). */
    PAYER_ADVANCES("payer", "advances"),
    /** Money that has left the payer through its bank, confirmed via the outbox. */
    PAYER_SETTLEMENT("payer", "settlement"),
    /** What a hospital is owed for rescue costs approved but not yet paid out. */
    HOSPITAL_RECEIVABLE("hospital", "receivable");

    private final String ownerKind;
    private final String suffix;

    AccountType(String ownerKind, String suffix) {
        this.ownerKind = ownerKind;
        this.suffix = suffix;
    }

    public String ownerKind() {
        return ownerKind;
    }

    public String suffix() {
        return suffix;
    }
}

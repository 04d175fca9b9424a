package cn.anxing.payment.rules;

/** The side of a ledger entry (借 debit, 贷 credit). */
public enum Side {
    DEBIT, CREDIT;

    public Side opposite() {
        return this == DEBIT ? CREDIT : DEBIT;
    }
}

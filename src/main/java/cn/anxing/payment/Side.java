package cn.anxing.payment;

/** The side of a ledger entry (借 debit, 贷 credit). */
public enum Side {
    DEBIT, CREDIT;

    public Side opposite() {
        return this == DEBIT ? CREDIT : DEBIT;
    }
}

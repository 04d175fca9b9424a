package cn.anxing.payment.rules;

/** What happens to the part of a requested advance that the payer's limit does not cover. */
public enum ExcessHandling {
    /** Nothing is left over: the whole request fits the headroom. */
    NONE,
    /** The insurer of a liable vehicle is exhausted: the excess goes to the assistance fund. */
    REFER_TO_FUND,
    /**
     * Liability is not determined and the no-liability limit is used up: the insurer may pay
     * more once the vehicle is found liable, so the excess waits for that decision.
     */
    AWAIT_LIABILITY,
    /** No one owes it through this payer: a vehicle not liable, or a fund with a configured cap. */
    REFUSED
}

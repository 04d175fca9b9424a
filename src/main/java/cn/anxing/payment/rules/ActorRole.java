package cn.anxing.payment.rules;

import cn.anxing.text.Named;
import cn.anxing.text.Words;

/** Who acts on an application. */
public enum ActorRole implements Named {
    /** The injured person or their family (伤者或家属). */
    APPLICANT("申请人", "applicant"),
    /** The traffic police officer handling the case (办案民警). */
    POLICE("交警", "police"),
    HOSPITAL("医院", "hospital"),
    /** The insurer or the assistance fund that pays (垫付方). */
    PAYER("垫付方", "payer"),
    /** Anxing itself, for example when the payer's bank confirms a transfer. */
    SYSTEM("系统", "system");

    private final Words words;

    ActorRole(String zh, String en) {
        this.words = new Words(zh, en);
    }

    @Override
    public Words words() {
        return words;
    }
}

package cn.anxing.payment.rules;

/** Who acts on an application. */
public enum ActorRole {
    /** The injured person or their family (伤者或家属). */
    APPLICANT("申请人", "applicant"),
    /** The traffic police officer handling the case (办案民警). */
    POLICE("交警", "police"),
    HOSPITAL("医院", "hospital"),
    /** The insurer or the assistance fund that pays (垫付方). */
    PAYER("垫付方", "payer"),
    /** Anxing itself, for example when the payer's bank confirms a transfer. */
    SYSTEM("系统", "system");

    private final String zh;
    private final String en;

    ActorRole(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }
}

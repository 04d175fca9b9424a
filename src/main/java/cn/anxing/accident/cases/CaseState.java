package cn.anxing.accident.cases;

/** Where an accident case stands (案件状态). */
public enum CaseState {
    /** Reported, checklist not yet answered. */
    DRAFT("草稿"),
    /** Eligible for self-service; collecting the required photos. */
    EVIDENCE("取证"),
    /** Photos in; waiting for every party to join with licence, vehicle and insurance. */
    PARTIES("当事人信息"),
    /** Every party joined; statements about what happened. */
    LIABILITY("责任认定"),
    /** Liability settled and the agreement (协议书) signed by every party. */
    AGREED("已达成协议"),
    /** Handed to the traffic police: ineligible, disputed, or a party asked for them. */
    POLICE_REVIEW("交警审核"),
    /** The officer asked the parties for photos, a correction or a statement (退回补充). */
    SUPPLEMENT("待补充材料"),
    /** The police determined liability. */
    DECIDED("交警已认定"),
    /** Nothing more happens on this case. */
    CLOSED("已结案");

    private final String zh;

    CaseState(String zh) {
        this.zh = zh;
    }

    public String zh() {
        return zh;
    }

    /** A repeated report may be offered this case (查重). */
    public boolean open() {
        return this != CLOSED;
    }
}

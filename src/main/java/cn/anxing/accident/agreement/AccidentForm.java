package cn.anxing.accident.agreement;

/** The form of a vehicle-to-vehicle accident (事故形态) as the agreement records it. */
public enum AccidentForm {
    REAR_END_COLLISION("追尾碰撞"),
    SIDE_COLLISION("侧面碰撞"),
    HEAD_ON_COLLISION("正面碰撞"),
    SCRAPE("刮擦"),
    OTHER("其他");

    private final String zh;

    AccidentForm(String zh) {
        this.zh = zh;
    }

    public String zh() {
        return zh;
    }
}

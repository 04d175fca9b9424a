package cn.anxing.accident.agreement;

/** Weather at the time of the accident (天气), as the agreement form lists it. */
public enum Weather {
    SUNNY("晴"), OVERCAST("阴"), RAIN("雨"), SNOW("雪"), FOG("雾"), OTHER("其他");

    private final String zh;

    Weather(String zh) {
        this.zh = zh;
    }

    public String zh() {
        return zh;
    }
}

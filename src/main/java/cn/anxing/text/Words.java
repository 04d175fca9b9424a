package cn.anxing.text;

import java.util.Objects;

/** A name in Chinese, as the pages and documents say it, and its English. */
public record Words(String zh, String en) {

    public Words {
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
    }
}

package cn.anxing.accident.liability;

import cn.anxing.text.Named;
import cn.anxing.text.Words;

/**
 * The five liability grades of Order 146 art. 60 (责任). Self-service only ever gives FULL,
 * EQUAL or NONE; MAIN and SECONDARY come from a police decision.
 */
public enum LiabilityGrade implements Named {
    FULL("全部责任", "full"),
    MAIN("主要责任", "main"),
    EQUAL("同等责任", "equal"),
    SECONDARY("次要责任", "secondary"),
    NONE("无责任", "none");

    private final Words words;

    LiabilityGrade(String zh, String en) {
        this.words = new Words(zh, en);
    }

    @Override
    public Words words() {
        return words;
    }

    /** Whether the parties may agree on this grade themselves, without the police. */
    public boolean selfServiceAllowed() {
        return this == FULL || this == EQUAL || this == NONE;
    }
}

package cn.anxing.accident.liability;

import cn.anxing.text.Named;
import cn.anxing.text.Words;

/** Why the parties' statements cannot settle liability and the police must determine it. */
public enum PoliceReviewReason implements Named {
    PARTY_DECLINED("有当事人不同意自行协商", "A party declined to settle online"),
    STATEMENTS_DISAGREE("各方陈述不一致", "The parties' statements disagree"),
    UNKNOWN_SCENARIO("所述情形不在快处清单内", "A party's fault is not a listed situation"),
    NO_ONE_AT_FAULT("各方均称无过错", "No party is said to be at fault"),
    MIXED_FAULT("部分当事人有过错，需交警划分责任",
            "Some but not all parties are at fault; only the police can grade this");

    private final Words words;

    PoliceReviewReason(String zh, String en) {
        this.words = new Words(zh, en);
    }

    @Override
    public Words words() {
        return words;
    }
}

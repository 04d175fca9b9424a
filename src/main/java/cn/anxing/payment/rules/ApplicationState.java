package cn.anxing.payment.rules;

import cn.anxing.text.Named;
import cn.anxing.text.Words;

/**
 * The states of a medical advance-payment application (医疗垫付申请), one per injured person and
 * accident. Allowed moves are in {@link ApplicationTransitions}.
 */
public enum ApplicationState implements Named {
    APPLIED("已申请", "applied"),
    NOTICE_ISSUED("已出具垫付通知书", "police notice issued"),
    BILLED("医院已提交费用清单", "hospital bill submitted"),
    APPROVED("已核准垫付", "advance approved"),
    PAID("已支付医院", "paid to the hospital"),
    REJECTED("不予垫付", "rejected"),
    WITHDRAWN("已撤回", "withdrawn"),
    CLOSED("已办结", "closed");

    private final Words words;

    ApplicationState(String zh, String en) {
        this.words = new Words(zh, en);
    }

    @Override
    public Words words() {
        return words;
    }

    public boolean isFinal() {
        return ApplicationTransitions.allowedFrom(this).isEmpty();
    }
}

package cn.anxing.payment.rules;

import cn.anxing.text.Named;
import cn.anxing.text.Words;

/**
 * The statutory time limits of an advance-payment application, in working days after the day of
 * the event that starts them (the first day is not counted). From the Assistance Fund Measures
 * 2022: the police notify the payer within 3 working days of the application; the fund
 * reviews a complete hospital application within 5 working days; funeral costs are paid
 * within 3 working days of the family's application.
 */
public enum DeadlineKind implements Named {
    POLICE_NOTICE(3, "交警出具垫付通知", "police notice to the payer"),
    FUND_REVIEW(5, "救助基金审核", "assistance fund review"),
    FUNERAL_PAYMENT(3, "丧葬费用垫付", "funeral payment");

    private final int workingDays;
    private final Words words;

    DeadlineKind(int workingDays, String zh, String en) {
        this.workingDays = workingDays;
        this.words = new Words(zh, en);
    }

    public int workingDays() {
        return workingDays;
    }

    @Override
    public Words words() {
        return words;
    }
}

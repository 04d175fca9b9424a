package cn.anxing.payment.rules;

import java.time.LocalDate;

/**
 * The medical-cost limit (医疗费用赔偿限额) of one payer for one injured person, under the
 * schedule in force on the accident's date (Compulsory Insurance Regulations art. 22, 23, 31).
 */
public final class PayerLimitRule {

    private PayerLimitRule() {
    }

    /**
     * @param payerKind    the insurer of a vehicle involved, or the assistance fund
     * @param liability    the liability of the insurer's vehicle; ignored for the fund
     * @param schedule     the effective-dated limits
     * @param accidentDate the accident's date in Asia/Shanghai
     */
    public static PayerLimit limitFor(PayerKind payerKind, LiabilityState liability,
            LimitSchedule schedule, LocalDate accidentDate) {
        return switch (payerKind) {
            case INSURER -> insurerLimit(liability, schedule.limitsOn(accidentDate));
            case ASSISTANCE_FUND -> fundLimit(schedule.fundRulesOn(accidentDate));
        };
    }

    private static PayerLimit insurerLimit(LiabilityState liability, InsuranceLimits limits) {
        return switch (liability) {
            case LIABLE -> PayerLimit.capped(limits.liable().medical(),
                    "medical limit of a liable vehicle (有责医疗费用限额) from "
                            + limits.effectiveFrom());
            case NOT_LIABLE -> PayerLimit.capped(limits.notLiable().medical(),
                    "medical limit of a vehicle not liable (无责医疗费用限额) from "
                            + limits.effectiveFrom());
            case UNDETERMINED -> PayerLimit.capped(limits.notLiable().medical(),
                    "liability not yet determined: the no-liability medical limit first "
                            + "(责任未明先按无责限额垫付) from " + limits.effectiveFrom());
        };
    }

    private static PayerLimit fundLimit(FundRules rules) {
        return rules.perPersonCap()
                .map(cap -> PayerLimit.capped(cap,
                        "configured per-person cap of the assistance fund from "
                                + rules.effectiveFrom()))
                .orElseGet(() -> PayerLimit.uncapped(
                        "the assistance fund has no per-person cap (rules from "
                                + rules.effectiveFrom() + ")"));
    }
}

package cn.anxing.accident.eligibility;

/**
 * The province-specific part of eligibility, kept as configuration: Order 146 alone allows
 * self-handling on any road and between any number of vehicles, Zhejiang's 浙里快处 narrows it.
 */
public record EligibilityPolicy(int minMotorVehicles, int maxMotorVehicles,
                                boolean expresswaysExcluded, boolean hazardousGoodsExcluded) {

    /**
     * 浙里快处: two motor vehicles, no hazardous goods, no expressways. (Both insured is required
     * everywhere by Order 146 art. 14, so it is no option here.)
     */
    public static final EligibilityPolicy ZHEJIANG = new EligibilityPolicy(2, 2, true, true);

    public EligibilityPolicy {
        if (minMotorVehicles < 1 || maxMotorVehicles < minMotorVehicles) {
            throw new IllegalArgumentException("motor vehicle range " + minMotorVehicles + ".."
                    + maxMotorVehicles + " is empty");
        }
    }
}

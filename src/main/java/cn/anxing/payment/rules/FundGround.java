package cn.anxing.payment.rules;

/**
 * Why the assistance fund advances rescue costs (道路交通事故社会救助基金管理办法, 2022): the costs exceed
 * the compulsory-insurance limit (超过交强险责任限额), the vehicle has no compulsory insurance
 * (未参加交强险), or the vehicle fled the scene (肇事后逃逸).
 */
public enum FundGround {
    EXCEEDS_INSURANCE_LIMIT("超出交强险限额"), UNINSURED("未投保交强险"), HIT_AND_RUN("肇事逃逸");

    private final String zh;

    FundGround(String zh) {
        this.zh = zh;
    }

    /** The ground in plain words, for timeline sentences. */
    public String zh() {
        return zh;
    }
}

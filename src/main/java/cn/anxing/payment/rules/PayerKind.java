package cn.anxing.payment.rules;

/**
 * Who advances rescue costs to the hospital: the compulsory insurer of a vehicle involved
 * (交强险承保公司), or the road accident social assistance fund (道路交通事故社会救助基金).
 */
public enum PayerKind {
    INSURER, ASSISTANCE_FUND
}

package cn.anxing.payment.rules;

import java.util.Objects;

/**
 * The three compulsory-insurance (交强险) limits per injured person for one liability side:
 * death and disability (死亡伤残), medical costs (医疗费用), property (财产损失).
 */
public record CoverageLimits(Fen deathDisability, Fen medical, Fen property) {

    public CoverageLimits {
        Objects.requireNonNull(deathDisability, "deathDisability");
        Objects.requireNonNull(medical, "medical");
        Objects.requireNonNull(property, "property");
    }
}

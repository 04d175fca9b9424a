package cn.anxing.accident.liability;

import java.util.List;

/**
 * One entry of the quick-handling list (快处全责情形): a situation in which the party who
 * caused it bears full liability. The {@code code} is stable across catalogue versions, because
 * statements, decisions and agreements store it.
 */
public record Scenario(String code, String nameZh, String nameEn, String descriptionZh,
                       String descriptionEn, List<LegalBasis> legalBasis) {

    public Scenario {
        legalBasis = List.copyOf(legalBasis);
    }
}

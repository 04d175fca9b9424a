package cn.anxing.accident.liability;

/** A legal provision (法律依据), cited in Chinese as it is written and in English for reference. */
public record LegalBasis(String zh, String en) {
}

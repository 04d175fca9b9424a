package cn.anxing.payment.rules;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * A mainland resident identity card number (居民身份证号码, GB 11643-1999): six digits of the
 * region, the birth date as eight, three of sequence and a check character computed from the
 * other seventeen (ISO 7064 MOD 11-2, 'X' standing for ten). Its {@link #masked()} form keeps
 * the first four and the last four characters, for those who need to tell applications apart
 * but not to know the person.
 */
public record ResidentIdNumber(String value) {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    public ResidentIdNumber {
        if (!valid(value)) {
            throw new IllegalArgumentException("not a resident ID number");
        }
    }

    /** The number a client sent (a lowercase x accepted), or a 400 naming {@code field}. */
    public static ResidentIdNumber parse(String text, String field) {
        String value = text == null ? "" : text.strip().toUpperCase(java.util.Locale.ROOT);
        if (value.length() != 18) {
            throw invalid(field, "身份证号码应为18位 / the ID number must be 18 characters");
        }
        if (!value.substring(0, 17).chars().allMatch(Character::isDigit)
                || CHECK.indexOf(value.charAt(17)) < 0) {
            throw invalid(field, "身份证号码前17位应为数字，最后一位为数字或X / the ID"
                    + " number must be 17 digits and a digit or X");
        }
        if (birthDate(value) == null) {
            throw invalid(field, "身份证号码中的出生日期不正确 / the birth date in the ID"
                    + " number is not a date");
        }
        if (value.charAt(17) != checkCharacter(value)) {
            throw invalid(field, "身份证号码校验位不正确，请核对 / the ID number's check"
                    + " character does not match: check the number");
        }
        return new ResidentIdNumber(value);
    }

    /** {@code 3304**********1234}: the region's first four and the last four characters. */
    public String masked() {
        return value.substring(0, 4) + "*".repeat(10) + value.substring(14);
    }

    private static boolean valid(String value) {
        return value != null && value.matches("[0-9]{17}[0-9X]") && birthDate(value) != null
                && value.charAt(17) == checkCharacter(value);
    }

    private static char checkCharacter(String value) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (value.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    private static LocalDate birthDate(String value) {
        try {
            return LocalDate.of(Integer.parseInt(value.substring(6, 10)),
                    Integer.parseInt(value.substring(10, 12)),
                    Integer.parseInt(value.substring(12, 14)));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static cn.anxing.error.DomainException invalid(String field, String message) {
        return PaymentError.ID_NUMBER_INVALID.error(field, message);
    }

    @Override
    public String toString() {
        return masked();
    }
}

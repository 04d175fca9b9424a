package cn.anxing.payment.rules;

import java.util.regex.Pattern;

/**
 * How the applicant names the injured person on an application (the API's
 * {@code injuredPersonId}): their name as people write it (李梅, 阿依古丽·买买提, Anna Li), or a
 * label such as {@code pedestrian-1} when the name is not known yet. Letters and digits of any
 * script with spaces, '·', '.', '_' and '-' between them; no markup, quotes or control
 * characters, at most 64.
 */
public final class InjuredPersonName {

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}](?:[\\p{L}\\p{N}·._ -]{0,62}"
            + "[\\p{L}\\p{N}._-])?");

    private InjuredPersonName() {
    }

    /** {@code value} if it is such a name, else a 400 naming {@code field}. */
    public static String require(String value, String field) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw PaymentError.ID_INVALID.error(field, "请填写伤者姓名（最多64个字，只用文字、数字、"
                    + "空格和·） / " + field + " must be the injured person's name: 1-64 letters"
                    + " or digits, with spaces, '·', '.', '_' or '-' between them");
        }
        return value;
    }
}

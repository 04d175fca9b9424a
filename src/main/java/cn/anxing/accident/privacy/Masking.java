package cn.anxing.accident.privacy;

/**
 * Masks identifiers for logs and for the other party (脱敏), keeping just enough to recognise
 * one's own: the region prefix and last four of a licence or ID number, the carrier prefix and
 * last four of a phone number.
 */
public final class Masking {

    private Masking() {
    }

    /** 330102199001011234 -> 3301**********1234. Short values are masked whole. */
    public static String licenceOrId(String number) {
        return keep(number, 4, 4);
    }

    /** 13800000001 -> 138****0001. */
    public static String phone(String number) {
        return keep(number, 3, 4);
    }

    private static String keep(String value, int head, int tail) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.length() <= head + tail) {
            return "*".repeat(v.length());
        }
        return v.substring(0, head) + "*".repeat(v.length() - head - tail)
                + v.substring(v.length() - tail);
    }
}

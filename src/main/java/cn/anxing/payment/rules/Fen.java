package cn.anxing.payment.rules;

import cn.anxing.error.DomainException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * A non-negative amount of money in fen (分, 1/100 yuan), the only unit money has inside Anxing.
 *
 * <p>Amounts that can be negative (a ledger balance, a difference) are plain {@code long}s; an
 * amount that is paid, billed or capped is a {@code Fen} and cannot go below zero, so an
 * arithmetic mistake fails where it happens instead of paying a negative sum.
 */
public record Fen(long value) implements Comparable<Fen> {

    public static final Fen ZERO = new Fen(0);

    /** Doubles are exact for integers up to 2^53; beyond, a JSON number may have been rounded. */
    private static final long MAX_EXACT_DOUBLE = 1L << 53;

    public Fen {
        if (value < 0) {
            throw new IllegalArgumentException("an amount in fen cannot be negative: " + value);
        }
    }

    public static Fen of(long fen) {
        return new Fen(fen);
    }

    public static Fen ofYuan(long yuan) {
        return new Fen(Math.multiplyExact(yuan, 100L));
    }

    /**
     * Reads an amount from decoded JSON input, where it must be a whole, non-negative number of
     * fen. Strings, booleans, fractions such as {@code 12.5} and values beyond {@code long} are
     * refused with a {@link cn.anxing.error.DomainException} naming {@code field}.
     *
     * @param field the input's name for the error, such as {@code amountFen}
     * @param json  the decoded JSON value (Integer, Long, BigInteger, Double, BigDecimal ...)
     */
    public static Fen parse(String field, Object json) {
        if (json == null) {
            throw PaymentError.AMOUNT_MISSING.error(field, field + " is required");
        }
        if (!(json instanceof Number number)) {
            throw PaymentError.AMOUNT_NOT_A_NUMBER.error(field,
                    field + " must be a JSON number of fen, not " + describe(json));
        }
        long fen = wholeFen(field, number);
        if (fen < 0) {
            throw PaymentError.AMOUNT_NEGATIVE.error(field,
                    field + " cannot be negative: " + fen + " fen");
        }
        return new Fen(fen);
    }

    private static long wholeFen(String field, Number number) {
        if (number instanceof Integer || number instanceof Long
                || number instanceof Short || number instanceof Byte) {
            return number.longValue();
        }
        if (number instanceof BigInteger big) {
            return exactLong(field, new BigDecimal(big));
        }
        if (number instanceof BigDecimal decimal) {
            return exactLong(field, decimal);
        }
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw PaymentError.AMOUNT_NOT_A_NUMBER.error(field,
                        field + " must be a finite number of fen");
            }
            if (d != Math.rint(d)) {
                throw fractional(field, BigDecimal.valueOf(d));
            }
            if (Math.abs(d) > MAX_EXACT_DOUBLE) {
                throw tooLarge(field);
            }
            return (long) d;
        }
        throw PaymentError.AMOUNT_NOT_A_NUMBER.error(field,
                field + " must be a whole number of fen, not " + describe(number));
    }

    private static long exactLong(String field, BigDecimal decimal) {
        BigDecimal stripped = decimal.stripTrailingZeros();
        if (stripped.scale() > 0) {
            throw fractional(field, decimal);
        }
        try {
            return stripped.longValueExact();
        } catch (ArithmeticException e) {
            throw tooLarge(field);
        }
    }

    private static DomainException fractional(String field, BigDecimal value) {
        return PaymentError.AMOUNT_FRACTIONAL.error(field, field
                + " must be a whole number of fen (1 yuan = 100 fen), not "
                + value.toPlainString());
    }

    private static DomainException tooLarge(String field) {
        return PaymentError.AMOUNT_TOO_LARGE.error(field,
                field + " is larger than any amount Anxing can hold");
    }

    private static String describe(Object json) {
        if (json instanceof CharSequence) {
            return "a string";
        }
        return json.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    public Fen plus(Fen other) {
        return new Fen(Math.addExact(value, other.value));
    }

    /** Subtraction that refuses to go below zero; {@link #minusFloorZero} stops at zero. */
    public Fen minus(Fen other) {
        return new Fen(Math.subtractExact(value, other.value));
    }

    public Fen minusFloorZero(Fen other) {
        return value <= other.value ? ZERO : new Fen(value - other.value);
    }

    public Fen min(Fen other) {
        return value <= other.value ? this : other;
    }

    public boolean isZero() {
        return value == 0;
    }

    public boolean isPositive() {
        return value > 0;
    }

    public boolean exceeds(Fen other) {
        return value > other.value;
    }

    @Override
    public int compareTo(Fen other) {
        return Long.compare(value, other.value);
    }

    /** For people: {@code ¥18,000.00}. */
    public String toYuanText() {
        DecimalFormat format = new DecimalFormat("¥#,##0.00",
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(BigDecimal.valueOf(value, 2));
    }

    @Override
    public String toString() {
        return value + " fen";
    }
}

package cn.anxing.payment.rules;

import java.util.regex.Pattern;

/**
 * The key a client sends with every payment instruction (header {@code Idempotency-Key}): a retry
 * with the same key returns the first result instead of paying twice. 8 to 128 characters of
 * {@code [A-Za-z0-9_:-]}, enough for a UUID or a payer's own instruction number.
 */
public record IdempotencyKey(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_:-]{8,128}");

    public IdempotencyKey {
        if (value == null || value.isEmpty()) {
            throw PaymentError.IDEMPOTENCY_KEY_MISSING.error("Idempotency-Key",
                    "every payment instruction needs an Idempotency-Key");
        }
        if (!FORMAT.matcher(value).matches()) {
            throw PaymentError.IDEMPOTENCY_KEY_INVALID.error("Idempotency-Key",
                    "an Idempotency-Key is 8-128 characters of letters, digits, '_', '-' and ':'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}

package cn.anxing.accident.agreement;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.error.DomainException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;

/**
 * The verification code (验证码) printed on an agreement: HMAC-SHA256 with a server key over
 * the agreement's canonical bytes, cut to 80 bits and written as 16 Crockford base32
 * characters in groups of four (e.g. {@code 7K3M-Q9XD-2HVA-R4TB}). Without the key nobody can
 * make a code that fits an agreement, and a changed field no longer fits its code.
 *
 * <p>Crockford's alphabet leaves out I, L, O and U, and reading back forgives the usual
 * slips: lower case, missing dashes, O typed for 0, I or L typed for 1.
 */
public final class AgreementSeal {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int CODE_BYTES = 10;

    private final SecretKeySpec key;

    public AgreementSeal(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("the seal key needs at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** The code for a fully signed agreement. */
    public String code(SettlementAgreement agreement) {
        if (!agreement.fullySigned()) {
            throw new DomainException(AccidentError.AGREEMENT_UNSIGNED,
                    "every party must sign before the agreement is sealed", "signature");
        }
        return format(mac(agreement));
    }

    /** Whether {@code typedCode} is the code of exactly this agreement. */
    public boolean verify(SettlementAgreement agreement, String typedCode) {
        String typed = normalise(typedCode);
        if (typed == null || !agreement.fullySigned()) {
            return false;
        }
        byte[] expected = format(mac(agreement)).replace("-", "").getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, typed.getBytes(StandardCharsets.US_ASCII));
    }

    /** A canonical code as printed and shown: groups of four with dashes, 0123-4567-89AB-CDEF. */
    public static String printed(String normalised) {
        return normalised.replaceAll("(.{4})(?!$)", "$1-");
    }

    /**
     * The code as typed, made canonical (16 characters, no dashes), or null if it cannot be a
     * code; the verify endpoint looks agreements up by this form.
     */
    public static String normalise(String typed) {
        if (typed == null) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '-', ' ' -> { }
                case 'O' -> s.append('0');
                case 'I', 'L' -> s.append('1');
                default -> {
                    if (ALPHABET.indexOf(c) < 0) {
                        return null;
                    }
                    s.append(c);
                }
            }
        }
        return s.length() == CODE_BYTES * 8 / 5 ? s.toString() : null;
    }

    /**
     * The code of another sealed document (the determination) by its canonical bytes; each kind
     * of document starts its bytes with its own header, so no code fits two kinds.
     */
    public String codeOf(byte[] canonical) {
        return format(mac(canonical));
    }

    /** Whether {@code typedCode} is the code of exactly these canonical bytes. */
    public boolean verifyBytes(byte[] canonical, String typedCode) {
        String typed = normalise(typedCode);
        if (typed == null) {
            return false;
        }
        byte[] expected = format(mac(canonical)).replace("-", "")
                .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, typed.getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] mac(SettlementAgreement agreement) {
        return mac(agreement.canonicalBytes());
    }

    private byte[] mac(byte[] canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(canonical), CODE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String format(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                s.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        for (int i = 12; i > 0; i -= 4) {
            s.insert(i, '-');
        }
        return s.toString();
    }
}

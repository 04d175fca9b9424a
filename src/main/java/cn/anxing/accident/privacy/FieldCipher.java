package cn.anxing.accident.privacy;


import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Encrypts a sensitive field (licence and ID numbers) before it is stored: AES-256-GCM with a
 * fresh random 96-bit nonce per value, so equal numbers do not look equal at rest, and an
 * authentication tag, so a changed value fails to decrypt instead of decrypting to garbage.
 *
 * <p>Stored form: {@code version(1) | nonce(12) | ciphertext+tag}. The optional context (e.g.
 * "accident_party.licence_no:42") is bound as associated data so a value copied to another row
 * or column does not decrypt there.
 */
public final class FieldCipher {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public FieldCipher(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** The key as configuration holds it: 32 bytes in base64. */
    public static FieldCipher fromBase64Key(String base64) {
        return new FieldCipher(Base64.getDecoder().decode(base64.strip()));
    }

    public byte[] encrypt(String plaintext) {
        return encrypt(plaintext, "");
    }

    public byte[] encrypt(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(context));
            byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    public String decrypt(byte[] stored) {
        return decrypt(stored, "");
    }

    /** Throws {@code FIELD_TAMPERED} if the value, its context or the key do not match. */
    public String decrypt(byte[] stored, String context) {
        if (stored == null || stored.length < 1 + NONCE_BYTES + TAG_BITS / 8
                || stored[0] != VERSION) {
            throw tampered(null);
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS,
                    Arrays.copyOfRange(stored, 1, 1 + NONCE_BYTES)));
            c.updateAAD(aad(context));
            byte[] plain = c.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw tampered(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static byte[] aad(String context) {
        return context == null ? new byte[0] : context.getBytes(StandardCharsets.UTF_8);
    }

    /** Our own stored data is broken, not the request: a 500, logged. */
    private static IllegalStateException tampered(Throwable cause) {
        return new IllegalStateException("FIELD_TAMPERED: an encrypted field was changed, or was"
                + " encrypted under another key or context", cause);
    }
}

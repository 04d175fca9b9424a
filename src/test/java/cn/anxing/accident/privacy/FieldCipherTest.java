package cn.anxing.accident.privacy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FieldCipherTest {

    private static byte[] randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    private final FieldCipher cipher = new FieldCipher(randomKey());

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"330102199001011234", "33010219900101123X", "", "张三 浙F12345"})
    @DisplayName("A value decrypts to what was encrypted, and the stored bytes do not contain it")
    void roundTrip(String value) {
        byte[] stored = cipher.encrypt(value, "party.licence_no:7");
        assertEquals(value, cipher.decrypt(stored, "party.licence_no:7"));
        if (!value.isEmpty()) {
            String raw = new String(stored, StandardCharsets.ISO_8859_1);
            assertFalse(raw.contains(value));
        }
    }

    @Test
    @DisplayName("The same number encrypts differently each time, because each value gets its own nonce")
    void freshNoncePerValue() {
        byte[] a = cipher.encrypt("330102199001011234");
        byte[] b = cipher.encrypt("330102199001011234");
        assertFalse(Arrays.equals(a, b));
        assertFalse(Arrays.equals(Arrays.copyOfRange(a, 1, 13), Arrays.copyOfRange(b, 1, 13)));
    }

    @ParameterizedTest(name = "byte {0} flipped")
    @ValueSource(ints = {0, 1, 12, 13, 20, -1})
    @DisplayName("Any changed byte (version, nonce, ciphertext or tag) makes decryption fail")
    void tamperIsDetected(int index) {
        byte[] stored = cipher.encrypt("330102199001011234");
        int i = index < 0 ? stored.length + index : index;
        stored[i] ^= 0x01;
        // our stored data is broken, not the request: an IllegalStateException (a 500)
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> cipher.decrypt(stored));
        assertTrue(e.getMessage().startsWith("FIELD_TAMPERED"), e.getMessage());
    }

    @Test
    @DisplayName("A value moved to another row or column, or read with another key, does not decrypt")
    void contextAndKeyAreBound() {
        byte[] stored = cipher.encrypt("330102199001011234", "party.licence_no:7");
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(stored, "party.licence_no:8"));
        assertThrows(IllegalStateException.class,
                () -> new FieldCipher(randomKey()).decrypt(stored, "party.licence_no:7"));
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(new byte[5]));
    }

    @Test
    @DisplayName("The key comes from configuration as 32 bytes of base64; other lengths are refused")
    void keyFromConfiguration() {
        byte[] key = randomKey();
        String configured = Base64.getEncoder().encodeToString(key);
        byte[] stored = new FieldCipher(key).encrypt("13800000001");
        assertEquals("13800000001", FieldCipher.fromBase64Key(configured).decrypt(stored));
        assertThrows(IllegalArgumentException.class,
                () -> FieldCipher.fromBase64Key(Base64.getEncoder().encodeToString(new byte[16])));
    }
}

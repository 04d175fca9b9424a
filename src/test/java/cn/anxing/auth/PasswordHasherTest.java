package cn.anxing.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Staff passwords are hashed with Argon2id")
class PasswordHasherTest {

    @Test
    @DisplayName("The right password verifies, a wrong one does not, and two hashes of one"
            + " password differ by their salt")
    void verifies() {
        String hash = PasswordHasher.hash("correct horse battery");
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertTrue(PasswordHasher.verify("correct horse battery", hash));
        assertFalse(PasswordHasher.verify("correct horse battery!", hash));
        assertNotEquals(hash, PasswordHasher.hash("correct horse battery"));
    }
}

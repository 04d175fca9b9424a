package cn.anxing.payment.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.anxing.error.DomainException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdempotencyTest {

    @ParameterizedTest(name = "''{0}'' valid: {1}")
    @CsvSource({
            "abcd1234, true",
            "abc1234, false",
            "pay:2026-10-08:picc_jx-000042, true",
            "550e8400-e29b-41d4-a716-446655440000, true",
            "has space 1234, false",
            "slash/1234567, false",
            "垫付编号12345678, false",
    })
    @DisplayName("An idempotency key is 8-128 characters of letters, digits, '_', '-' and ':'")
    void keyFormat(String key, boolean valid) {
        if (valid) {
            assertEquals(key, new IdempotencyKey(key).value());
        } else {
            DomainException e = assertThrows(DomainException.class,
                    () -> new IdempotencyKey(key));
            assertEquals("Idempotency-Key", e.field());
        }
    }

    @Test
    @DisplayName("Keys of 128 characters are accepted and of 129 refused")
    void keyLength() {
        new IdempotencyKey("k".repeat(128));
        assertThrows(DomainException.class, () -> new IdempotencyKey("k".repeat(129)));
    }

    @Test
    @DisplayName("The same request in another key order or number type has the same fingerprint")
    void canonicalFingerprint() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("amountFen", 180000);
        a.put("hospitalId", "pinghu-1");
        a.put("items", List.of(Map.of("invoice", "A1", "fen", 1L)));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("items", List.of(Map.of("fen", 1, "invoice", "A1")));
        b.put("hospitalId", "pinghu-1");
        b.put("amountFen", 180000L);
        assertEquals(RequestFingerprint.of("POST /payments", a),
                RequestFingerprint.of("POST /payments", b));
        assertEquals("{\"amountFen\":180000,\"hospitalId\":\"pinghu-1\","
                + "\"items\":[{\"fen\":1,\"invoice\":\"A1\"}]}", RequestFingerprint.canonical(a));
    }

    @Test
    @DisplayName("A different amount, or the same body on another operation, changes the fingerprint")
    void differentRequests() {
        Map<String, Object> body = Map.of("amountFen", 180000);
        RequestFingerprint f = RequestFingerprint.of("POST /payments", body);
        assertNotEquals(f, RequestFingerprint.of("POST /payments", Map.of("amountFen", 180001)));
        assertNotEquals(f, RequestFingerprint.of("POST /reversals", body));
        assertEquals(64, f.sha256Hex().length());
    }

    @ParameterizedTest(name = "stored={0} sameBody={1} finished={2}: {3}")
    @CsvSource({
            "false, false, false, EXECUTE",
            "true,  true,  true,  REPLAY_FIRST_RESULT",
            "true,  true,  false, CONFLICT_IN_PROGRESS",
            "true,  false, true,  CONFLICT_DIFFERENT_REQUEST",
            "true,  false, false, CONFLICT_DIFFERENT_REQUEST",
    })
    @DisplayName("A retry replays the first result; the same key with another body is a conflict")
    void rule(boolean stored, boolean sameBody, boolean finished,
            IdempotencyRule.Outcome expected) {
        RequestFingerprint first = RequestFingerprint.of("POST /payments",
                Map.of("amountFen", 100));
        RequestFingerprint incoming = sameBody ? first
                : RequestFingerprint.of("POST /payments", Map.of("amountFen", 200));
        Optional<IdempotencyRule.StoredRequest> prior = stored
                ? Optional.of(new IdempotencyRule.StoredRequest(first,
                        finished ? Optional.of("{\"paymentId\":\"pay-1\"}") : Optional.empty()))
                : Optional.empty();
        assertEquals(expected, IdempotencyRule.decide(prior, incoming));
    }
}

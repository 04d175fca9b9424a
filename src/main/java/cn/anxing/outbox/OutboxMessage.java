package cn.anxing.outbox;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * A message to enqueue.
 *
 * @param endpoint  code of a registered {@code outbox_endpoint}, e.g. {@code insurer:PICC}
 * @param topic     what happened, e.g. {@code accident.agreement.signed}
 * @param dedupeKey names the business fact; a second message with the same key to the same
 *                  endpoint is ignored, and receivers get it as the {@code Idempotency-Key}
 *                  header (so it need only be unique per receiver)
 * @param body      the JSON sent; it is encoded once and the stored text is what is signed
 */
public record OutboxMessage(String endpoint, String topic, String dedupeKey, JsonObject body) {

    public OutboxMessage {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        Objects.requireNonNull(body, "body");
    }
}

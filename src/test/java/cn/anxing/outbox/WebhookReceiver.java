package cn.anxing.outbox;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A test webhook receiver: a small Vert.x HTTP server that records every request, checks its
 * signature against the secret, and answers what the test tells it to. Deliveries it accepted
 * (answered 2xx) are counted per Idempotency-Key.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    public record Received(String idempotencyKey, String topic, String body, boolean signatureValid,
            int answered) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final String secret;
    private final List<Received> requests = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private volatile Function<Integer, Integer> answer = n -> 200;

    public WebhookReceiver(String secret) {
        this.secret = secret;
        this.server = vertx.createHttpServer().requestHandler(this::handle);
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The status to answer the n-th request (1-based) with. */
    public WebhookReceiver answering(Function<Integer, Integer> statusOfRequest) {
        this.answer = statusOfRequest;
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/webhook";
    }

    public List<Received> requests() {
        return List.copyOf(requests);
    }

    public int acceptedCount(String idempotencyKey) {
        AtomicInteger n = accepted.get(idempotencyKey);
        return n == null ? 0 : n.get();
    }

    public Map<String, Integer> acceptedByKey() {
        Map<String, Integer> copy = new java.util.TreeMap<>();
        accepted.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            int status = answer.apply(requests.size() + 1);
            String key = request.getHeader("Idempotency-Key");
            boolean valid = WebhookSignature.verify(secret, body.toString(),
                    request.getHeader(WebhookSignature.HEADER));
            requests.add(new Received(key, request.getHeader("X-Anxing-Topic"), body.toString(),
                    valid, status));
            if (status >= 200 && status < 300) {
                accepted.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            }
            request.response().setStatusCode(status).end(status < 300 ? "ok" : "try later");
        });
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}

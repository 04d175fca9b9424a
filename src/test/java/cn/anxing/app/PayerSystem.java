package cn.anxing.app;

import cn.anxing.outbox.WebhookSignature;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A payer's system for the crash tests: it checks each disbursement order's signature, counts
 * deliveries per Idempotency-Key and applies each key once (a repeat is acknowledged and not
 * paid again), taking {@code bankDelay} over each so that some orders are in flight.
 */
final class PayerSystem implements AutoCloseable {

    final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    final Set<String> applied = ConcurrentHashMap.newKeySet();
    final List<String> badSignatures = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    PayerSystem(String secret, Duration bankDelay) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/orders", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8);
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (!WebhookSignature.verify(secret, body, exchange.getRequestHeaders()
                    .getFirst(WebhookSignature.HEADER))) {
                badSignatures.add(key);
            }
            received.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            try {
                Thread.sleep(bankDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            applied.add(key);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/orders";
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

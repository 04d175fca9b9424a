package cn.anxing.outbox;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: every {@code pollInterval}, and right after a feature enqueues, it claims
 * due messages and POSTs each to its endpoint with the signature and idempotency headers. One
 * round at a time per relay; several servers may run relays against one database.
 *
 * <p>A verticle: deploying it starts polling (messages left from before a restart are due at
 * once), undeploying it waits for the round in flight. {@link #wake} may be called from any
 * thread; before the relay is deployed it does nothing, as the first round picks the message up.
 */
public final class OutboxRelay extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final Outbox outbox;
    private final OutboxConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wakeAgain = new AtomicBoolean();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong bookkeepingFailures = new AtomicLong();
    private volatile WebClient client;
    private volatile boolean stopped;
    private volatile Future<Integer> inFlight = Future.succeededFuture(0);
    private long timer = -1;

    public OutboxRelay(Outbox outbox, OutboxConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    /** Starts polling; messages left from before a restart are due at once. */
    @Override
    public Future<Void> start() {
        client = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent("anxing-outbox/1")
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE,
                        config.requestTimeout().toMillis())));
        timer = vertx.setPeriodic(1, config.pollInterval().toMillis(), id -> wake());
        return Future.succeededFuture();
    }

    /**
     * Stops polling and completes when the round in flight has recorded its results, so a
     * graceful shutdown leaves no message claimed. (After a crash the claim's lease runs out and
     * the message is sent again, with the same Idempotency-Key.)
     */
    @Override
    public Future<Void> stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        return inFlight.transform(x -> {
            WebClient open = client;
            client = null;
            if (open != null) {
                open.close();
            }
            return Future.succeededFuture();
        });
    }

    /** Runs a round now (or right after the one in progress), e.g. after a commit that enqueued. */
    public void wake() {
        if (stopped || client == null) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            wakeAgain.set(true);
            return;
        }
        inFlight = round();
        inFlight.onComplete(done -> {
            if (done.failed() && !stopped) {
                LOG.warn("outbox round failed: {}", done.cause().toString());
            }
            running.set(false);
            boolean more = done.succeeded() && done.result() == config.batchSize();
            if (wakeAgain.getAndSet(false) || more) {
                context.runOnContext(x -> wake());
            }
        });
    }

    /** Messages delivered by this relay since start. */
    public long deliveredCount() {
        return delivered.get();
    }

    public long failedAttemptCount() {
        return failedAttempts.get();
    }

    /**
     * Deliveries whose result could not be recorded (the database failed while marking a message
     * delivered or failed). The message stays claimed until its lease runs out and is then sent
     * again with the same Idempotency-Key.
     */
    public long bookkeepingFailureCount() {
        return bookkeepingFailures.get();
    }

    private Future<Integer> round() {
        return outbox.claim(config.batchSize(), config.lease().toMillis()).compose(claimed -> {
            List<Future<Void>> sends = claimed.stream().map(this::deliver).toList();
            // one failed bookkeeping must not stop the round's others: join, then log each
            return Future.join(sends).transform(x -> {
                for (int i = 0; i < sends.size(); i++) {
                    if (sends.get(i).failed()) {
                        bookkeepingFailures.incrementAndGet();
                        LOG.error("outbox message {} was sent but its result could not be"
                                + " recorded; it is sent again when its lease ends",
                                claimed.get(i).dedupeKey(), sends.get(i).cause());
                    }
                }
                return Future.succeededFuture(claimed.size());
            });
        });
    }

    private Future<Void> deliver(Outbox.Claimed message) {
        long started = System.nanoTime();
        return client.postAbs(message.url())
                .timeout(config.requestTimeout().toMillis())
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Idempotency-Key", message.dedupeKey())
                .putHeader("X-Anxing-Topic", message.topic())
                .putHeader(WebhookSignature.HEADER,
                        WebhookSignature.sign(message.secret(), message.body()))
                .sendBuffer(Buffer.buffer(message.body()))
                .transform(result -> {
                    int ms = (int) ((System.nanoTime() - started) / 1_000_000);
                    if (result.succeeded() && isSuccess(result.result())) {
                        delivered.incrementAndGet();
                        return outbox.delivered(message.id(), result.result().statusCode(), ms);
                    }
                    failedAttempts.incrementAndGet();
                    Integer status = result.succeeded() ? result.result().statusCode() : null;
                    String error = result.succeeded() ? "HTTP " + status + " " + excerpt(
                            result.result()) : String.valueOf(result.cause());
                    long retry = config.backoffAfter(message.attempts() + 1).toMillis();
                    LOG.info("outbox message {} to {} failed (attempt {}): {}; next in {} ms",
                            message.dedupeKey(), message.url(), message.attempts() + 1, error,
                            retry);
                    return outbox.failed(message.id(), status, error, ms, retry,
                            config.maxAttempts());
                });
    }

    private static boolean isSuccess(HttpResponse<Buffer> response) {
        return response.statusCode() >= 200 && response.statusCode() < 300;
    }

    private static String excerpt(HttpResponse<Buffer> response) {
        String body = response.bodyAsString();
        if (body == null) {
            return "";
        }
        return body.length() > 200 ? body.substring(0, 200) : body;
    }
}

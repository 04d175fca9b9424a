package cn.anxing.insight;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The dashboard's figures for Prometheus, with domain names, read from the database by
 * {@link #refresh} (on a timer) and served from memory when /metrics is scraped:
 *
 * <ul>
 *   <li>{@code anxing_accident_cases{state}}: cases in each state now (a gauge: cases move
 *       between states), and {@code anxing_accident_reported_total}: cases ever reported;</li>
 *   <li>{@code anxing_accident_review_waiting} and {@code ..._oldest_seconds}: the police
 *       queue and how long its oldest case has waited;</li>
 *   <li>{@code anxing_payment_postings_total{payer,kind}} and
 *       {@code anxing_payment_posted_fen_total{payer,kind}}: the append-only ledger's advances
 *       approved, disbursed and reversed (counters, since the ledger only grows);
 *       {@code anxing_payment_overdue_notices}, {@code anxing_payment_overdue_reviews};</li>
 *   <li>{@code anxing_bus_plan_job_seconds{phase,status}}: planning jobs' durations, whole and
 *       per phase (matrix, solve, paths), each finished job recorded once.</li>
 * </ul>
 */
public final class InsightMetrics {

    private final DashboardRepository repository;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, AtomicLong> casesByState = new ConcurrentHashMap<>();
    private final AtomicLong reported = new AtomicLong();
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong oldestWaitingSeconds = new AtomicLong();
    private final AtomicLong overdueNotices = new AtomicLong();
    private final AtomicLong overdueReviews = new AtomicLong();
    private final Map<String, long[]> postings = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> jobsRecordedUntil = new AtomicReference<>(Instant.EPOCH);

    public InsightMetrics(DashboardRepository repository, MeterRegistry registry, Clock clock) {
        this.repository = repository;
        this.registry = registry;
        this.clock = clock;
        FunctionCounter.builder("anxing.accident.reported", reported, AtomicLong::get)
                .description("Accident cases reported").register(registry);
        Gauge.builder("anxing.accident.review.waiting", waiting, AtomicLong::get)
                .description("Cases waiting for a police review").register(registry);
        Gauge.builder("anxing.accident.review.waiting.oldest.seconds", oldestWaitingSeconds,
                AtomicLong::get).description("How long the oldest case in the police queue has"
                        + " waited").register(registry);
        Gauge.builder("anxing.payment.overdue.notices", overdueNotices, AtomicLong::get)
                .description("Advance applications whose police notice is past its 3 working"
                        + " days").register(registry);
        Gauge.builder("anxing.payment.overdue.reviews", overdueReviews, AtomicLong::get)
                .description("Bills the assistance fund has not reviewed within 5 working days")
                .register(registry);
    }

    /** Reads the figures again; resolves when the gauges and counters hold them. */
    public Future<Void> refresh() {
        Instant now = clock.instant();
        return repository.casesByState().compose(states -> {
            casesByState.values().forEach(v -> v.set(0));
            states.forEach(s -> stateGauge(s.state()).set(s.count()));
            return repository.casesEver();
        }).compose(ever -> {
            reported.set(ever);
            return repository.reviewWaiting();
        }).compose(queue -> {
            waiting.set(queue.size());
            oldestWaitingSeconds.set(queue.isEmpty() ? 0
                    : Math.max(0, Duration.between(queue.get(0).since(), now).toSeconds()));
            return repository.overdue(now);
        }).compose(overdue -> {
            overdueNotices.set(overdue.notices());
            overdueReviews.set(overdue.reviews());
            return repository.postings();
        }).compose(totals -> {
            totals.forEach(t -> {
                long[] value = postings.computeIfAbsent(t.payerId() + "\u0000" + t.kind(), key -> {
                    long[] fresh = new long[2];
                    posting("anxing.payment.postings", t.payerId(), t.kind(), fresh, v -> v[0]);
                    posting("anxing.payment.posted.fen", t.payerId(), t.kind(), fresh, v -> v[1]);
                    return fresh;
                });
                value[0] = t.count();
                value[1] = t.fen();
            });
            return repository.jobsFinishedAfter(jobsRecordedUntil.get());
        }).map(jobs -> {
            for (var job : jobs) {
                record("total", job.status(), Math.round(job.seconds() * 1000));
                if (job.matrixMs() != null) {
                    record("matrix", job.status(), job.matrixMs());
                }
                if (job.solveMs() != null) {
                    record("solve", job.status(), job.solveMs());
                }
                if (job.pathsMs() != null) {
                    record("paths", job.status(), job.pathsMs());
                }
                jobsRecordedUntil.set(job.finishedAt());
            }
            return null;
        });
    }

    private AtomicLong stateGauge(String state) {
        return casesByState.computeIfAbsent(state, s -> {
            var value = new AtomicLong();
            Gauge.builder("anxing.accident.cases", value, AtomicLong::get).tag("state", s)
                    .description("Accident cases in each state now").register(registry);
            return value;
        });
    }

    private void posting(String name, String payer, String kind, long[] value,
            ToDoubleFunction<long[]> read) {
        FunctionCounter.builder(name, value, read).tag("payer", payer)
                .tag("kind", kind.toLowerCase(java.util.Locale.ROOT))
                .description("Ledger postings of medical advances per payer and kind")
                .register(registry);
    }

    private void record(String phase, String status, long millis) {
        Timer.builder("anxing.bus.plan.job").tag("phase", phase).tag("status", status)
                .description("How long school bus planning jobs took, whole and per phase")
                .register(registry).record(millis, TimeUnit.MILLISECONDS);
    }
}

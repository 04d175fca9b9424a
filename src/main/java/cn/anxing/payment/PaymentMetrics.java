package cn.anxing.payment;

import cn.anxing.payment.rules.AdvanceOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The payments' counters on {@code /metrics}: {@code anxing.payment.instructions} by result
 * ({@code paid}, {@code not_paid} when the limit was used up, {@code replayed} for a retry with
 * the same Idempotency-Key).
 */
final class PaymentMetrics {

    private final Counter paid;
    private final Counter notPaid;
    private final Counter replayed;

    PaymentMetrics(MeterRegistry registry) {
        paid = counter(registry, "paid");
        notPaid = counter(registry, "not_paid");
        replayed = counter(registry, "replayed");
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder("anxing.payment.instructions").tag("result", result)
                .description("Payment instructions answered, by result").register(registry);
    }

    void recorded(AdvanceOutcome outcome) {
        if (outcome.replayed()) {
            replayed.increment();
        } else if (outcome.decision().paysAnything()) {
            paid.increment();
        } else {
            notPaid.increment();
        }
    }
}

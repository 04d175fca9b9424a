package cn.anxing.payment;

import cn.anxing.accident.facts.AccidentFacts;
import cn.anxing.outbox.Outbox;
import cn.anxing.payment.rules.LimitSchedule;
import cn.anxing.payment.rules.WorkingCalendar;
import java.time.Clock;

/**
 * What the payment use cases ({@link PaymentService}, {@link AdvancePayments}) are built from,
 * made once by {@link PaymentModule}: the stores and queries, the shared steps and reads, the
 * accident feature's facts, the outbox and how to wake its relay, the limit schedule and working
 * calendar, the counters and the clock.
 */
record PaymentParts(ApplicationStore applications, LedgerStore ledger, PaymentQueries queries,
        PaymentSteps steps, PaymentReads reads, AccidentFacts accidents, Outbox outbox,
        Runnable wakeRelay, LimitSchedule schedule, WorkingCalendar calendar,
        PaymentMetrics metrics, Clock clock) {
}

package cn.anxing.payment;

import cn.anxing.accident.facts.AccidentFacts;
import cn.anxing.accident.facts.SqlAccidentFacts;
import cn.anxing.demo.DemoData;
import cn.anxing.http.FeatureRoutes;
import cn.anxing.payment.rules.LimitSchedule;
import cn.anxing.payment.rules.WorkingCalendar;
import cn.anxing.platform.FeatureModule;
import cn.anxing.platform.Platform;
import java.util.List;

/**
 * The medical advance payments, built from the {@link Platform}: the three stores, the use
 * cases, the routes, the demo's hospitals and payers, and the payment counters. The limit
 * schedule and working calendar are the bundled files (a broken file stops the start).
 */
public final class PaymentModule implements FeatureModule {

    private final PaymentRoutes routes;
    private final PaymentDemo demo;

    /** Reads accident cases through the accident feature's {@link SqlAccidentFacts}. */
    public PaymentModule(Platform platform) {
        this(platform, new SqlAccidentFacts(platform.pool()));
    }

    public PaymentModule(Platform platform, AccidentFacts accidents) {
        var applications = new ApplicationStore(platform.pool());
        var ledger = new LedgerStore(platform.pool(), applications);
        var queries = new PaymentQueries(platform.pool());
        var steps = new PaymentSteps(applications, queries);
        var reads = new PaymentReads(queries, ledger, accidents, platform.clock());
        var schedule = LimitSchedule.loadDefault();
        var parts = new PaymentParts(applications, ledger, queries, steps, reads, accidents,
                platform.outbox(), platform.wakeOutbox(), schedule, WorkingCalendar.loadDefault(),
                new PaymentMetrics(platform.metrics()), platform.clock());
        var service = new PaymentService(parts);
        var advances = new AdvancePayments(parts);
        boolean demoMode = platform.config().demo();
        this.routes = new PaymentRoutes(service, advances, reads, platform.authz(), demoMode);
        this.demo = new PaymentDemo(applications, platform.outbox(), "http://127.0.0.1:"
                + platform.config().http().port() + "/api/v1/payments/demo/payer-system");
    }

    @Override
    public List<FeatureRoutes> routes() {
        return List.of(routes);
    }

    @Override
    public List<DemoData> demo() {
        return List.of(demo);
    }
}

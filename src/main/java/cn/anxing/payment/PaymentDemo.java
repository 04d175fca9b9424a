package cn.anxing.payment;

import cn.anxing.demo.DemoData;
import cn.anxing.outbox.Outbox;
import cn.anxing.payment.rules.PayerKind;
import io.vertx.core.Future;
import java.util.List;

/**
 * The demo's hospitals and payers (two insurers and the assistance fund), each payer with an
 * outbox endpoint pointing at the demo's stand-in payer system. Idempotent: what exists is kept,
 * including an endpoint URL an admin or a test registered since.
 */
public final class PaymentDemo implements DemoData {

    /** Demo hospitals: id and name. */
    public static final List<String[]> HOSPITALS = List.of(
            new String[] {"pinghu-1", "平湖市第一人民医院"},
            new String[] {"pinghu-tcm", "平湖市中医院"});

    /** Demo payers: id, kind and name. */
    public static final List<String[]> PAYERS = List.of(
            new String[] {"PICC", "INSURER", "中国人保财险 平湖支公司"},
            new String[] {"CPIC", "INSURER", "太平洋财险 嘉兴中心支公司"},
            new String[] {"fund-jx", "ASSISTANCE_FUND", "嘉兴市道路交通事故社会救助基金"});

    private final ApplicationStore payments;
    private final Outbox outbox;
    private final String payerSystemUrl;

    /** @param payerSystemUrl where the demo's payer endpoints deliver (the stand-in route) */
    public PaymentDemo(ApplicationStore payments, Outbox outbox, String payerSystemUrl) {
        this.payments = payments;
        this.outbox = outbox;
        this.payerSystemUrl = payerSystemUrl;
    }

    @Override
    public Future<List<String>> load() {
        Future<Void> all = Future.succeededFuture();
        for (String[] h : HOSPITALS) {
            all = all.compose(x -> payments.addHospital(h[0], h[1]));
        }
        for (String[] p : PAYERS) {
            all = all.compose(x -> payments.addPayer(p[0], PayerKind.valueOf(p[1]), p[2]))
                    .compose(x -> outbox.registerEndpointIfAbsent(AdvancePayments.endpoint(p[0]),
                            payerSystemUrl, "demo-secret-" + p[0] + "-change-me", p[2]));
        }
        return all.map(x -> List.of("Medical advance payments (医疗垫付): hospitals pinghu-1,"
                + " pinghu-tcm; payers PICC, CPIC (insurers), fund-jx (assistance fund); demo"
                + " disbursement orders go to " + payerSystemUrl));
    }
}

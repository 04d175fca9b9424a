package cn.anxing.accident;

import cn.anxing.demo.DemoData;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Demo insurers, each notified at the demo inbox of this same server. An insurer the admin has
 * pointed elsewhere is left alone.
 */
public final class AccidentDemoData implements DemoData {

    /** code, Chinese name, English name. */
    public static final List<String[]> INSURERS = List.of(
            new String[] {"PICC", "中国人民财产保险", "PICC Property and Casualty"},
            new String[] {"PINGAN", "中国平安财产保险", "Ping An Property & Casualty"},
            new String[] {"CPIC", "中国太平洋财产保险", "China Pacific Property Insurance"});

    private final InsurerRepository insurers;
    private final String selfUrl;

    /** @param selfUrl this server as the relay reaches it, e.g. http://127.0.0.1:8080 */
    public AccidentDemoData(InsurerRepository insurers, String selfUrl) {
        this.insurers = insurers;
        this.selfUrl = selfUrl;
    }

    @Override
    public Future<List<String>> load() {
        return insurers.insurers().compose(existing -> {
            Future<Void> all = Future.succeededFuture();
            for (String[] i : INSURERS) {
                boolean elsewhere = existing.stream().anyMatch(e -> e.code().equals(i[0])
                        && !e.webhookUrl().contains(InsurerInboxRoutes.PATH));
                if (!elsewhere) {
                    all = all.compose(x -> insurers.register(i[0], i[1], i[2],
                            selfUrl + InsurerInboxRoutes.PATH + i[0], randomSecret()));
                }
            }
            return all;
        }).map(x -> {
            List<String> lines = new ArrayList<>();
            lines.add("Demo insurers (演示保险公司), notified at " + selfUrl
                    + InsurerInboxRoutes.PATH + "<code>; insurer1 sees them at"
                    + " /api/v1/insurer/notifications:");
            INSURERS.forEach(i -> lines.add("  " + i[0] + "  " + i[1]));
            return lines;
        });
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}

package cn.anxing.http;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;

/**
 * Response times as a histogram with fixed bounds, so {@code /metrics} tells the tail and not
 * only the mean: {@code vertx_http_server_response_time_seconds_bucket{le="0.05"}} counts the
 * answers within 50 ms, and Prometheus's {@code histogram_quantile} gives the p99 across
 * instances. A dozen bounds per method and status code, not the hundreds a percentile histogram
 * would add.
 */
public final class ResponseTimeBuckets implements MeterFilter {

    private static final String RESPONSE_TIME = "vertx.http.server.response.time";
    private static final double[] BOUNDS_MS = {5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000};

    @Override
    public DistributionStatisticConfig configure(Meter.Id id,
            DistributionStatisticConfig config) {
        if (!id.getName().equals(RESPONSE_TIME)) {
            return config;
        }
        double[] nanos = new double[BOUNDS_MS.length];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = Duration.ofMillis((long) BOUNDS_MS[i]).toNanos();
        }
        return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build()
                .merge(config);
    }
}

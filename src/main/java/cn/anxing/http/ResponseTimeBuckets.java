package cn.anxing.http;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import java.util.stream.LongStream;

/**
 * Response times as a histogram with fixed bounds, so {@code /metrics} tells the tail and not
 * only the mean: {@code vertx_http_server_response_time_seconds_bucket{le="0.05"}} counts the
 * answers within 50 ms, and Prometheus's {@code histogram_quantile} gives the p99 across
 * instances. Ten bounds per method and status code, not the hundreds a percentile histogram
 * would add.
 */
public final class ResponseTimeBuckets implements MeterFilter {

    private static final String RESPONSE_TIME = "vertx.http.server.response.time";
    /** The bounds, 5 ms to 5 s, in nanoseconds as Micrometer keeps timers. */
    private static final DistributionStatisticConfig BOUNDS = DistributionStatisticConfig
            .builder().serviceLevelObjectives(LongStream.of(5, 10, 25, 50, 100, 250, 500, 1000,
                    2500, 5000).mapToDouble(ms -> Duration.ofMillis(ms).toNanos()).toArray())
            .build();

    @Override
    public DistributionStatisticConfig configure(Meter.Id id,
            DistributionStatisticConfig config) {
        return id.getName().equals(RESPONSE_TIME) ? BOUNDS.merge(config) : config;
    }
}

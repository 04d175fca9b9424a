package cn.anxing.accident;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.config.AppConfig;
import cn.anxing.error.RetryLaterException;
import cn.anxing.http.RequestWindows;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * The limit on the public preview of a share code, which anyone may read before signing in:
 * per client address, so that nobody walks the space of codes, and per code, so that one case's
 * code is not read over and over from many addresses. Every request counts, known code or not.
 */
final class JoinPreviewLimit {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final RequestWindows byAddress;
    private final RequestWindows byCode;

    JoinPreviewLimit(AppConfig.JoinPreviewLimits limits, Clock clock) {
        this.byAddress = new RequestWindows(limits.perAddressPerMinute(), MINUTE, clock);
        this.byCode = new RequestWindows(limits.perCodePerMinute(), MINUTE, clock);
    }

    /** Counts one preview, or refuses it with 429 and how long to wait. */
    void check(String address, String code) {
        // a share code is short: a longer path is counted by its start, so keys stay small
        String key = code.strip().toUpperCase(Locale.ROOT);
        String bounded = key.length() > 32 ? key.substring(0, 32) : key;
        byAddress.take(address).or(() -> byCode.take(bounded))
                .ifPresent(wait -> {
                    throw new RetryLaterException(AccidentError.TOO_MANY_PREVIEWS,
                            "查询太频繁，请稍后再试 / too many previews of share codes; try again"
                                    + " in a minute", wait);
                });
    }
}

package cn.anxing.auth;

import cn.anxing.config.AppConfig;
import cn.anxing.error.DomainException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The limit on password guessing, per account and per client address, kept in PostgreSQL so it
 * holds across restarts and instances. An attempt is counted when it begins, under a row lock,
 * and forgiven when the password was right: parallel guesses cannot slip through between a
 * check and its count. After {@code delayAfter} counted attempts an account waits a doubling
 * delay before the next (1 s, 2 s, 4 s, ..., at most 60 s), and a try within the delay is
 * refused but counted; at {@code maxFailures} it is locked for {@code lock}, the right password
 * included, and an address at {@code maxFailuresPerAddress} likewise. Counts older than the lock
 * time start again from zero.
 */
public final class PasswordAttempts {

    private static final long MAX_DELAY_SECONDS = 60;
    private static final String ENSURE = """
            INSERT INTO sign_in_failure (scope, subject, failures, last_failure_at)
            VALUES ($1, $2, 0, $3) ON CONFLICT (scope, subject) DO NOTHING""";
    private static final String LOCK = """
            SELECT failures, last_failure_at, locked_until FROM sign_in_failure
            WHERE scope = $1 AND subject = $2 FOR UPDATE""";
    private static final String COUNT = """
            UPDATE sign_in_failure SET failures = $3, last_failure_at = $4, locked_until = $5
            WHERE scope = $1 AND subject = $2""";
    private static final String FORGIVE_ACCOUNT =
            "DELETE FROM sign_in_failure WHERE scope = 'account' AND subject = $1";
    private static final String FORGIVE_ADDRESS = """
            UPDATE sign_in_failure SET failures = greatest(failures - 1, 0)
            WHERE scope = 'address' AND subject = $1 AND locked_until IS NULL""";

    private final Pool pool;
    private final AppConfig.SignInLimits limits;
    private final Clock clock;

    public PasswordAttempts(Pool pool, AppConfig.SignInLimits limits, Clock clock) {
        this.pool = pool;
        this.limits = limits;
        this.clock = clock;
    }

    /** Counts an attempt, or fails with 429 when the account or the address must wait. */
    public Future<Void> begin(String username, String address) {
        Instant now = clock.instant();
        String account = username.strip().toLowerCase(Locale.ROOT);
        // a refusal is returned, not thrown, so that the count it made is committed
        return pool.withTransaction(tx -> count(tx, "account", account, now,
                        limits.maxFailures(), true)
                .compose(refused -> refused != null ? Future.succeededFuture(refused)
                        : count(tx, "address", address, now, limits.maxFailuresPerAddress(),
                                false)))
                .compose(refused -> refused == null ? Future.succeededFuture()
                        : Future.failedFuture(refused));
    }

    /** The password was right: the account starts again, the address is not charged. */
    public Future<Void> succeeded(String username, String address) {
        String account = username.strip().toLowerCase(Locale.ROOT);
        return pool.preparedQuery(FORGIVE_ACCOUNT).execute(Tuple.of(account))
                .compose(x -> pool.preparedQuery(FORGIVE_ADDRESS).execute(Tuple.of(address)))
                .mapEmpty();
    }

    /**
     * Counts one attempt on the row; returns the refusal when it may not be tried now. A try
     * made while asked to wait is counted too (without moving the wait), so a burst of guesses
     * runs into the lock instead of waiting it out.
     */
    private Future<DomainException> count(SqlConnection tx, String scope, String subject,
            Instant now, int max, boolean delays) {
        return tx.preparedQuery(ENSURE).execute(Tuple.of(scope, subject, utc(now)))
                .compose(x -> tx.preparedQuery(LOCK).execute(Tuple.of(scope, subject)))
                .compose(rows -> {
                    Row row = rows.iterator().next();
                    Instant last = row.getOffsetDateTime("last_failure_at").toInstant();
                    OffsetDateTime lockedUntil = row.getOffsetDateTime("locked_until");
                    if (lockedUntil != null && lockedUntil.toInstant().isAfter(now)) {
                        return Future.succeededFuture(locked(scope,
                                Duration.between(now, lockedUntil.toInstant())));
                    }
                    boolean stale = last.isBefore(now.minus(limits.lock()))
                            || lockedUntil != null;
                    int failures = stale ? 0 : row.getInteger("failures");
                    Instant allowed = now;
                    if (delays && failures >= limits.delayAfter()) {
                        long wait = Math.min(MAX_DELAY_SECONDS,
                                1L << Math.min(30, failures - limits.delayAfter()));
                        allowed = last.plusSeconds(wait);
                    }
                    boolean early = allowed.isAfter(now);
                    int counted = failures + 1;
                    boolean locks = counted >= max;
                    OffsetDateTime lock = locks ? utc(now.plus(limits.lock())) : null;
                    DomainException refusal = locks && early ? locked(scope, limits.lock())
                            : early ? tooFast(Duration.between(now, allowed)) : null;
                    return tx.preparedQuery(COUNT).execute(Tuple.of(scope, subject, counted,
                                    utc(early && !stale ? last : now), lock))
                            .map(x -> refusal);
                });
    }

    private static DomainException locked(String scope, Duration left) {
        long minutes = Math.max(1, (left.toSeconds() + 59) / 60);
        String who = scope.equals("account") ? "此账号 / this account" : "此网络地址 / this address";
        return new DomainException(AuthError.SIGN_IN_LOCKED, "密码错误次数过多，" + who + " 已锁定约 "
                + minutes + " 分钟 / too many wrong passwords: locked for about " + minutes
                + " minutes", scope.equals("account") ? "username" : null);
    }

    private static DomainException tooFast(Duration left) {
        long seconds = Math.max(1, (left.toMillis() + 999) / 1000);
        return new DomainException(AuthError.SIGN_IN_TOO_FAST, "请 " + seconds + " 秒后再试 / wrong"
                + " passwords slow sign-in down: try again in " + seconds + " s", "password");
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

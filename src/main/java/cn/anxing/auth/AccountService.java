package cn.anxing.auth;

import cn.anxing.config.AppConfig;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/** Sign-in by one-time code or password, and staff account management. */
public final class AccountService {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A token and the account it belongs to. */
    public record Session(String token, Account account) {
        public JsonObject toJson() {
            return new JsonObject().put("token", token).put("user", account.toJson());
        }
    }

    /** A sent code; {@code devCode} only in the demo configuration. */
    public record CodeSent(long expiresInSeconds, String devCode) {
        public JsonObject toJson() {
            var json = new JsonObject().put("expiresInSeconds", expiresInSeconds);
            if (devCode != null) {
                json.put("devCode", devCode);
            }
            return json;
        }
    }

    /** Password hashing is slow on purpose: it runs on the crypto pool, never an event loop. */
    private final WorkerExecutor crypto;
    private final AccountRepository accounts;
    private final Tokens tokens;
    private final SmsGateway sms;
    private final AppConfig.AuthConfig config;
    private final Clock clock;
    private final PasswordAttempts passwordAttempts;

    public AccountService(WorkerExecutor crypto, AccountRepository accounts, Tokens tokens,
            SmsGateway sms, AppConfig.AuthConfig config, Clock clock) {
        this.crypto = crypto;
        this.accounts = accounts;
        this.tokens = tokens;
        this.sms = sms;
        this.config = config;
        this.clock = clock;
        this.passwordAttempts = new PasswordAttempts(accounts.pool(), config.passwordLimits(),
                clock);
    }

    public Future<CodeSent> requestCode(String rawPhone, String address) {
        String phone = PhoneNumbers.normalise(rawPhone, "phone");
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        Instant now = clock.instant();
        Instant hourAgo = now.minus(Duration.ofHours(1));
        return accounts.pool().withTransaction(tx -> tx
                // one request per phone at a time, so two parallel requests cannot both pass
                .preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of(phone))
                .compose(x -> accounts.requestsByPhone(tx, phone, hourAgo))
                .compose(byPhone -> {
                    if (byPhone.count() >= config.otpPerPhonePerHour()) {
                        throw rateLimited("该手机号获取验证码过于频繁，请一小时后再试 / too many"
                                + " codes for this phone; try again within the hour");
                    }
                    if (byPhone.last().isPresent() && byPhone.last().get()
                            .plus(config.otpMinInterval()).isAfter(now)) {
                        throw rateLimited("验证码刚刚已发送，请稍候 / a code was just sent; wait "
                                + config.otpMinInterval().toSeconds() + " seconds between codes");
                    }
                    return accounts.requestsByAddress(tx, address, hourAgo);
                })
                .compose(byAddress -> {
                    if (byAddress >= config.otpPerAddressPerHour()) {
                        throw rateLimited("此网络地址获取验证码过于频繁 / too many codes requested"
                                + " from this address");
                    }
                    return accounts.storeCode(tx, phone, address, codeHash(phone, code), now,
                            config.otpTtl());
                }))
                .compose(x -> sms.sendSignInCode(phone, code))
                .map(x -> new CodeSent(config.otpTtl().toSeconds(),
                        config.exposeOtpInResponse() ? code : null));
    }

    public Future<Session> verifyCode(String rawPhone, String code) {
        String phone = PhoneNumbers.normalise(rawPhone, "phone");
        if (code == null || !code.matches("\\d{6}")) {
            throw invalid("code", "验证码为6位数字 / the code has 6 digits");
        }
        Instant now = clock.instant();
        return accounts.pool().withTransaction(tx -> accounts.lockCode(tx, phone)
                .compose(stored -> {
                    if (stored.isEmpty() || stored.get().expiresAt().isBefore(now)) {
                        throw new DomainException(AuthError.CODE_EXPIRED,
                                "验证码已过期，请重新获取 / the code has expired: ask for a new one",
                                "code");
                    }
                    if (stored.get().attempts() >= config.otpMaxAttempts()) {
                        throw new DomainException(AuthError.CODE_LOCKED, "错误次数过多，请重新获取 /"
                                + " too many wrong tries: ask for a new code", "code");
                    }
                    if (!MessageDigest.isEqual(stored.get().codeHash().getBytes(
                            StandardCharsets.UTF_8),
                            codeHash(phone, code).getBytes(StandardCharsets.UTF_8))) {
                        return accounts.countFailedTry(tx, phone)
                                .map(x -> (AccountRepository.StoredAccount) null);
                    }
                    return accounts.deleteCode(tx, phone)
                            .compose(x -> accounts.findOrCreateByPhone(tx, phone,
                                    PhoneNumbers.mask(phone), EnumSet.of(Role.DRIVER)));
                }))
                .map(stored -> {
                    if (stored == null) {
                        throw new DomainException(AuthError.CODE_WRONG,
                                "验证码不正确 / the code is not right", "code");
                    }
                    return session(stored);
                });
    }

    /** Password sign-in from {@code address}, limited per account and address. */
    public Future<Session> login(String username, String password, String address) {
        if (username == null || username.isBlank()) {
            throw invalid("username", "用户名必填 / username is required");
        }
        if (password == null || password.isEmpty()) {
            throw invalid("password", "密码必填 / password is required");
        }
        // no account has such a name; refused before it is counted or stored as a subject
        if (username.length() > 64 || !username.codePoints().allMatch(c -> c >= 0x20
                && (c < 0xd800 || c > 0xdfff) && c != 0x7f)) {
            throw new DomainException(CommonError.VALIDATION_FAILED, "用户名无效 / username: at"
                    + " most 64 printable characters", "username");
        }
        return passwordAttempts.begin(username, address)
                .compose(x -> verifyPassword(username, password))
                .compose(session -> passwordAttempts.succeeded(username, address)
                        .map(session));
    }

    private Future<Session> verifyPassword(String username, String password) {
        return accounts.findByUsername(username).compose(found -> crypto.executeBlocking(() -> {
            String hash = found.map(AccountRepository.StoredAccount::passwordHash)
                    .orElse(DUMMY_HASH);
            boolean ok = PasswordHasher.verify(password, hash) && found.isPresent();
            if (!ok) {
                throw new DomainException(AuthError.INVALID_CREDENTIALS,
                        "用户名或密码不正确 / wrong username or password", "password");
            }
            return session(found.get());
        }, false));
    }

    public Future<Account> me(String accountId) {
        return accounts.findById(java.util.UUID.fromString(accountId)).map(found -> found
                .filter(a -> !a.disabled())
                .map(AccountRepository.StoredAccount::account)
                .orElseThrow(() -> new DomainException(CommonError.UNAUTHENTICATED,
                        "This account no longer exists")));
    }

    private Session session(AccountRepository.StoredAccount stored) {
        if (stored.disabled()) {
            throw new DomainException(CommonError.FORBIDDEN, "This account is disabled");
        }
        return new Session(tokens.issue(stored.account()), stored.account());
    }

    private static DomainException rateLimited(String message) {
        return new DomainException(AuthError.RATE_LIMITED, message, "phone");
    }

    private static DomainException invalid(String field, String message) {
        return new DomainException(CommonError.VALIDATION_FAILED, message, field);
    }

    static String codeHash(String phone, String code) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest((phone + ":" + code)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Verified against when the username does not exist, so timing does not reveal usernames. */
    private static final String DUMMY_HASH = PasswordHasher.hash("no such user");
}

package cn.anxing.config;

import cn.anxing.outbox.OutboxConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The whole configuration, read once at start. */
public record AppConfig(
        HttpConfig http,
        DatabaseConfig database,
        Path dataDir,
        MapConfig map,
        AuthConfig auth,
        boolean demo,
        AccidentConfig accident,
        OutboxConfig outbox) {

    /**
     * @param publicBaseUrl the address people reach the server at, e.g. https://anxing.example
     *                      (PUBLIC_BASE_URL), no trailing slash; empty: the address each
     *                      request came to (its Host and scheme)
     * @param trustedProxies addresses or CIDR blocks whose X-Forwarded-For and X-Forwarded-Proto
     *                       are believed (HTTP_TRUSTED_PROXIES); empty: none
     * @param metricsToken   the bearer token /metrics asks for (METRICS_TOKEN)
     * @param metricsOnLoopback without a token: /metrics answers loopback clients only (the
     *                       demo); false and no token: /metrics is off
     */
    public record HttpConfig(String host, int port, long bodyLimitBytes, Duration shutdownGrace,
            Optional<String> publicBaseUrl, java.util.List<String> trustedProxies,
            Optional<String> metricsToken, boolean metricsOnLoopback) {

        public HttpConfig {
            trustedProxies = java.util.List.copyOf(trustedProxies);
        }
    }

    /** {@code url} empty means: start the embedded PostgreSQL under {@code DATA_DIR/postgres}. */
    public record DatabaseConfig(Optional<String> url, int poolSize) {
    }

    /**
     * @param planJobLease how long a bus plan job stays with the instance that claimed it
     *                     without a heartbeat (PLAN_JOB_LEASE_SECONDS): after it, another
     *                     instance takes the job up
     */
    public record MapConfig(Path mapFile, int matrixThreads, Duration planJobLease) {
    }

    public record AuthConfig(
            Optional<String> jwtSecret,
            Duration tokenTtl,
            Duration otpTtl,
            int otpMaxAttempts,
            int otpPerPhonePerHour,
            int otpPerAddressPerHour,
            Duration otpMinInterval,
            boolean exposeOtpInResponse,
            String smsGateway,
            SignInLimits passwordLimits) {
    }

    /**
     * Password sign-in: after {@code delayAfter} failures each further try waits a doubling delay
     * (1 s, 2 s, 4 s, ... at most 60 s); {@code maxFailures} failures for an account, or
     * {@code maxFailuresPerAddress} from one address, lock it for {@code lock}.
     */
    public record SignInLimits(int maxFailures, int maxFailuresPerAddress, int delayAfter,
            Duration lock) {
    }

    /**
     * The accident feature. Keys are base64 (32 bytes); empty means: in the demo, generate one on
     * first start and keep it in the database (like the JWT secret); otherwise a start error.
     *
     * @param fieldKey  AES-GCM key for licence and ID numbers at rest (ACCIDENT_FIELD_KEY)
     * @param sealKey   HMAC key of the agreements' verification codes (ACCIDENT_SEAL_KEY)
     * @param verifyUrl the public page an agreement's printed link leads to, the code appended
     *                  (ACCIDENT_VERIFY_URL); empty: this server's own #/verify page
     * @param pdfFontPath a TrueType font or collection with CJK glyphs for the agreement PDF
     *                  (ACCIDENT_PDF_FONT)
     * @param reportWindow how long after an accident it may still be reported
     *                  (ACCIDENT_REPORT_WINDOW_DAYS)
     */
    public record AccidentConfig(Optional<String> fieldKey, Optional<String> sealKey,
            long photoMaxBytes, int duplicateRadiusMetres, Duration duplicateWindow,
            int photoFlagMetres, Optional<String> verifyUrl, Path pdfFontPath,
            EligibilitySettings eligibility, PoliceDeskSettings police, Duration reportWindow,
            JoinPreviewLimits joinPreview) {
    }

    /**
     * How often the public preview of a share code (what case the second driver joins, read
     * before signing in) may be asked for a minute, from one client address
     * (ACCIDENT_JOIN_PREVIEW_PER_ADDRESS_PER_MINUTE) and for one code
     * (ACCIDENT_JOIN_PREVIEW_PER_CODE_PER_MINUTE): enough for people, too few to guess codes.
     */
    public record JoinPreviewLimits(int perAddressPerMinute, int perCodePerMinute) {
    }

    /**
     * The police desk (交警工作台).
     *
     * @param claimLease          how long an officer's claim on a case lasts unless the open case
     *                            page renews it (ACCIDENT_CLAIM_LEASE_SECONDS)
     * @param plateFrequencyCases a plate in this many open cases within plateFrequencyDays flags
     *                            the case (ACCIDENT_PLATE_FREQUENCY_CASES)
     * @param plateFrequencyDays  the window of that count (ACCIDENT_PLATE_FREQUENCY_DAYS)
     * @param photoHashDistance   a photo whose 64-bit dHash is at most this many bits from a photo
     *                            of another case counts as reused (ACCIDENT_PHOTO_HASH_DISTANCE)
     * @param reviewDays          days after the determination within which a party may ask for
     *                            review, 复核 (ACCIDENT_REVIEW_DAYS)
     */
    public record PoliceDeskSettings(Duration claimLease, int plateFrequencyCases,
            int plateFrequencyDays, int photoHashDistance, int reviewDays) {
    }

    /**
     * Who may settle on the phone, beyond what Order 146 itself rules out: 浙里快处 is for two
     * vehicles, off expressways, without hazardous goods.
     *
     * @param minVehicles            fewest motor vehicles (ACCIDENT_MIN_VEHICLES)
     * @param maxVehicles            most motor vehicles (ACCIDENT_MAX_VEHICLES)
     * @param expresswaysExcluded    accidents on expressways and their ramps go to the police
     *                               (ACCIDENT_EXPRESSWAYS_EXCLUDED)
     * @param hazardousGoodsExcluded accidents with a hazardous-goods vehicle go to the police
     *                               (ACCIDENT_HAZARDOUS_GOODS_EXCLUDED)
     */
    public record EligibilitySettings(int minVehicles, int maxVehicles,
            boolean expresswaysExcluded, boolean hazardousGoodsExcluded) {
    }

    public Path photoDir() {
        return dataDir.resolve("photos");
    }

    public Path graphCacheDir() {
        return dataDir.resolve("graph-cache");
    }

    public Path embeddedDatabaseDir() {
        return dataDir.resolve("postgres");
    }

    public AppConfig withHttpPort(int port) {
        return new AppConfig(new HttpConfig(http.host(), port, http.bodyLimitBytes(),
                http.shutdownGrace(), http.publicBaseUrl(), http.trustedProxies(),
                http.metricsToken(), http.metricsOnLoopback()), database, dataDir, map, auth,
                demo, accident, outbox);
    }
}

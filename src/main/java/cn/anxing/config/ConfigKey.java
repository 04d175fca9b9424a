package cn.anxing.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every configuration key, with the environment variable that overrides it. The defaults live in
 * {@code anxing-defaults.json}; README.md lists the same table for operators.
 */
public enum ConfigKey {
    HTTP_HOST("http.host", "HTTP_HOST"),
    HTTP_PORT("http.port", "HTTP_PORT"),
    HTTP_BODY_LIMIT_BYTES("http.bodyLimitBytes", "HTTP_BODY_LIMIT_BYTES"),
    HTTP_SHUTDOWN_GRACE_SECONDS("http.shutdownGraceSeconds", "HTTP_SHUTDOWN_GRACE_SECONDS"),
    PUBLIC_BASE_URL("http.publicBaseUrl", "PUBLIC_BASE_URL"),
    HTTP_TRUSTED_PROXIES("http.trustedProxies", "HTTP_TRUSTED_PROXIES"),
    METRICS_TOKEN("metrics.token", "METRICS_TOKEN"),
    DATA_DIR("data.dir", "DATA_DIR"),
    DATABASE_URL("database.url", "DATABASE_URL"),
    DATABASE_POOL_SIZE("database.poolSize", "DATABASE_POOL_SIZE"),
    MAP_FILE("map.file", "MAP_FILE"),
    ROUTING_MATRIX_THREADS("routing.matrixThreads", "ROUTING_MATRIX_THREADS"),
    PLAN_JOB_LEASE_SECONDS("bus.planJobLeaseSeconds", "PLAN_JOB_LEASE_SECONDS"),
    JWT_SECRET("auth.jwtSecret", "JWT_SECRET"),
    TOKEN_TTL_MINUTES("auth.tokenTtlMinutes", "TOKEN_TTL_MINUTES"),
    OTP_TTL_SECONDS("auth.otpTtlSeconds", "OTP_TTL_SECONDS"),
    OTP_MAX_ATTEMPTS("auth.otpMaxAttempts", "OTP_MAX_ATTEMPTS"),
    OTP_PER_PHONE_PER_HOUR("auth.otpPerPhonePerHour", "OTP_PER_PHONE_PER_HOUR"),
    OTP_PER_ADDRESS_PER_HOUR("auth.otpPerAddressPerHour", "OTP_PER_ADDRESS_PER_HOUR"),
    OTP_MIN_INTERVAL_SECONDS("auth.otpMinIntervalSeconds", "OTP_MIN_INTERVAL_SECONDS"),
    OTP_EXPOSE_IN_RESPONSE("auth.exposeOtpInResponse", "OTP_EXPOSE_IN_RESPONSE"),
    PASSWORD_MAX_FAILURES("auth.passwordMaxFailures", "PASSWORD_MAX_FAILURES"),
    PASSWORD_MAX_FAILURES_PER_ADDRESS("auth.passwordMaxFailuresPerAddress",
            "PASSWORD_MAX_FAILURES_PER_ADDRESS"),
    PASSWORD_DELAY_AFTER_FAILURES("auth.passwordDelayAfterFailures",
            "PASSWORD_DELAY_AFTER_FAILURES"),
    PASSWORD_LOCK_MINUTES("auth.passwordLockMinutes", "PASSWORD_LOCK_MINUTES"),
    SMS_GATEWAY("sms.gateway", "SMS_GATEWAY"),
    DEMO("demo.enabled", "DEMO"),
    ACCIDENT_FIELD_KEY("accident.fieldKey", "ACCIDENT_FIELD_KEY"),
    ACCIDENT_SEAL_KEY("accident.sealKey", "ACCIDENT_SEAL_KEY"),
    ACCIDENT_PHOTO_MAX_BYTES("accident.photoMaxBytes", "ACCIDENT_PHOTO_MAX_BYTES"),
    ACCIDENT_DUPLICATE_RADIUS_METRES("accident.duplicateRadiusMetres",
            "ACCIDENT_DUPLICATE_RADIUS_METRES"),
    ACCIDENT_DUPLICATE_WINDOW_MINUTES("accident.duplicateWindowMinutes",
            "ACCIDENT_DUPLICATE_WINDOW_MINUTES"),
    ACCIDENT_PHOTO_FLAG_METRES("accident.photoFlagMetres", "ACCIDENT_PHOTO_FLAG_METRES"),
    ACCIDENT_JOIN_PREVIEW_PER_ADDRESS_PER_MINUTE("accident.joinPreviewPerAddressPerMinute",
            "ACCIDENT_JOIN_PREVIEW_PER_ADDRESS_PER_MINUTE"),
    ACCIDENT_JOIN_PREVIEW_PER_CODE_PER_MINUTE("accident.joinPreviewPerCodePerMinute",
            "ACCIDENT_JOIN_PREVIEW_PER_CODE_PER_MINUTE"),
    ACCIDENT_REPORT_WINDOW_DAYS("accident.reportWindowDays", "ACCIDENT_REPORT_WINDOW_DAYS"),
    ACCIDENT_VERIFY_URL("accident.verifyUrl", "ACCIDENT_VERIFY_URL"),
    ACCIDENT_PDF_FONT("accident.pdfFontPath", "ACCIDENT_PDF_FONT"),
    ACCIDENT_MIN_VEHICLES("accident.eligibility.minVehicles", "ACCIDENT_MIN_VEHICLES"),
    ACCIDENT_MAX_VEHICLES("accident.eligibility.maxVehicles", "ACCIDENT_MAX_VEHICLES"),
    ACCIDENT_EXPRESSWAYS_EXCLUDED("accident.eligibility.expresswaysExcluded",
            "ACCIDENT_EXPRESSWAYS_EXCLUDED"),
    ACCIDENT_HAZARDOUS_GOODS_EXCLUDED("accident.eligibility.hazardousGoodsExcluded",
            "ACCIDENT_HAZARDOUS_GOODS_EXCLUDED"),
    ACCIDENT_CLAIM_LEASE_SECONDS("accident.police.claimLeaseSeconds",
            "ACCIDENT_CLAIM_LEASE_SECONDS"),
    ACCIDENT_PLATE_FREQUENCY_CASES("accident.police.plateFrequencyCases",
            "ACCIDENT_PLATE_FREQUENCY_CASES"),
    ACCIDENT_PLATE_FREQUENCY_DAYS("accident.police.plateFrequencyDays",
            "ACCIDENT_PLATE_FREQUENCY_DAYS"),
    ACCIDENT_PHOTO_HASH_DISTANCE("accident.police.photoHashDistance",
            "ACCIDENT_PHOTO_HASH_DISTANCE"),
    ACCIDENT_REVIEW_DAYS("accident.police.reviewDays", "ACCIDENT_REVIEW_DAYS"),
    OUTBOX_POLL_INTERVAL_MS("outbox.pollIntervalMs", "OUTBOX_POLL_INTERVAL_MS"),
    OUTBOX_BACKOFF_BASE_MS("outbox.backoffBaseMs", "OUTBOX_BACKOFF_BASE_MS"),
    OUTBOX_MAX_ATTEMPTS("outbox.maxAttempts", "OUTBOX_MAX_ATTEMPTS");

    private final String key;
    private final String env;

    ConfigKey(String key, String env) {
        this.key = key;
        this.env = env;
    }

    public String key() {
        return key;
    }

    public String env() {
        return env;
    }

    public static Optional<ConfigKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}

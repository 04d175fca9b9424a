package cn.anxing.config;

import cn.anxing.outbox.OutboxConfig;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the configuration in three layers: the committed defaults ({@code anxing-defaults.json}),
 * then the file named by {@code CONFIG_FILE} if any, then environment variables.
 */
public final class ConfigLoader {

    private static final String DEFAULTS = "/anxing-defaults.json";

    private ConfigLoader() {
    }

    public static AppConfig fromEnvironment() {
        return load(System.getenv());
    }

    public static AppConfig load(Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        putAll(values, readDefaults(), "anxing-defaults.json");
        String file = env.get("CONFIG_FILE");
        if (file != null && !file.isBlank()) {
            putAll(values, readFile(Path.of(file)), file);
        }
        for (ConfigKey key : ConfigKey.values()) {
            String value = env.get(key.env());
            if (value != null) {
                values.put(key.key(), value.trim());
            }
        }
        return build(values);
    }

    private static AppConfig build(Map<String, String> v) {
        boolean demo = bool(v, ConfigKey.DEMO);
        Optional<String> metricsToken = optional(v, ConfigKey.METRICS_TOKEN);
        if (metricsToken.isPresent() && metricsToken.get().length() < 16) {
            throw new ConfigException("METRICS_TOKEN must have at least 16 characters");
        }
        var http = new AppConfig.HttpConfig(
                string(v, ConfigKey.HTTP_HOST),
                intInRange(v, ConfigKey.HTTP_PORT, 0, 65535),
                intInRange(v, ConfigKey.HTTP_BODY_LIMIT_BYTES, 1024, Integer.MAX_VALUE),
                Duration.ofSeconds(intInRange(v, ConfigKey.HTTP_SHUTDOWN_GRACE_SECONDS, 0, 60)),
                optional(v, ConfigKey.PUBLIC_BASE_URL).map(ConfigLoader::baseUrl),
                trustedProxies(v), metricsToken, demo && metricsToken.isEmpty());
        var database = new AppConfig.DatabaseConfig(
                optional(v, ConfigKey.DATABASE_URL),
                intInRange(v, ConfigKey.DATABASE_POOL_SIZE, 1, 200));
        database.url().ifPresent(ConfigLoader::checkDatabaseUrl);
        var map = new AppConfig.MapConfig(
                Path.of(string(v, ConfigKey.MAP_FILE)),
                intInRange(v, ConfigKey.ROUTING_MATRIX_THREADS, 1, 64),
                // the heartbeat renews at a third of the lease: below 3 s it would beat too often
                Duration.ofSeconds(intInRange(v, ConfigKey.PLAN_JOB_LEASE_SECONDS, 3, 3600)));
        var auth = new AppConfig.AuthConfig(
                optional(v, ConfigKey.JWT_SECRET),
                Duration.ofMinutes(intInRange(v, ConfigKey.TOKEN_TTL_MINUTES, 1, 60 * 24 * 30)),
                Duration.ofSeconds(intInRange(v, ConfigKey.OTP_TTL_SECONDS, 30, 3600)),
                intInRange(v, ConfigKey.OTP_MAX_ATTEMPTS, 1, 20),
                intInRange(v, ConfigKey.OTP_PER_PHONE_PER_HOUR, 1, 1000),
                intInRange(v, ConfigKey.OTP_PER_ADDRESS_PER_HOUR, 1, 100000),
                Duration.ofSeconds(intInRange(v, ConfigKey.OTP_MIN_INTERVAL_SECONDS, 0, 3600)),
                bool(v, ConfigKey.OTP_EXPOSE_IN_RESPONSE),
                string(v, ConfigKey.SMS_GATEWAY),
                new AppConfig.SignInLimits(
                        intInRange(v, ConfigKey.PASSWORD_MAX_FAILURES, 1, 1000),
                        intInRange(v, ConfigKey.PASSWORD_MAX_FAILURES_PER_ADDRESS, 1, 100_000),
                        intInRange(v, ConfigKey.PASSWORD_DELAY_AFTER_FAILURES, 1, 1000),
                        Duration.ofMinutes(intInRange(v, ConfigKey.PASSWORD_LOCK_MINUTES, 1,
                                24 * 60))));
        if (!demo && auth.jwtSecret().isEmpty()) {
            throw new ConfigException("JWT_SECRET must be set when DEMO=false: tokens signed with a"
                    + " generated secret would not survive a restart or a second server");
        }
        if (!demo && auth.exposeOtpInResponse()) {
            throw new ConfigException("OTP_EXPOSE_IN_RESPONSE=true is for the demo only: set it to"
                    + " false when DEMO=false");
        }
        var accident = new AppConfig.AccidentConfig(
                optional(v, ConfigKey.ACCIDENT_FIELD_KEY),
                optional(v, ConfigKey.ACCIDENT_SEAL_KEY),
                intInRange(v, ConfigKey.ACCIDENT_PHOTO_MAX_BYTES, 1024, 100 * 1024 * 1024),
                intInRange(v, ConfigKey.ACCIDENT_DUPLICATE_RADIUS_METRES, 1, 10_000),
                Duration.ofMinutes(intInRange(v, ConfigKey.ACCIDENT_DUPLICATE_WINDOW_MINUTES, 1,
                        24 * 60)),
                intInRange(v, ConfigKey.ACCIDENT_PHOTO_FLAG_METRES, 1, 100_000),
                optional(v, ConfigKey.ACCIDENT_VERIFY_URL),
                Path.of(string(v, ConfigKey.ACCIDENT_PDF_FONT)),
                eligibility(v), new AppConfig.PoliceDeskSettings(
                        Duration.ofSeconds(intInRange(v, ConfigKey.ACCIDENT_CLAIM_LEASE_SECONDS,
                                10, 24 * 3600)),
                        intInRange(v, ConfigKey.ACCIDENT_PLATE_FREQUENCY_CASES, 2, 1000),
                        intInRange(v, ConfigKey.ACCIDENT_PLATE_FREQUENCY_DAYS, 1, 3650),
                        intInRange(v, ConfigKey.ACCIDENT_PHOTO_HASH_DISTANCE, 0, 32),
                        intInRange(v, ConfigKey.ACCIDENT_REVIEW_DAYS, 1, 60)),
                Duration.ofDays(intInRange(v, ConfigKey.ACCIDENT_REPORT_WINDOW_DAYS, 1, 365)),
                new AppConfig.JoinPreviewLimits(
                        intInRange(v, ConfigKey.ACCIDENT_JOIN_PREVIEW_PER_ADDRESS_PER_MINUTE, 1,
                                100_000),
                        intInRange(v, ConfigKey.ACCIDENT_JOIN_PREVIEW_PER_CODE_PER_MINUTE, 1,
                                100_000)));
        if (!demo && (accident.fieldKey().isEmpty() || accident.sealKey().isEmpty())) {
            throw new ConfigException("ACCIDENT_FIELD_KEY and ACCIDENT_SEAL_KEY must be set when"
                    + " DEMO=false (base64 of 32 random bytes, e.g. `openssl rand -base64 32`):"
                    + " data encrypted or sealed with a generated key is lost with it");
        }
        var outbox = OutboxConfig.configured(
                Duration.ofMillis(intInRange(v, ConfigKey.OUTBOX_POLL_INTERVAL_MS, 10, 3_600_000)),
                Duration.ofMillis(intInRange(v, ConfigKey.OUTBOX_BACKOFF_BASE_MS, 1, 3_600_000)),
                intInRange(v, ConfigKey.OUTBOX_MAX_ATTEMPTS, 1, 1000));
        return new AppConfig(http, database, Path.of(string(v, ConfigKey.DATA_DIR)), map, auth,
                demo, accident, outbox);
    }

    private static AppConfig.EligibilitySettings eligibility(Map<String, String> v) {
        // five is the most vehicles a report takes
        int min = intInRange(v, ConfigKey.ACCIDENT_MIN_VEHICLES, 1, 5);
        int max = intInRange(v, ConfigKey.ACCIDENT_MAX_VEHICLES, 1, 5);
        if (max < min) {
            throw new ConfigException(ConfigKey.ACCIDENT_MAX_VEHICLES.env() + " (" + max
                    + ") must not be below " + ConfigKey.ACCIDENT_MIN_VEHICLES.env() + " ("
                    + min + ")");
        }
        return new AppConfig.EligibilitySettings(min, max,
                bool(v, ConfigKey.ACCIDENT_EXPRESSWAYS_EXCLUDED),
                bool(v, ConfigKey.ACCIDENT_HAZARDOUS_GOODS_EXCLUDED));
    }

    /** An http(s) address without a trailing slash, so paths can be appended. */
    private static String baseUrl(String url) {
        if (!url.matches("https?://[^/\\s]+(/\\S*)?")) {
            throw new ConfigException(ConfigKey.PUBLIC_BASE_URL.env() + " must be an http(s)"
                    + " address such as https://anxing.example, got '" + url + "'");
        }
        return url.replaceAll("/+$", "");
    }

    /** An IPv4 or IPv6 literal with an optional prefix length that fits it. */
    private static boolean isAddressOrBlock(String entry) {
        String[] parts = entry.split("/", -1);
        if (parts.length > 2 || (parts.length == 2 && !parts[1].matches("[0-9]{1,3}"))) {
            return false;
        }
        String address = parts[0];
        int maxPrefix;
        if (address.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            for (String octet : address.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
            maxPrefix = 32;
        } else if (address.contains(":") && address.matches("[0-9A-Fa-f:.]+")) {
            try {
                // a literal with a colon is parsed, never looked up
                java.net.InetAddress.getByName(address);
            } catch (java.net.UnknownHostException e) {
                return false;
            }
            maxPrefix = 128;
        } else {
            return false;
        }
        return parts.length == 1 || Integer.parseInt(parts[1]) <= maxPrefix;
    }

    /** Comma-separated addresses or CIDR blocks, each checked now rather than at a request. */
    private static java.util.List<String> trustedProxies(Map<String, String> v) {
        java.util.List<String> list = new java.util.ArrayList<>();
        String given = optional(v, ConfigKey.HTTP_TRUSTED_PROXIES).orElse("").strip();
        if (given.startsWith("[")) { // a JSON array in CONFIG_FILE
            given = String.join(",", new io.vertx.core.json.JsonArray(given).stream()
                    .map(String::valueOf).toList());
        }
        for (String entry : given.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            // the form only: the HTTP layer parses the addresses when it starts
            if (!isAddressOrBlock(entry.strip())) {
                throw new ConfigException("HTTP_TRUSTED_PROXIES: '" + entry.strip()
                        + "' is not an IP address or a CIDR block");
            }
            list.add(entry.strip());
        }
        return list;
    }

    private static void checkDatabaseUrl(String url) {
        if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
            throw new ConfigException("DATABASE_URL must look like"
                    + " postgresql://user:password@host:5432/database, got: " + redact(url));
        }
    }

    static String redact(String url) {
        return url.replaceAll("://([^:/@]+):[^@]*@", "://$1:***@");
    }

    private static JsonObject readDefaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " is missing from the classpath");
            }
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonObject readFile(Path file) {
        try {
            return new JsonObject(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException("CONFIG_FILE " + file + " cannot be read: " + e.getMessage());
        } catch (DecodeException e) {
            throw new ConfigException("CONFIG_FILE " + file + " is not valid JSON: "
                    + e.getMessage());
        }
    }

    private static void putAll(Map<String, String> values, JsonObject json, String source) {
        for (String name : json.fieldNames()) {
            if (name.startsWith("_")) {
                continue;
            }
            if (ConfigKey.byKey(name).isEmpty()) {
                throw new ConfigException("Unknown configuration key '" + name + "' in " + source);
            }
            values.put(name, String.valueOf(json.getValue(name)));
        }
    }

    private static String string(Map<String, String> v, ConfigKey key) {
        String value = v.get(key.key());
        if (value == null || value.isBlank()) {
            throw new ConfigException(key.env() + " (" + key.key() + ") must not be empty");
        }
        return value;
    }

    private static Optional<String> optional(Map<String, String> v, ConfigKey key) {
        String value = v.get(key.key());
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static int intInRange(Map<String, String> v, ConfigKey key, int min, int max) {
        String value = string(v, key);
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new ConfigException(key.env() + " must be between " + min + " and " + max
                        + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(key.env() + " must be a whole number, got '" + value + "'");
        }
    }

    private static boolean bool(Map<String, String> v, ConfigKey key) {
        String value = string(v, key);
        return switch (value.toLowerCase()) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new ConfigException(key.env() + " must be true or false, got '"
                    + value + "'");
        };
    }
}

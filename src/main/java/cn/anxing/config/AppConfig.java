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

    public record HttpConfig(String host, int port, long bodyLimitBytes, Duration shutdownGrace) {
    }

    /** {@code url} empty means: start the embedded PostgreSQL under {@code DATA_DIR/postgres}. */
    public record DatabaseConfig(Optional<String> url, int poolSize) {
    }

    public record MapConfig(Path mapFile, int matrixThreads) {
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
            String smsGateway) {
    }

    /**
     * The accident feature. Keys are base64 (32 bytes); empty means: in the demo, generate one on
     * first start and keep it in the database (like the JWT secret); otherwise a start error.
     *
     * @param fieldKey  AES-GCM key for licence and ID numbers at rest (ACCIDENT_FIELD_KEY)
     * @param sealKey   HMAC key of the agreements' verification codes (ACCIDENT_SEAL_KEY)
     * @param verifyUrl the public page an agreement's printed link leads to, the code appended
     *                  (ACCIDENT_VERIFY_URL); empty: this server's own #/verify page
     */
    public record AccidentConfig(Optional<String> fieldKey, Optional<String> sealKey,
            long photoMaxBytes, int duplicateRadiusMetres, Duration duplicateWindow,
            int photoFlagMetres, Optional<String> verifyUrl) {
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
                http.shutdownGrace()), database, dataDir, map, auth, demo, accident, outbox);
    }
}

package cn.anxing.config;

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
        boolean demo) {

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

    public Path graphCacheDir() {
        return dataDir.resolve("graph-cache");
    }

    public Path embeddedDatabaseDir() {
        return dataDir.resolve("postgres");
    }

    public AppConfig withHttpPort(int port) {
        return new AppConfig(new HttpConfig(http.host(), port, http.bodyLimitBytes(),
                http.shutdownGrace()), database, dataDir, map, auth, demo);
    }
}

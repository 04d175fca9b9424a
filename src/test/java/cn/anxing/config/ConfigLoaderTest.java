package cn.anxing.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Configuration")
class ConfigLoaderTest {

    @Test
    @DisplayName("With nothing set, the server runs the demo on port 8080 with embedded"
            + " PostgreSQL under ./data")
    void defaults() {
        AppConfig config = ConfigLoader.load(Map.of());
        assertEquals(8080, config.http().port());
        assertTrue(config.database().url().isEmpty());
        assertEquals(Path.of("./data"), config.dataDir());
        assertEquals(Path.of("map-data/guixi.osm"), config.map().mapFile());
        assertTrue(config.demo());
    }

    @Test
    @DisplayName("Environment variables override the file named by CONFIG_FILE, which overrides"
            + " the defaults")
    void layers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("anxing.json");
        Files.writeString(file, "{\"http.port\": 9000, \"data.dir\": \"/srv/anxing\"}");
        AppConfig config = ConfigLoader.load(Map.of("CONFIG_FILE", file.toString(),
                "HTTP_PORT", "9100", "DATABASE_URL", "postgresql://a:b@db:5432/anxing"));
        assertEquals(9100, config.http().port());
        assertEquals(Path.of("/srv/anxing"), config.dataDir());
        assertEquals("postgresql://a:b@db:5432/anxing", config.database().url().orElseThrow());
    }

    @ParameterizedTest(name = "{0}={1} is refused naming {0}")
    @CsvSource({
        "HTTP_PORT, eighty",
        "HTTP_PORT, 70000",
        "DATABASE_URL, mysql://x",
        "DEMO, maybe",
    })
    @DisplayName("A bad value stops the start with a message naming the variable")
    void badValues(String env, String value) {
        var e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(env, value)));
        assertTrue(e.getMessage().contains(env), e.getMessage());
    }

    @Test
    @DisplayName("Production (DEMO=false) needs a JWT secret and never returns sign-in codes")
    void production() {
        assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("DEMO", "false",
                "OTP_EXPOSE_IN_RESPONSE", "false")));
        assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("DEMO", "false",
                "JWT_SECRET", "s3cret-s3cret-s3cret-s3cret-s3cret")));
        AppConfig config = ConfigLoader.load(Map.of("DEMO", "false", "JWT_SECRET",
                "s3cret-s3cret-s3cret-s3cret-s3cret", "OTP_EXPOSE_IN_RESPONSE", "false",
                "ACCIDENT_FIELD_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                "ACCIDENT_SEAL_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="));
        assertFalse(config.demo());
    }

    @Test
    @DisplayName("Production (DEMO=false) needs the accident field and seal keys: data encrypted"
            + " with a generated key would be lost with it")
    void productionNeedsAccidentKeys() {
        var e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("DEMO",
                "false", "JWT_SECRET", "s3cret-s3cret-s3cret-s3cret-s3cret",
                "OTP_EXPOSE_IN_RESPONSE", "false")));
        assertTrue(e.getMessage().contains("ACCIDENT_FIELD_KEY"), e.getMessage());
    }

    @Test
    @DisplayName("A password in DATABASE_URL is hidden when the URL is shown")
    void redacts() {
        assertEquals("postgresql://anxing:***@db:5432/x",
                ConfigLoader.redact("postgresql://anxing:hunter2@db:5432/x"));
    }
}

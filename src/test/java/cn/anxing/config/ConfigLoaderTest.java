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
    @DisplayName("The agreement font, the eligibility policy and the public address are"
            + " configuration: by default Debian's CJK font, two to five vehicles off"
            + " expressways without hazardous goods, and each request's own address")
    void accidentDefaults() {
        AppConfig config = ConfigLoader.load(Map.of());
        assertEquals(Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
                config.accident().pdfFontPath());
        assertEquals(new AppConfig.EligibilitySettings(2, 5, true, true),
                config.accident().eligibility());
        assertTrue(config.http().publicBaseUrl().isEmpty());
    }

    @Test
    @DisplayName("ACCIDENT_PDF_FONT, ACCIDENT_MIN/MAX_VEHICLES, the two exclusions and"
            + " PUBLIC_BASE_URL (its trailing slash dropped) override the defaults")
    void accidentOverrides() {
        AppConfig config = ConfigLoader.load(Map.of("ACCIDENT_PDF_FONT", "/opt/fonts/cjk.ttf",
                "ACCIDENT_MIN_VEHICLES", "2", "ACCIDENT_MAX_VEHICLES", "2",
                "ACCIDENT_EXPRESSWAYS_EXCLUDED", "false",
                "ACCIDENT_HAZARDOUS_GOODS_EXCLUDED", "no",
                "PUBLIC_BASE_URL", "https://anxing.example/"));
        assertEquals(Path.of("/opt/fonts/cjk.ttf"), config.accident().pdfFontPath());
        assertEquals(new AppConfig.EligibilitySettings(2, 2, false, false),
                config.accident().eligibility());
        assertEquals("https://anxing.example", config.http().publicBaseUrl().orElseThrow());
        assertEquals("https://anxing.example", config.withHttpPort(9000).http()
                .publicBaseUrl().orElseThrow());
    }

    @Test
    @DisplayName("The police desk's keys: a 10-minute claim lease, a plate in 3 cases within 30"
            + " days, a 14-bit photo distance, 3 days for review; each can be set")
    void policeDeskSettings() {
        assertEquals(new AppConfig.PoliceDeskSettings(java.time.Duration.ofMinutes(10), 3, 30,
                14, 3), ConfigLoader.load(Map.of()).accident().police());
        assertEquals(new AppConfig.PoliceDeskSettings(java.time.Duration.ofSeconds(90), 5, 7, 8,
                15), ConfigLoader.load(Map.of("ACCIDENT_CLAIM_LEASE_SECONDS", "90",
                "ACCIDENT_PLATE_FREQUENCY_CASES", "5", "ACCIDENT_PLATE_FREQUENCY_DAYS", "7",
                "ACCIDENT_PHOTO_HASH_DISTANCE", "8", "ACCIDENT_REVIEW_DAYS", "15")).accident()
                .police());
    }

    @ParameterizedTest(name = "{0}={1} is refused naming {2}")
    @CsvSource({
        "PUBLIC_BASE_URL, anxing.example, PUBLIC_BASE_URL",
        "PUBLIC_BASE_URL, ftp://anxing.example, PUBLIC_BASE_URL",
        "ACCIDENT_MAX_VEHICLES, 1, ACCIDENT_MAX_VEHICLES",
        "ACCIDENT_MAX_VEHICLES, 6, ACCIDENT_MAX_VEHICLES",
        "ACCIDENT_MIN_VEHICLES, 0, ACCIDENT_MIN_VEHICLES",
        "ACCIDENT_EXPRESSWAYS_EXCLUDED, maybe, ACCIDENT_EXPRESSWAYS_EXCLUDED",
    })
    @DisplayName("A bad accident or address setting stops the start naming the variable")
    void badAccidentValues(String env, String value, String named) {
        var e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(env, value)));
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @Test
    @DisplayName("A password in DATABASE_URL is hidden when the URL is shown")
    void redacts() {
        assertEquals("postgresql://anxing:***@db:5432/x",
                ConfigLoader.redact("postgresql://anxing:hunter2@db:5432/x"));
    }
}

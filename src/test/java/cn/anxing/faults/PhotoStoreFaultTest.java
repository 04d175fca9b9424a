package cn.anxing.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.anxing.accident.photo.AccidentPhotos;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestDatabase;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Photos live in PostgreSQL, written in the upload's transaction. The database's answers when
 * its disk is full (SQLSTATE 53100) or it is read-only (25006, as a standby) are injected with
 * a trigger, as PostgreSQL itself would send them: the upload is refused with 507 or 503 and
 * neither the photo nor its row is stored.
 */
@DisplayName("The photo store when the database cannot take a photo")
class PhotoStoreFaultTest {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static TestServer server;
    private static Api driver;
    private static String caseId;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        driver = server.api().phone("13722220001");
        Api.Reply created = driver.post("/api/v1/accidents", new JsonObject()
                .put("lat", 28.29663).put("lon", 117.20555)
                .put("plates", new JsonArray().add("浙F70001").add("浙F70002"))
                .put("weather", "SUNNY").put("accidentForm", "REAR_END_COLLISION")
                .put("ignoreDuplicates", true));
        assertEquals(201, created.status(), created.toString());
        caseId = created.json().getString("id");
        Api.Reply checked = driver.post("/api/v1/accidents/" + caseId + "/checklist",
                new JsonObject().put("anyoneInjured", false).put("vehiclesDrivable", true)
                        .put("allInsured", true).put("drinkOrDrugs", false)
                        .put("facilityHit", false).put("hazardousGoods", false));
        assertEquals(200, checked.status(), checked.toString());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void heal() {
        sql("DROP TRIGGER IF EXISTS photo_blob_fault ON photo_blob");
        sql("DROP FUNCTION IF EXISTS photo_blob_fault()");
    }

    @Test
    @DisplayName("a full disk answers 507 STORAGE_FULL and stores nothing")
    void diskFull() throws Exception {
        inject("disk_full", "could not extend file: No space left on device");
        long blobs = count("photo_blob");
        long photos = count("accident_photo");
        HttpResponse<String> r = upload("panorama-front", AccidentPhotos.jpeg());
        assertEquals(507, r.statusCode(), r.body());
        assertEquals("STORAGE_FULL", new JsonObject(r.body()).getString("code"));
        assertEquals(blobs, count("photo_blob"));
        assertEquals(photos, count("accident_photo"));
    }

    @Test
    @DisplayName("a read-only database answers 503 STORAGE_UNAVAILABLE and stores nothing")
    void readOnly() throws Exception {
        inject("read_only_sql_transaction", "cannot execute INSERT in a read-only transaction");
        long photos = count("accident_photo");
        HttpResponse<String> r = upload("panorama-rear", AccidentPhotos.jpeg());
        assertEquals(503, r.statusCode(), r.body());
        assertEquals("STORAGE_UNAVAILABLE", new JsonObject(r.body()).getString("code"));
        assertEquals(photos, count("accident_photo"));
    }

    @Test
    @DisplayName("once the database takes writes again, the same upload is stored and served")
    void recovers() throws Exception {
        byte[] photo = AccidentPhotos.png();
        HttpResponse<String> r = upload("collision-point", photo);
        assertEquals(201, r.statusCode(), r.body());
        String photoId = null;
        for (Object slot : driver.get("/api/v1/accidents/" + caseId).json()
                .getJsonArray("photos")) {
            JsonObject entry = (JsonObject) slot;
            if ("collision-point".equals(entry.getString("slot"))
                    && entry.getJsonObject("photo") != null) {
                photoId = entry.getJsonObject("photo").getString("id");
            }
        }
        HttpResponse<byte[]> served = HTTP.send(HttpRequest.newBuilder(URI.create(
                server.baseUrl() + "/api/v1/accidents/" + caseId + "/photos/" + photoId))
                .header("Authorization", "Bearer " + driver.token()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, served.statusCode());
        assertArrayEquals(photo, served.body());
    }

    private static HttpResponse<String> upload(String slot, byte[] bytes) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                        + "/api/v1/accidents/" + caseId + "/photos/" + slot))
                .header("Authorization", "Bearer " + driver.token())
                .header("Content-Type", bytes[0] == (byte) 0x89 ? "image/png" : "image/jpeg")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Makes every insert into photo_blob fail as PostgreSQL fails with {@code condition}. */
    private static void inject(String condition, String message) {
        sql("CREATE FUNCTION photo_blob_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " RAISE EXCEPTION '" + message + "' USING ERRCODE = '" + condition + "';"
                + " END $$");
        sql("CREATE TRIGGER photo_blob_fault BEFORE INSERT ON photo_blob FOR EACH ROW"
                + " EXECUTE FUNCTION photo_blob_fault()");
    }

    private static long count(String table) throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sql(String statement) {
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }
}
